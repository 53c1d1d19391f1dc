// The deadline scheduler over a real store (both backends): the shipped ladder walks an overdue
// matter through 预警, 提醒, 督办, 通报 and 约谈 across a holiday and a make-up workday; a tick run
// twice changes nothing; an extension moves the deadline but keeps that it was reached; two
// nodes never escalate the same step twice.
#include <gtest/gtest.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "app/service_test_support.hpp"
#include "features/supervision/holiday_test_support.hpp"
#include "features/matters/escalation_store.hpp"
#include "features/matters/measures.hpp"
#include "features/supervision/sla.hpp"
#include "store/catalog_store.hpp"
#include "store/job_lease_store.hpp"

namespace huiyin::testing {
namespace {

class SlaTest : public HolidayServiceTest {
 protected:
  // Submitted Monday 11-23, assigned to 市住建局 with the deadline Wednesday 11-25, signed.
  std::string overdue_matter(const char* title = "路灯不亮") {
    auto r = submit(title);
    act("disp", r.code, action("accept"));
    ActionRequest a = action("assign");
    a.lead_org = "430200-ZJJ";
    a.handling_class = "immediate";
    a.deadline = "2026-11-25";
    act("disp", r.code, a);
    act("zjj", r.code, action("sign"));
    return r.code;
  }

  EscalationLevel level_of(const std::string& code) {
    auto d = svc_->matters().get(actor("sup"), code);
    EXPECT_TRUE(d);
    return d ? d->escalation.level : EscalationLevel::none;
  }

  std::vector<nlohmann::json> escalations(const std::string& code) {
    std::vector<nlohmann::json> out;
    auto d = svc_->matters().get(actor("sup"), code);
    EXPECT_TRUE(d);
    if (!d) return out;
    for (const auto& e : d->events)
      if (e.event.type == "escalate") out.push_back(nlohmann::json::parse(e.event.payload));
    return out;
  }

  SlaTick tick(Instant as_of) {
    auto r = svc_->sla().tick(as_of);
    EXPECT_TRUE(r) << (r ? "" : r.error().detail);
    return r ? *r : SlaTick{};
  }
};

TEST_F(SlaTest, TheShippedLadderWalksAnOverdueMatterAcrossAHolidayAndAMakeUpWorkday) {
  const std::string code = overdue_matter();
  tick(at("2026-11-24"));
  EXPECT_EQ(level_of(code), EscalationLevel::none);
  tick(at("2026-11-25"));  // the last working day before the deadline
  EXPECT_EQ(level_of(code), EscalationLevel::warned);
  tick(at("2026-11-26"));  // a holiday: not yet a working day late
  tick(at("2026-11-27"));
  EXPECT_EQ(level_of(code), EscalationLevel::warned);
  tick(at("2026-11-28"));  // the make-up Saturday is the first working day late
  EXPECT_EQ(level_of(code), EscalationLevel::reminded);
  tick(at("2026-11-30"));
  EXPECT_EQ(level_of(code), EscalationLevel::reminded);
  tick(at("2026-12-01"));  // third working day late: 督办
  EXPECT_EQ(level_of(code), EscalationLevel::supervised);
  tick(at("2026-12-09"));
  EXPECT_EQ(level_of(code), EscalationLevel::supervised);
  tick(at("2026-12-10"));  // tenth working day late: 通报
  EXPECT_EQ(level_of(code), EscalationLevel::circulated);
  tick(at("2026-12-24"));  // twentieth: 约谈
  EXPECT_EQ(level_of(code), EscalationLevel::talk);

  std::vector<std::string> rules;
  for (const auto& p : escalations(code)) rules.push_back(p["rule"]);
  EXPECT_EQ(rules, (std::vector<std::string>{"warn_last_day", "warn_80", "remind_1", "supervise_3",
                                             "circulate_10", "talk_20"}));
  auto d = svc_->matters().get(actor("sup"), code);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->escalation.rule, "talk_20");
  EXPECT_EQ(d->escalation.since, at("2026-12-24"));
  // The timeline says it in words, as the system.
  bool worded = false;
  for (const auto& e : d->events)
    if (e.event.type == "escalate" && e.summary.find("超期3个工作日督办") != std::string::npos)
      worded = e.actor_label == "系统";
  EXPECT_TRUE(worded);
}

TEST_F(SlaTest, AMatterFirstSeenTenWorkingDaysLateIsAtSupervisionOrBeyondInOneEvent) {
  const std::string code = overdue_matter();
  const auto before = event_count();
  auto t = tick(at("2026-12-10"));
  EXPECT_TRUE(t.ran);
  EXPECT_EQ(t.escalated, 1);
  EXPECT_GE(level_of(code), EscalationLevel::supervised);
  auto evs = escalations(code);
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0]["rule"], "circulate_10");
  EXPECT_EQ(evs[0]["rules"].size(), 5u);  // both warnings, 提醒, 督办, 通报 recorded with it
  EXPECT_EQ(event_count(), before + 1);
}

TEST_F(SlaTest, ATickRunTwiceChangesNothingTheSecondTime) {
  overdue_matter("路灯不亮");
  overdue_matter("井盖缺失");
  auto first = tick(at("2026-12-01"));
  EXPECT_EQ(first.escalated, 2);
  EXPECT_EQ(first.by_level["supervised"], 2);
  const auto events = event_count();
  auto second = tick(at("2026-12-01"));
  EXPECT_TRUE(second.ran);
  EXPECT_EQ(second.escalated, 0);
  EXPECT_EQ(event_count(), events);
}

TEST_F(SlaTest, AnExtensionMovesTheDeadlineButTheLatenessStaysInItsHistory) {
  const std::string code = overdue_matter();
  tick(at("2026-12-01"));
  ASSERT_EQ(level_of(code), EscalationLevel::supervised);
  clock_->set(at("2026-12-01", 10));
  ActionRequest req = action("extend_request");
  req.reason = "需协调供电部门";
  req.extend_days = 10;
  act("zjj", code, req);
  ActionRequest dec = action("extend_decide");
  dec.approve = true;
  auto d = act("sup", code, dec);
  // Against the new deadline nothing has fired yet.
  EXPECT_EQ(d.escalation.level, EscalationLevel::none);
  ASSERT_EQ(d.deadline_history.size(), 2u);
  EXPECT_EQ(format_date(local_date(d.deadline_history[0].deadline)), "2026-11-25");
  EXPECT_EQ(d.deadline_history[0].type, "assign");
  EXPECT_TRUE(d.deadline_history[0].reached);
  EXPECT_EQ(d.deadline_history[1].type, "extend_decide");
  EXPECT_FALSE(d.deadline_history[1].reached);
  // What fired against the old deadline is kept.
  std::vector<FiredEscalation> kept;
  ASSERT_TRUE(store_->read([&](Tx& tx) -> Status {
    kept = db::escalations_of(tx, d.summary.matter.id);
    return ok();
  }));
  EXPECT_EQ(kept.size(), 4u);
  // Running again as of the same day escalates nothing under the new deadline.
  EXPECT_EQ(tick(at("2026-12-01", 11)).escalated, 0);
}

// Regression: a measure's deadline (measure_add's payload) was listed as a deadline of the matter.
TEST_F(SlaTest, RegressionAMeasuresDeadlineIsNotInTheMattersDeadlineHistory) {
  const std::string code = overdue_matter();
  MeasureInput mi;
  mi.content = "更换损坏的路灯灯头";
  mi.deadline = "2026-11-24";
  ASSERT_TRUE(svc_->measures().add(actor("zjj"), code, mi));
  auto d = svc_->matters().get(actor("sup"), code);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->deadline_history.size(), 1u);
  EXPECT_EQ(format_date(local_date(d->deadline_history[0].deadline)), "2026-11-25");
}

TEST_F(SlaTest, TwoNodesNeverEscalateTheSameStepTwice) {
  const std::string code = overdue_matter();
  overdue_matter("井盖缺失");
  SlaService a(svc_->context(), "node-a"), b(svc_->context(), "node-b");
  // A node holding the lease keeps the other out.
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    EXPECT_TRUE(db::take_lease(tx, "sla", "node-a", clock_->now(), clock_->now() + 600));
    return ok();
  }));
  auto skipped = b.tick(at("2026-12-01"));
  ASSERT_TRUE(skipped);
  EXPECT_FALSE(skipped->ran);
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    db::release_lease(tx, "sla", "node-a");
    return ok();
  }));
  // Racing: whichever runs, each step is fired once.
  std::thread ta([&] { (void)a.tick(at("2026-12-01")); });
  std::thread tb([&] { (void)b.tick(at("2026-12-01")); });
  ta.join();
  tb.join();
  (void)a.tick(at("2026-12-01"));
  (void)b.tick(at("2026-12-01"));
  EXPECT_EQ(escalations(code).size(), 1u);
  EXPECT_EQ(level_of(code), EscalationLevel::supervised);
  // And the row's key refuses a second copy even without the lease.
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    auto d = db::matter_by_code(tx, code);
    EXPECT_FALSE(db::insert_escalation(tx, d->id, {*d->deadline, "supervise_3",
                                                   EscalationLevel::supervised, 0}));
    return ok();
  }));
}

}  // namespace
}  // namespace huiyin::testing
