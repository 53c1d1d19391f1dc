// A small generic SQL layer (PowerDNS style): one Connection interface with two
// implementations, SQLite (sqlite_connection.cpp) and PostgreSQL (pg_connection.cpp). SQL text
// uses `$1, $2, ...` placeholders and values are always bound, never spliced into the text;
// each connection keeps its prepared statements in a cache keyed by SQL text.
// Failures throw SqlError (the caller, sql_store.cpp, maps them to Result values).
// Thread-safety: a Connection is used by one thread at a time (the pool hands it out).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace huiyin::sql {

// A bound parameter or a result cell: null, integer, real or text.
class Value {
 public:
  using Variant = std::variant<std::monostate, std::int64_t, double, std::string>;
  Value() = default;
  Value(std::nullopt_t) {}
  Value(std::int64_t v) : v_(v) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  template <typename T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool is_null() const { return v_.index() == 0; }
  const Variant& get() const { return v_; }
  // Conversions used when reading rows: PostgreSQL answers in text, SQLite in native types.
  std::int64_t as_int() const;
  double as_real() const;
  std::string as_text() const;

 private:
  Variant v_;
};

using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool null(std::size_t i) const { return cells_.at(i).is_null(); }
  std::int64_t integer(std::size_t i) const { return cells_.at(i).as_int(); }
  double real(std::size_t i) const { return cells_.at(i).as_real(); }
  std::string text(std::size_t i) const { return cells_.at(i).as_text(); }
  std::optional<std::int64_t> opt_integer(std::size_t i) const {
    return null(i) ? std::nullopt : std::optional<std::int64_t>(integer(i));
  }
  std::optional<double> opt_real(std::size_t i) const {
    return null(i) ? std::nullopt : std::optional<double>(real(i));
  }

 private:
  std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

class SqlError : public std::runtime_error {
 public:
  enum class Kind {
    busy,           // SQLITE_BUSY / lock timeout: retry the transaction
    serialization,  // PostgreSQL 40001 / 40P01: retry the transaction
    unique,         // unique or primary key violation
    connection,     // could not connect, or the connection broke
    other,
  };
  SqlError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }
  bool retryable() const { return kind_ == Kind::busy || kind_ == Kind::serialization; }

 private:
  Kind kind_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, const Params& params = {}) = 0;
  // Several statements without parameters (migration files).
  virtual void exec_script(std::string_view sql) = 0;
  // write=true takes the write lock up front (SQLite BEGIN IMMEDIATE); a read transaction
  // sees one consistent snapshot.
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;  // never throws
  virtual bool healthy() const = 0;
  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"
};

std::unique_ptr<Connection> open_sqlite(const std::string& path);
std::unique_ptr<Connection> open_postgresql(const std::string& conninfo);
// `sqlite:PATH`, `postgresql://...` or `postgres://...`; throws SqlError on failure.
std::unique_ptr<Connection> open_connection(const std::string& url);

}  // namespace huiyin::sql
