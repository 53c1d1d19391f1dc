// Retention of reporters' personal data over a real store (both backends): past the rule a closed
// matter's reporter loses name, phone and ID number and the lookup by phone no longer finds it,
// by one audited event the chain accepts; open matters, matters inside the period and 信访
// matters inside their longer period keep theirs; a dry run writes nothing.
#include <gtest/gtest.h>

#include "app/service_test_support.hpp"
#include "features/matters/retention.hpp"
#include "kernel/audit.hpp"
#include "store/sql.hpp"

namespace huiyin::testing {
namespace {

constexpr std::int64_t kYear = 365 * 24 * 3600;

class RetentionTest : public ServiceTest {
 protected:
  std::string closed(const std::string& title) {
    auto r = submit(title);
    assign_and_sign(r.code);
    ActionRequest res = action("resolve");
    res.reply = "已处理";
    act("zjj", r.code, res);
    EXPECT_TRUE(svc_->intake().evaluate(r.code, r.token, {true, "satisfied", ""}));
    act("disp", r.code, action("close"));
    return r.code;
  }
  // name|phone|id_number of the matter's reporter, as stored.
  std::string reporter_of(const std::string& code) {
    auto rows = sql::open_connection(url_)->query(
        "SELECT r.name, r.phone, r.id_number FROM matters m JOIN reporters r ON r.id = m.reporter_id "
        "WHERE m.code = $1", {code});
    return rows.empty() ? "?" : rows[0].text(0) + "|" + rows[0].text(1) + "|" + rows[0].text(2);
  }
  std::int64_t phone_keys(const std::string& code) {
    return sql::open_connection(url_)->query(
        "SELECT COUNT(*) FROM matter_phone_keys k JOIN matters m ON m.id = k.matter_id WHERE m.code = $1",
        {code}).at(0).integer(0);
  }
  std::int64_t erased_events(const std::string& code) {
    return sql::open_connection(url_)->query(
        "SELECT COUNT(*) FROM events e JOIN matters m ON m.id = e.matter_id "
        "WHERE m.code = $1 AND e.type = 'personal_data_erased'", {code}).at(0).integer(0);
  }
  db::RetentionPass run(const db::RetentionRule& rule, bool dry_run = false) {
    auto pass = dry_run ? store_->read([&](Tx& tx) {
                  return db::erase_expired_personal_data(tx, rule, clock_->now(), true);
                })
                        : store_->write([&](Tx& tx) {
                  return db::erase_expired_personal_data(tx, rule, clock_->now(), false);
                });
    EXPECT_TRUE(pass) << pass.error().detail;
    return pass ? *pass : db::RetentionPass{};
  }
};

TEST_F(RetentionTest, PastThePeriodTheReporterIsErasedByAnAuditedEventAndTheRestStays) {
  const std::string old_code = closed("三年前办结的路灯");
  const std::string open_code = submit("仍在办理的噪音").code;
  const std::string kept = reporter_of(old_code);
  ASSERT_EQ(kept, "张三|13812341234|");
  ASSERT_EQ(phone_keys(old_code), 1);

  clock_->advance(3 * kYear - 24 * 3600);  // a day short of three years: nothing yet
  EXPECT_EQ(run({3, 10}).matters, 0);
  EXPECT_EQ(reporter_of(old_code), kept);

  clock_->advance(2 * 24 * 3600);
  auto dry = run({3, 10}, /*dry_run=*/true);
  EXPECT_EQ(dry.matters, 1);
  EXPECT_EQ(dry.codes, std::vector<std::string>{old_code});
  EXPECT_EQ(reporter_of(old_code), kept) << "a dry run writes nothing";
  EXPECT_EQ(erased_events(old_code), 0);

  auto pass = run({3, 10});
  EXPECT_EQ(pass.matters, 1);
  EXPECT_EQ(reporter_of(old_code), "||");
  EXPECT_EQ(phone_keys(old_code), 0) << "the lookup by phone no longer finds it";
  EXPECT_EQ(erased_events(old_code), 1);
  EXPECT_EQ(reporter_of(open_code), kept) << "an open matter keeps its reporter";

  // The matter itself stays, and its timeline says what happened, by 系统.
  auto d = svc_->matters().get(actor("sup"), old_code);
  ASSERT_TRUE(d) << d.error().detail;
  EXPECT_EQ(d->summary.matter.status, MatterStatus::closed);
  bool shown = false;
  for (const auto& e : d->events)
    if (e.event.type == "personal_data_erased") shown = !e.event.actor_user.has_value();
  EXPECT_TRUE(shown);

  // The chain accepts the change: the reporter row's new seal rides on the event.
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_TRUE(report->ok) << report->reason;

  EXPECT_EQ(run({3, 10}).matters, 0) << "a second run finds nothing left";
}

TEST_F(RetentionTest, PetitionMattersKeepTheirReporterForTheirOwnLongerPeriod) {
  const std::string code = closed("信访件");
  // The channel set behind the application's back (this test checks the rule, not the chain).
  sql::open_connection(url_)->exec("UPDATE matters SET channel = 'petition' WHERE code = $1", {code});
  clock_->advance(4 * kYear);
  EXPECT_EQ(run({3, 10}).matters, 0);
  EXPECT_EQ(reporter_of(code), "张三|13812341234|");
  EXPECT_EQ(run({3, 4}).matters, 0) << "four years to the second is not past four years";
  clock_->advance(24 * 3600);
  EXPECT_EQ(run({3, 4}).matters, 1);
  EXPECT_EQ(reporter_of(code), "||");
}

TEST_F(RetentionTest, APeriodUnderOneYearIsRefused) {
  auto bad = store_->read([&](Tx& tx) {
    return db::erase_expired_personal_data(tx, {0, 10}, clock_->now(), true);
  });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid);
}

}  // namespace
}  // namespace huiyin::testing
