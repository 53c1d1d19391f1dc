// PostgreSQL implementation of sql::Connection over libpq. Statements are prepared once per
// connection (PQprepare, parameter types inferred by the server) and run with PQexecPrepared in
// text format. SQLSTATE 23505 maps to a unique violation, 40001/40P01 to a retryable
// serialisation failure.
#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>

#include "store/sql.hpp"

namespace huiyin::sql {
namespace {

constexpr std::size_t kMaxCachedStatements = 256;

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw SqlError(SqlError::Kind::connection, "postgresql connect: " + msg);
    }
    exec_script("SET client_encoding = 'UTF8'; SET client_min_messages = warning;");
  }

  ~PgConnection() override { PQfinish(conn_); }

  Rows query(std::string_view sql, const Params& params) override {
    PGresult* r = run(sql, params);
    ResultGuard g{r};
    Rows rows;
    int nrows = PQntuples(r), ncols = PQnfields(r);
    rows.reserve(nrows);
    for (int i = 0; i < nrows; ++i) {
      std::vector<Value> cells;
      cells.reserve(ncols);
      for (int j = 0; j < ncols; ++j) {
        if (PQgetisnull(r, i, j))
          cells.emplace_back();
        else
          cells.emplace_back(std::string(PQgetvalue(r, i, j), PQgetlength(r, i, j)));
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  std::int64_t exec(std::string_view sql, const Params& params) override {
    PGresult* r = run(sql, params);
    ResultGuard g{r};
    const char* n = PQcmdTuples(r);
    return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
  }

  void exec_script(std::string_view sql) override {
    std::string text(sql);
    PGresult* r = PQexec(conn_, text.c_str());
    ResultGuard g{r};
    check(r);
  }

  void begin(bool write) override {
    exec_script(write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                      : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return;
    PGresult* r = PQexec(conn_, "ROLLBACK");
    PQclear(r);
  }
  bool healthy() const override { return conn_ && PQstatus(conn_) == CONNECTION_OK; }
  std::string backend() const override { return "postgresql"; }

 private:
  PGresult* run(std::string_view sql, const Params& params) {
    const std::string& name = prepare(sql);
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i].get();
      if (params[i].is_null()) continue;
      if (auto* d = std::get_if<double>(&v)) {
        char buf[32];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        texts[i].assign(buf, p);
      } else {
        texts[i] = params[i].as_text();
        // libpq sends C strings: text after a NUL would be cut off silently. The API refuses
        // NUL at the edge (422); this is the backstop for every other caller.
        if (texts[i].find('\0') != std::string::npos)
          throw std::runtime_error("text parameter contains a NUL character");
      }
      values[i] = texts[i].c_str();
    }
    PGresult* r = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                 values.data(), nullptr, nullptr, 0);
    try {
      check(r);
    } catch (...) {
      PQclear(r);
      throw;
    }
    return r;
  }

  const std::string& prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCachedStatements) {
      PQclear(PQexec(conn_, "DEALLOCATE ALL"));
      cache_.clear();
    }
    std::string name = "hy" + std::to_string(++counter_);
    PGresult* r = PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr);
    ResultGuard g{r};
    check(r, &key);
    return cache_.emplace(std::move(key), std::move(name)).first->second;
  }

  void check(PGresult* r, const std::string* sql = nullptr) {
    auto st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) return;
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string code = state ? state : "";
    std::string msg = "postgresql: " + std::string(PQerrorMessage(conn_));
    if (sql) msg += " in: " + *sql;
    SqlError::Kind kind = SqlError::Kind::other;
    if (code == "23505")
      kind = SqlError::Kind::unique;
    else if (code == "40001" || code == "40P01" || code == "55P03")
      kind = SqlError::Kind::serialization;
    else if (PQstatus(conn_) != CONNECTION_OK || code.rfind("08", 0) == 0)
      kind = SqlError::Kind::connection;
    throw SqlError(kind, msg);
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> cache_;
  std::uint64_t counter_ = 0;
};

}  // namespace

std::unique_ptr<Connection> open_postgresql(const std::string& conninfo) {
  return std::make_unique<PgConnection>(conninfo);
}

}  // namespace huiyin::sql
