// Test support for the storage suites: a fixture parameterised by backend that gives each test
// a fresh, migrated database — a temporary SQLite file always, and a freshly created
// PostgreSQL database when HUIYIN_TEST_PG_URL is set (the test is skipped otherwise).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "store/dialect.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

namespace huiyin::testing {

// The audit key the fixtures open their stores with (32 bytes; tests only).
inline const std::string& test_audit_key() {
  static const std::string key(32, 'k');
  return key;
}

// A fresh, empty PostgreSQL database named `name` on the server of HUIYIN_TEST_PG_URL: its URL,
// or empty when the variable is not set. drop_pg_test_database removes it (best effort).
std::string create_pg_test_database(const std::string& name);
void drop_pg_test_database(const std::string& name);

class StoreFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Tests of migration itself start from an empty database.
  virtual bool migrate_in_setup() const { return true; }
  // A separate raw connection to the same database (for tampering and inspection).
  std::unique_ptr<sql::Connection> raw() const { return sql::open_connection(url_); }
  Store& store() { return *store_; }
  const std::string& url() const { return url_; }

  // Runs f in a write transaction and returns its value; the transaction must succeed.
  template <typename F>
  auto w(F f) {
    using R = decltype(f(std::declval<Tx&>()));
    std::optional<R> out;
    Status st = store_->write([&](Tx& tx) {
      out.emplace(f(tx));
      return ok();
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().detail);
    return std::move(*out);
  }
  template <typename F>
  auto r(F f) {
    using R = decltype(f(std::declval<Tx&>()));
    std::optional<R> out;
    Status st = store_->read([&](Tx& tx) {
      out.emplace(f(tx));
      return ok();
    });
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().detail);
    return std::move(*out);
  }

 private:
  std::unique_ptr<Store> store_;
  std::string url_;
  std::string sqlite_path_;
  std::string pg_db_;
};

// Both backends; the PostgreSQL ones skip themselves without HUIYIN_TEST_PG_URL.
inline auto backends() { return ::testing::Values(std::string("sqlite"), std::string("postgresql")); }
inline std::string backend_name(const ::testing::TestParamInfo<std::string>& i) { return i.param; }
// The schema version a full migrate reaches: the highest migration shipped for the backend.
inline int latest_migration(const std::string& backend) {
  sql::Dialect d{backend == "sqlite" ? sql::Dialect::Kind::sqlite : sql::Dialect::Kind::postgresql};
  return sql::migrations_for(d).back().version;
}
inline std::int64_t migration_count(const std::string& backend) {
  sql::Dialect d{backend == "sqlite" ? sql::Dialect::Kind::sqlite : sql::Dialect::Kind::postgresql};
  return static_cast<std::int64_t>(sql::migrations_for(d).size());
}

}  // namespace huiyin::testing
