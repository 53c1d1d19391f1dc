// Search keys for Chinese substring search on plain full-text indexes. The stored key of a
// matter lists the character bigrams of its normalised text in order, then its characters, as
// space-separated tokens; a 2+ character query becomes a phrase of consecutive bigrams, so a
// unicode61 FTS5 table (SQLite) or a 'simple' tsvector (PostgreSQL) finds any substring of two
// characters or more, including the common two-character words the trigram tokenizer misses.
// Traditional and Simplified text give the same keys. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huiyin::text {

// The document key for the search column: e.g. "路灯坏了" -> "路灯 灯坏 坏了 路 灯 坏 了".
std::string search_key(std::string_view text);

// A query: its words (split at spaces and punctuation), each a phrase of consecutive tokens
// (bigrams; a one-character word is its single character). Every word must match.
struct SearchQuery {
  std::vector<std::vector<std::string>> phrases;
  bool empty() const { return phrases.empty(); }
};

SearchQuery parse_search_query(std::string_view query);

// Whether `text` matches `query` the way the index does: every word of the query stands inside
// one run of the normalised text. For answering from a text that is not indexed (a masked one).
bool matches_query(std::string_view text, std::string_view query);

// FTS5 MATCH expression: "路灯 灯坏" AND "物业" (empty when the query has no word).
std::string fts5_match(const SearchQuery& q);
// PostgreSQL to_tsquery('simple', ...) text: 路灯 <-> 灯坏 & 物业 (empty when no word).
std::string pg_tsquery(const SearchQuery& q);

}  // namespace huiyin::text
