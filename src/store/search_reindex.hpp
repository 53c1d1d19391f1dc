// Recomputes matters.search_text (the keyword-search key) for every matter from its title and
// content, with the same text-layer function the service uses at intake
// (text::search_key over title and content on separate lines; see service/search_text.cpp).
// The migration runner calls it after the migration that introduced the current key format, so
// matters stored before it become searchable; the full-text index follows by trigger (SQLite)
// or generated column (PostgreSQL). Runs inside the caller's transaction, in batches by id.
// Not thread-safe per connection (like the connection).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql.hpp"

namespace huiyin::sql {

// The key for a matter's title and content.
std::string matter_search_key(std::string_view title, std::string_view content);

// Rewrites search_text for all matters; returns how many rows were rewritten.
std::int64_t reindex_search_text(Connection& c);

// The keyword index set aside for a bulk load and built once at its end, instead of row by row:
// on SQLite the FTS5 triggers on matters are dropped (their SQL kept here) and recreated, then
// the index rebuilt from search_text; on PostgreSQL the GIN index over search_tsv is dropped and
// created again. A load that dies in between leaves search without its index: suspend refuses
// to start on such a database (SqlError), and resume is what repairs it.
struct SuspendedSearchIndex {
  std::vector<std::string> recreate;  // statements, in order
};
SuspendedSearchIndex suspend_search_index(Connection& c);
// For the transactions of a bulk load: SQLite keeps up to 1 GiB of pages in this connection's
// cache (instead of 64 MiB), so a transaction of thousands of matters does not spill to the WAL
// half-written. PostgreSQL: nothing. Stays for the connection's life.
void widen_cache_for_bulk_load(Connection& c);
void resume_search_index(Connection& c, const SuspendedSearchIndex& s);

}  // namespace huiyin::sql
