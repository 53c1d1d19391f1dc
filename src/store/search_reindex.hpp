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

#include "store/sql.hpp"

namespace huiyin::sql {

// The key for a matter's title and content.
std::string matter_search_key(std::string_view title, std::string_view content);

// Rewrites search_text for all matters; returns how many rows were rewritten.
std::int64_t reindex_search_text(Connection& c);

}  // namespace huiyin::sql
