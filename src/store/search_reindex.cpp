#include "store/search_reindex.hpp"

#include "text/search_key.hpp"

namespace huiyin::sql {
namespace {

constexpr const char* kBatch =
    "SELECT id, title, content FROM matters WHERE id > $1 ORDER BY id LIMIT 500";
constexpr const char* kSetKey = "UPDATE matters SET search_text = $1 WHERE id = $2";
constexpr const char* kSqliteTriggers =
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'matters' "
    "AND name LIKE 'matters\\_fts\\_%' ESCAPE '\\' ORDER BY name";
constexpr const char* kSqliteRebuild = "INSERT INTO matters_fts (matters_fts) VALUES ('rebuild')";
constexpr const char* kPgIndex =
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
    "AND tablename = 'matters' AND indexname = 'matters_search'";

}  // namespace

std::string matter_search_key(std::string_view title, std::string_view content) {
  std::string text;
  text.reserve(title.size() + 1 + content.size());
  text.append(title);
  text.push_back('\n');  // a separator: no bigram spans the end of the title
  text.append(content);
  return text::search_key(text);
}

std::int64_t reindex_search_text(Connection& c) {
  std::int64_t last = 0, done = 0;
  for (;;) {
    Rows rows = c.query(kBatch, {last});
    if (rows.empty()) return done;
    for (const auto& r : rows) {
      last = r.integer(0);
      c.exec(kSetKey, {matter_search_key(r.text(1), r.text(2)), last});
      ++done;
    }
  }
}

SuspendedSearchIndex suspend_search_index(Connection& c) {
  const bool sqlite = c.backend() == "sqlite";
  SuspendedSearchIndex out;
  std::vector<std::string> names;
  for (const auto& r : c.query(sqlite ? kSqliteTriggers : kPgIndex)) {
    names.push_back(r.text(0));
    out.recreate.push_back(r.text(1));
  }
  if (names.empty())
    throw SqlError(SqlError::Kind::other,
                   "keyword index missing (an interrupted bulk load?): nothing to suspend");
  // The names come from the catalog just read, never from input.
  for (const auto& n : names) c.exec_script((sqlite ? "DROP TRIGGER " : "DROP INDEX ") + n);
  return out;
}

void widen_cache_for_bulk_load(Connection& c) {
  if (c.backend() == "sqlite") c.exec_script("PRAGMA cache_size=-1048576");
}

void resume_search_index(Connection& c, const SuspendedSearchIndex& s) {
  for (const auto& sql : s.recreate) c.exec_script(sql);
  if (c.backend() == "sqlite") c.exec_script(kSqliteRebuild);
}

}  // namespace huiyin::sql
