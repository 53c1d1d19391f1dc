// Migration 008_track_lookup: matters stored before it are found by their reporter's phone in
// its stored form (domain/phone.hpp), whatever way the phone was written then.
#include <gtest/gtest.h>

#include "features/matters/matter_store.hpp"
#include "store/migrations.hpp"
#include "store/store_test_support.hpp"

namespace huiyin::testing {
namespace {

class PhoneKeysUpgradeTest : public StoreFixture {
 protected:
  bool migrate_in_setup() const override { return false; }
};

TEST_P(PhoneKeysUpgradeTest, MattersStoredBeforeTheLookupAreFoundByTheirReportersPhone) {
  sql::Dialect d{GetParam() == "sqlite" ? sql::Dialect::Kind::sqlite
                                        : sql::Dialect::Kind::postgresql};
  auto c = raw();
  ASSERT_EQ(*sql::apply_migrations(*c, d, 7), 7);
  auto reporter = [&](const std::string& phone) {
    return c->query("INSERT INTO reporters (name, phone) VALUES ('张三', $1) RETURNING id", {phone})
        .at(0)
        .integer(0);
  };
  auto matter = [&](const std::string& code, std::int64_t rid, std::int64_t at) {
    c->exec(
        "INSERT INTO matters (code, title, content, channel, kind, status, reporter_id, "
        "created_at, updated_at) VALUES ($1, $2, '内容', 'web', 'problem', 'submitted', $3, $4, $4)",
        {code, "标题" + code, rid, at});
  };
  matter("ZZ-LAND", reporter("0731-12345678"), 10);
  matter("ZZ-MOB1", reporter("13812345678"), 20);
  matter("ZZ-MOB2", reporter("13812345678"), 30);
  matter("ZZ-ANON", reporter(""), 40);
  c.reset();
  auto v = store().migrate();
  ASSERT_TRUE(v.ok()) << v.error().detail;
  EXPECT_EQ(*v, latest_migration(GetParam()));
  auto codes = [&](const std::string& phone) {
    return r([&](Tx& tx) {
      std::vector<std::string> out;
      for (const auto& h : db::matters_by_phone(tx, phone, 100)) out.push_back(h.code);
      return out;
    });
  };
  EXPECT_EQ(codes("073112345678"), std::vector<std::string>{"ZZ-LAND"});
  EXPECT_EQ(codes("13812345678"), (std::vector<std::string>{"ZZ-MOB2", "ZZ-MOB1"}));
  EXPECT_TRUE(codes("").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, PhoneKeysUpgradeTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin::testing
