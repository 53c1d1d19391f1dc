// SQLite implementation of sql::Connection over the sqlite3 C API. `$N` placeholders become
// `?N`; WAL, synchronous=NORMAL, foreign keys on, a busy timeout so writers queue instead of
// failing; BEGIN IMMEDIATE for write transactions so two writers never deadlock on upgrade.
#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "store/sql.hpp"

namespace huiyin::sql {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kMaxCachedStatements = 256;

// `$12` -> `?12`, leaving quoted text alone.
std::string translate_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      c = '?';
    }
    out.push_back(c);
  }
  return out;
}

SqlError::Kind kind_of(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SqlError::Kind::busy;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return SqlError::Kind::unique;
      return SqlError::Kind::other;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
      return SqlError::Kind::connection;
    default:
      return SqlError::Kind::other;
  }
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw SqlError(SqlError::Kind::connection, "sqlite open " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // A 64 MiB page cache per connection (allocated only as used; SQLite's default is 2 MiB):
    // the full-text index's segment merges and lookups at a million matters need it.
    // No checkpoint inside a commit: the store's WalCheckpointer thread runs them (and a
    // connection closing last still checkpoints, as SQLite always does); the log file is cut
    // back to 64 MiB whenever it starts over.
    exec_script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=0; "
        "PRAGMA journal_size_limit=67108864;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    Rows rows;
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc, st);
      int n = sqlite3_column_count(st);
      std::vector<Value> cells;
      cells.reserve(n);
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER:
            cells.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, i)));
            break;
          case SQLITE_FLOAT:
            cells.emplace_back(sqlite3_column_double(st, i));
            break;
          case SQLITE_NULL:
            cells.emplace_back();
            break;
          default: {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            cells.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(st, i)));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    sqlite3_reset(st);
    return rows;
  }

  std::int64_t exec(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(rc, st);
    sqlite3_reset(st);
    return sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw SqlError(kind_of(sqlite3_extended_errcode(db_)), "sqlite: " + msg);
    }
  }

  void begin(bool write) override { exec(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED", {}); }
  void commit() override { exec("COMMIT", {}); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  bool healthy() const override { return db_ != nullptr; }
  std::string backend() const override { return "sqlite"; }

 private:
  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    sqlite3_stmt* st = nullptr;
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      st = it->second;
    } else {
      std::string text = translate_placeholders(sql);
      int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                  SQLITE_PREPARE_PERSISTENT, &st, nullptr);
      if (rc != SQLITE_OK) {
        throw SqlError(kind_of(rc), std::string("sqlite prepare: ") + sqlite3_errmsg(db_) +
                                        " in: " + text);
      }
      if (cache_.size() >= kMaxCachedStatements) {
        for (auto& [s, old] : cache_) sqlite3_finalize(old);
        cache_.clear();
      }
      cache_.emplace(std::move(key), st);
    }
    sqlite3_clear_bindings(st);
    int n = sqlite3_bind_parameter_count(st);
    if (static_cast<std::size_t>(n) > params.size())
      throw SqlError(SqlError::Kind::other, "sqlite: too few parameters for: " + std::string(sql));
    for (int i = 0; i < n; ++i) bind(st, i + 1, params[i]);
    return st;
  }

  static void bind(sqlite3_stmt* st, int i, const Value& v) {
    const auto& var = v.get();
    if (auto* x = std::get_if<std::int64_t>(&var)) {
      sqlite3_bind_int64(st, i, *x);
    } else if (auto* d = std::get_if<double>(&var)) {
      sqlite3_bind_double(st, i, *d);
    } else if (auto* s = std::get_if<std::string>(&var)) {
      sqlite3_bind_text(st, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_null(st, i);
    }
  }

  [[noreturn]] void fail(int rc, sqlite3_stmt* st) {
    int ext = sqlite3_extended_errcode(db_);
    std::string msg = std::string("sqlite: ") + sqlite3_errmsg(db_);
    sqlite3_reset(st);
    throw SqlError(kind_of(ext ? ext : rc), msg);
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteConnection>(path);
}

}  // namespace huiyin::sql
