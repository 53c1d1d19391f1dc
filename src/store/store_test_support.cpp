#include "store/store_test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace huiyin::testing {
namespace {

std::atomic<int> counter{0};

// postgresql://user@host:port/db?x -> the same URL with db replaced.
std::string with_database(const std::string& url, const std::string& db) {
  auto q = url.find('?');
  std::string base = url.substr(0, q), rest = q == std::string::npos ? "" : url.substr(q);
  auto scheme_end = base.find("://");
  auto slash = base.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (slash == std::string::npos) return base + "/" + db + rest;
  return base.substr(0, slash + 1) + db + rest;
}

}  // namespace

void StoreFixture::SetUp() {
  std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter++);
  if (GetParam() == "sqlite") {
    sqlite_path_ = (std::filesystem::temp_directory_path() / ("huiyin_store_test_" + unique) /
                    "huiyin.db")
                       .string();
    std::filesystem::remove_all(std::filesystem::path(sqlite_path_).parent_path());
    url_ = "sqlite:" + sqlite_path_;
  } else {
    const char* env = std::getenv("HUIYIN_TEST_PG_URL");
    if (!env || !*env) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
    pg_admin_url_ = env;
    pg_db_ = "huiyin_t_" + unique;
    auto admin = sql::open_postgresql(pg_admin_url_);
    // Identifiers cannot be bound; the name is made of digits and letters generated here.
    admin->exec_script("DROP DATABASE IF EXISTS " + pg_db_ + " WITH (FORCE)");
    admin->exec_script("CREATE DATABASE " + pg_db_ + " TEMPLATE template0 ENCODING 'UTF8'");
    url_ = with_database(pg_admin_url_, pg_db_);
  }
  StoreOptions opts;
  opts.audit_key = test_audit_key();
  auto s = open_store(url_, opts);
  ASSERT_TRUE(s.ok()) << s.error().detail;
  store_ = std::move(s.value());
  if (!migrate_in_setup()) return;
  auto v = store_->migrate();
  ASSERT_TRUE(v.ok()) << v.error().detail;
}

void StoreFixture::TearDown() {
  store_.reset();
  if (!sqlite_path_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(std::filesystem::path(sqlite_path_).parent_path(), ec);
  }
  if (!pg_db_.empty()) {
    try {
      sql::open_postgresql(pg_admin_url_)->exec_script("DROP DATABASE IF EXISTS " + pg_db_ +
                                                       " WITH (FORCE)");
    } catch (const std::exception&) {
      // leaving a test database behind is harmless: the cluster is throwaway
    }
  }
}

}  // namespace huiyin::testing
