// The SQL text that differs between SQLite and PostgreSQL, in one place. Everything else in
// the store is written once in the SQL both understand (RETURNING, ON CONFLICT, bound `$N`).
// Immutable; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/search_key.hpp"

namespace huiyin::sql {

struct Dialect {
  enum class Kind { sqlite, postgresql } kind;

  std::string name() const { return kind == Kind::sqlite ? "sqlite" : "postgresql"; }
  // Directory under share/data/migrations.
  std::string migrations_dir() const { return "migrations/" + name() + "/"; }

  // Reads the single-row chain head; PostgreSQL locks it so appends serialise (SQLite write
  // transactions are already serialised by BEGIN IMMEDIATE).
  const char* select_chain_head() const {
    return kind == Kind::sqlite ? "SELECT seq, hash FROM chain_head WHERE id = 1"
                                : "SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE";
  }
  // Taken first inside the migration transaction so two processes never migrate at once
  // (SQLite: BEGIN IMMEDIATE already excludes other writers). The key spells "HUIYIN".
  const char* lock_migrations() const {
    return kind == Kind::sqlite ? nullptr : "SELECT pg_advisory_xact_lock(7208232487514446)";
  }
  // "<column> matches any id in the list bound as parameter $n", and the text to bind.
  std::string in_id_list(const std::string& column, int n) const {
    std::string p = "$" + std::to_string(n);
    return kind == Kind::sqlite ? column + " IN (SELECT value FROM json_each(" + p + "))"
                                : column + " = ANY(CAST(" + p + " AS BIGINT[]))";
  }
  // Keyword search over matters.search_text (migration 002; search_text holds the text layer's
  // bigram search key). match_text() is the value to bind for a parsed query: an FTS5 MATCH
  // expression (SQLite, table matters_fts) or to_tsquery('simple') text (PostgreSQL, the GIN-
  // indexed generated column search_tsv). Tokens are normalised letters and digits only, so
  // neither syntax can be broken by what a user types.
  std::string match_text(const text::SearchQuery& q) const {
    return kind == Kind::sqlite ? text::fts5_match(q) : text::pg_tsquery(q);
  }
  // A newest-first keyword list: FROM clause, the condition on the bound match text $p, and
  // the id column to order and page on. SQLite drives the query from the FTS5 index in
  // descending rowid order (CROSS JOIN fixes the loop order), so it stops after one page.
  std::string keyword_from() const {
    return kind == Kind::sqlite ? " FROM matters_fts hit CROSS JOIN matters m ON m.id = hit.rowid"
                                : " FROM matters m";
  }
  std::string keyword_condition(const std::string& p) const {
    return kind == Kind::sqlite ? "hit.matters_fts MATCH " + p
                                : "m.search_tsv @@ to_tsquery('simple', " + p + ")";
  }
  std::string keyword_id() const { return kind == Kind::sqlite ? "hit.rowid" : "m.id"; }
  // A subquery of (id, score) over the matters matching $p; a lower score is a better match
  // (FTS5 bm25 rank; minus ts_rank on PostgreSQL).
  std::string keyword_scores(const std::string& p) const {
    return kind == Kind::sqlite
               ? "SELECT rowid AS id, rank AS score FROM matters_fts WHERE matters_fts MATCH " + p
               : "SELECT id, -ts_rank(search_tsv, to_tsquery('simple', " + p +
                     ")) AS score FROM matters WHERE search_tsv @@ to_tsquery('simple', " + p + ")";
  }
  std::string id_list(const std::vector<std::int64_t>& ids) const {
    std::string s = kind == Kind::sqlite ? "[" : "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i) s += ',';
      s += std::to_string(ids[i]);
    }
    s += kind == Kind::sqlite ? "]" : "}";
    return s;
  }
};

}  // namespace huiyin::sql
