#include "store/migrations.hpp"

#include <algorithm>
#include <ctime>

#include "domain/phone.hpp"
#include "share/resources.hpp"
#include "store/search_reindex.hpp"

namespace huiyin::sql {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr const char* kCurrent = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr const char* kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

// 008_track_lookup: every matter with a reporter phone under the phone's stored form.
void fill_phone_keys(Connection& c) {
  Rows rows = c.query(
      "SELECT m.id, r.phone FROM matters m JOIN reporters r ON r.id = m.reporter_id "
      "WHERE r.phone <> '' ORDER BY m.id");
  for (const auto& r : rows) {
    const std::string phone = normalize_phone(r.text(1));
    if (!phone.empty())
      c.exec("INSERT INTO matter_phone_keys (matter_id, phone) VALUES ($1, $2)",
             {r.integer(0), phone});
  }
}

// Work a migration needs that SQL cannot do (the text layer's normalisation), run right after
// the migration's SQL in the same transaction.
void after_migration(Connection& c, int version) {
  if (version == 2) reindex_search_text(c);  // 002_keyword_search: keys become bigram keys
  if (version == 8) fill_phone_keys(c);      // 008_track_lookup: phones in their stored form
}

}  // namespace

std::vector<Migration> migrations_for(const Dialect& d) {
  std::vector<Migration> out;
  const std::string dir = d.migrations_dir();
  for (const auto& r : resources()) {
    if (r.path.rfind(dir, 0) != 0 || !r.path.ends_with(".sql")) continue;
    std::string name(r.path.substr(dir.size()));
    int version = 0;
    std::size_t i = 0;
    while (i < name.size() && name[i] >= '0' && name[i] <= '9') version = version * 10 + (name[i++] - '0');
    if (i == 0 || version == 0) continue;
    out.push_back({version, name, r.bytes});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

Result<int> apply_migrations(Connection& c, const Dialect& d, int up_to) {
  auto all = migrations_for(d);
  for (std::size_t i = 1; i < all.size(); ++i)
    if (all[i].version == all[i - 1].version)
      return Error{ErrorCode::internal, "迁移版本重复：" + all[i].name, {}};

  // SQLite rebuilds a table to change a column (006: measures). As SQLite documents for that,
  // foreign keys are not enforced while the migrations run, and are checked as a whole before
  // commit instead. The pragma has no effect inside a transaction, so it brackets it.
  const bool sqlite = d.kind == Dialect::Kind::sqlite;
  if (sqlite) c.exec_script("PRAGMA foreign_keys=OFF");
  c.begin(true);
  try {
    if (const char* lock = d.lock_migrations()) c.exec_script(lock);
    c.exec_script(kCreateTable);
    int current = static_cast<int>(c.query(kCurrent).at(0).integer(0));
    for (const auto& m : all) {
      if (m.version <= current || m.version > up_to) continue;
      c.exec_script(m.sql);
      after_migration(c, m.version);
      c.exec(kRecord, {m.version, m.name, static_cast<std::int64_t>(std::time(nullptr))});
      current = m.version;
    }
    if (sqlite && !c.query("PRAGMA foreign_key_check").empty())
      throw SqlError(SqlError::Kind::other, "foreign key check failed after the migrations");
    c.commit();
    if (sqlite) c.exec_script("PRAGMA foreign_keys=ON");
    return current;
  } catch (...) {
    c.rollback();
    if (sqlite) c.exec_script("PRAGMA foreign_keys=ON");
    throw;
  }
}

}  // namespace huiyin::sql
