// Verification (问效于民) and 回头看 over a real store (both backends): the 超时默认 rule verifies
// an unanswered matter after its working days, across a holiday, as the system, and such a
// matter counts in neither 解决率 nor 满意率; a staff call-back is an 电话回访 and an unreachable
// reporter's attempts are recorded; a 回头看 sample is reproducible from its seed, a failure
// reopens the matter with a new deadline against its unit, and scope is the supervisor's.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "app/service_test_support.hpp"
#include "features/supervision/holiday_test_support.hpp"
#include "features/matters/intake.hpp"
#include "features/reports/stats.hpp"
#include "features/supervision/sla.hpp"
#include "features/supervision/spot_checks.hpp"
#include "kernel/bootstrap.hpp"
#include "store/catalog_store.hpp"

namespace huiyin::testing {
namespace {

class VerifyTest : public HolidayServiceTest {
 protected:
  // Submitted, assigned to 市住建局, signed and answered (办结) now.
  IntakeReceipt resolved(const std::string& title) {
    auto r = submit(title);
    assign_and_sign(r.code);
    ActionRequest res = action("resolve");
    res.reply = "已处理";
    act("zjj", r.code, res);
    return r;
  }

  // Resolved, confirmed solved by the reporter, and closed.
  std::string closed(const std::string& title) {
    auto r = resolved(title);
    EXPECT_TRUE(svc_->intake().evaluate(r.code, r.token, {true, "satisfied", ""}));
    act("disp", r.code, action("close"));
    return r.code;
  }

  MatterDetail get(const std::string& code) {
    auto d = svc_->matters().get(actor("sup"), code);
    EXPECT_TRUE(d);
    return d ? *d : MatterDetail{};
  }

  const EventView* last_event(const MatterDetail& d, const std::string& type) {
    const EventView* out = nullptr;
    for (const auto& e : d.events)
      if (e.event.type == type) out = &e;
    return out;
  }

  std::vector<std::string> codes_of(const SpotCheckView& v) {
    std::vector<std::string> out;
    for (const auto& it : v.items) out.push_back(it.matter_code);
    return out;
  }
};

TEST_F(VerifyTest, AnUnansweredMatterIsVerifiedByTimeoutAfterSevenWorkingDaysAndLeavesTheRates) {
  EXPECT_EQ(svc_->context().deadlines()->verify_timeout_days, kDefaultVerifyTimeoutDays);
  auto answered = resolved("有人评价");
  ASSERT_TRUE(svc_->intake().evaluate(answered.code, answered.token, {false, "dissatisfied", ""}));
  act("zjj", answered.code, action("sign"));
  ActionRequest res = action("resolve");
  res.reply = "已再次处理";
  act("zjj", answered.code, res);  // reopened and answered again: resolved, waiting once more
  auto silent = resolved("无人评价");
  auto evaluated = resolved("满意");
  ASSERT_TRUE(svc_->intake().evaluate(evaluated.code, evaluated.token, {true, "satisfied", ""}));

  // Resolved Monday 11-23; working days after it: 24, 25, (26, 27 off), 28 (make-up), 30,
  // 12-01, 12-02, 12-03: the seventh is Thursday 12-03, so it times out on 12-04.
  clock_->set(at("2026-12-03", 23));
  auto t = svc_->sla().tick(at("2026-12-03", 23));
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->verified_by_timeout, 0);
  EXPECT_EQ(get(silent.code).summary.matter.status, MatterStatus::resolved);

  clock_->set(at("2026-12-04"));
  t = svc_->sla().tick(at("2026-12-04"));
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->verified_by_timeout, 2);  // the silent one and the one answered again
  auto d = get(silent.code);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::verified);
  EXPECT_FALSE(d.summary.matter.solved) << "nobody answered: no verdict on the matter";
  ASSERT_EQ(d.evaluations.size(), 1u);
  EXPECT_EQ(d.evaluations[0].source, "timeout");
  const EventView* e = last_event(d, "verify_timeout");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->actor_label, "系统");
  EXPECT_NE(e->summary.find("超时默认"), std::string::npos) << e->summary;
  EXPECT_NE(e->summary.find("2026-12-03"), std::string::npos) << e->summary;
  EXPECT_NE(e->summary.find("不计入解决率、满意率"), std::string::npos) << e->summary;
  EXPECT_EQ(get(evaluated.code).evaluations.size(), 1u) << "a verified matter is left alone";

  // Idempotent: the next tick finds nothing to verify.
  const auto before = event_count();
  t = svc_->sla().tick(at("2026-12-05"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->verified_by_timeout, 0);
  EXPECT_EQ(event_count(), before);

  // Only people's answers count: the satisfied one. The two whose last verification was the
  // timeout are in neither rate — also the one whose reporter had said 未解决 to an earlier reply
  // (that answer reopened it and counts in 重办率 instead).
  auto o = svc_->stats().overview(actor("boss"), {"2026-11-23", "2026-11-23", ""});
  ASSERT_TRUE(o) << o.error().detail;
  EXPECT_EQ(o->current.counts.evaluated, 1);
  EXPECT_EQ(o->current.counts.solved, 1);
  EXPECT_EQ(o->current.counts.satisfied, 1);
}

TEST_F(VerifyTest, TheTimeoutRuleFollowsItsSettingAndIsOffAtZero) {
  auto r = resolved("路灯");
  ASSERT_TRUE(store_->write([&](Tx& tx) { return db::set_setting(tx, kVerifyTimeoutSetting, "0"); }));
  ASSERT_TRUE(svc_->context().reload());
  auto t = svc_->sla().tick(at("2027-01-20"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->verified_by_timeout, 0);
  ASSERT_TRUE(store_->write([&](Tx& tx) { return db::set_setting(tx, kVerifyTimeoutSetting, "1"); }));
  ASSERT_TRUE(svc_->context().reload());
  t = svc_->sla().tick(at("2026-11-25"));  // the first working day after 11-23 is 11-24
  ASSERT_TRUE(t);
  EXPECT_EQ(t->verified_by_timeout, 1);
  EXPECT_FALSE(parse_verify_timeout_days("七"));
  EXPECT_FALSE(parse_verify_timeout_days("-1"));
}

TEST_F(VerifyTest, AStaffCallBackIsAnTelephoneCallBackAndAFailedOneIsRecorded) {
  auto r = resolved("无人接听");
  ActionRequest miss = action("callback_failed");
  miss.reason = "两次拨打无人接听";
  auto d = act("disp", r.code, miss);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::resolved);
  const EventView* e = last_event(d, "callback_failed");
  ASSERT_TRUE(e);
  EXPECT_NE(e->summary.find("回访无法联系:两次拨打无人接听"), std::string::npos) << e->summary;
  EXPECT_FALSE(e->event.is_public);
  EXPECT_FALSE(try_act("zjj", r.code, miss)) << "the unit does not call back on its own work";

  ActionRequest call = action("verify");
  call.solved = true;
  call.satisfaction = "satisfied";
  call.comment = "电话联系反映人,表示路灯已修好";
  d = act("sup", r.code, call);
  e = last_event(d, "verify");
  ASSERT_TRUE(e);
  EXPECT_NE(e->summary.find("电话回访:已解决"), std::string::npos) << e->summary;
  EXPECT_NE(e->summary.find("回访记录:电话联系反映人"), std::string::npos) << e->summary;
  ASSERT_EQ(d.evaluations.size(), 1u);
  EXPECT_EQ(d.evaluations[0].source, "staff_call");

  // Neither the scheduler's step nor 回头看 can be taken through the matter's actions.
  for (const char* name : {"verify_timeout", "spot_check"}) {
    ActionRequest a = action(name);
    a.solved = false;
    auto refused = try_act("sup", r.code, a);
    ASSERT_FALSE(refused) << name;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid);
  }
}

TEST_F(VerifyTest, ASpotCheckIsReproducibleAndAFailureReopensAgainstTheUnit) {
  std::vector<std::string> codes;
  for (int i = 0; i < 6; ++i) codes.push_back(closed("回头看样本" + std::to_string(i)));
  auto elsewhere = submit("别处的问题");  // led by another unit: never in the sample
  assign_and_sign(elsewhere.code);

  SpotCheckDraw in{"430200-ZJJ", "2026-11-23", "2026-11-30", 3, "2026-11-ZJJ"};
  auto first = svc_->spot_checks().draw(actor("sup"), in);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->population, 6);
  EXPECT_EQ(first->row.seed, "2026-11-ZJJ");
  ASSERT_EQ(first->items.size(), 3u);
  for (const auto& it : first->items) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), it.matter_code), codes.end());
    ASSERT_TRUE(it.lead_org);
    EXPECT_EQ(it.lead_org->code, "430200-ZJJ");
    EXPECT_TRUE(it.row.result.empty());
  }
  // Drawn again with the recorded seed: the same matters.
  auto again = svc_->spot_checks().draw(actor("sup"), in);
  ASSERT_TRUE(again);
  EXPECT_NE(again->row.code, first->row.code);
  EXPECT_EQ(codes_of(*again), codes_of(*first));
  // No seed: one is made and recorded; larger than the population: all of it.
  auto all = svc_->spot_checks().draw(actor("sup"), {"430200-ZJJ", "2026-11-23", "2026-11-30", 50, ""});
  ASSERT_TRUE(all);
  EXPECT_FALSE(all->row.seed.empty());
  EXPECT_EQ(all->items.size(), 6u);
  auto redone = svc_->spot_checks().draw(actor("sup"), {"430200-ZJJ", "2026-11-23", "2026-11-30", 2, all->row.seed});
  auto redone2 = svc_->spot_checks().draw(actor("sup"), {"430200-ZJJ", "2026-11-23", "2026-11-30", 2, all->row.seed});
  ASSERT_TRUE(redone && redone2);
  EXPECT_EQ(codes_of(*redone), codes_of(*redone2));

  // A failure: reopened (重办) with a new deadline, still the unit's, audited as spot_check.
  const std::string failed = first->items[0].matter_code;
  clock_->set(at("2026-12-07", 10));
  auto no_note = svc_->spot_checks().record(actor("sup"), first->row.code, failed, false, "");
  ASSERT_FALSE(no_note);
  EXPECT_EQ(no_note.error().field, "note");
  auto v = svc_->spot_checks().record(actor("sup"), first->row.code, failed, false, "现场查看路灯仍不亮");
  ASSERT_TRUE(v) << v.error().detail;
  EXPECT_EQ(v->checked, 1);
  EXPECT_EQ(v->failed, 1);
  EXPECT_EQ(v->items[0].row.result, "failed");
  EXPECT_EQ(v->items[0].status, MatterStatus::reopened);
  auto d = get(failed);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::reopened);
  ASSERT_TRUE(d.summary.matter.deadline);
  EXPECT_GT(*d.summary.matter.deadline, at("2026-12-07"));
  ASSERT_TRUE(d.summary.matter.lead_org_id);
  const EventView* e = last_event(d, "spot_check");
  ASSERT_TRUE(e);
  auto p = nlohmann::json::parse(e->event.payload);
  EXPECT_EQ(p["passed"], false);
  EXPECT_EQ(p["check"], first->row.code);
  EXPECT_EQ(p["note"], "现场查看路灯仍不亮");
  EXPECT_EQ(e->event.to_status, MatterStatus::reopened);
  EXPECT_NE(e->summary.find("回头看复查不通过"), std::string::npos) << e->summary;
  // It counts against the unit: the unit's reopened matters, and the unit signs it again.
  MatterQuery q;
  q.statuses = {"reopened"};
  q.org = "430200-ZJJ";
  auto reopened = svc_->matters().list(actor("sup"), q);
  ASSERT_TRUE(reopened);
  ASSERT_EQ(reopened->items.size(), 1u);
  EXPECT_EQ(reopened->items[0].matter.code, failed);
  act("zjj", failed, action("sign"));

  // A pass leaves the matter closed; a second record of the same item is refused.
  const std::string passed = first->items[1].matter_code;
  v = svc_->spot_checks().record(actor("sup"), first->row.code, passed, true, "");
  ASSERT_TRUE(v) << v.error().detail;
  EXPECT_EQ(get(passed).summary.matter.status, MatterStatus::closed);
  p = nlohmann::json::parse(last_event(get(passed), "spot_check")->event.payload);
  EXPECT_EQ(p["passed"], true);
  auto twice = svc_->spot_checks().record(actor("sup"), first->row.code, passed, false, "再查");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto outside = svc_->spot_checks().record(actor("sup"), first->row.code, elsewhere.code, true, "");
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::not_found);

  auto list = svc_->spot_checks().list(actor("sup"));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 5u);
  EXPECT_EQ(list->back().row.code, first->row.code);
  EXPECT_EQ(list->back().failed, 1);
}

TEST_F(VerifyTest, SpotChecksStayInTheSupervisorsScope) {
  closed("样本");
  SpotCheckDraw in{"430200-ZJJ", "2026-11-23", "2026-11-30", 1, "s"};
  // A district supervisor cannot draw a city unit, nor see the city's checks.
  auto refused = svc_->spot_checks().draw(actor("sup_hetang"), in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  for (const char* who : {"disp", "zjj", "zjj_lead", "boss"}) {
    auto r = svc_->spot_checks().draw(actor(who), in);
    ASSERT_FALSE(r) << who;
    EXPECT_EQ(r.error().code, ErrorCode::forbidden) << who;
  }
  auto v = svc_->spot_checks().draw(actor("sup"), in);
  ASSERT_TRUE(v) << v.error().detail;
  auto hidden = svc_->spot_checks().get(actor("sup_hetang"), v->row.code);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::not_found);
  auto rec = svc_->spot_checks().record(actor("sup_hetang"), v->row.code, v->items[0].matter_code, false, "x");
  ASSERT_FALSE(rec);
  EXPECT_EQ(rec.error().code, ErrorCode::not_found);
  auto mine = svc_->spot_checks().list(actor("sup_hetang"));
  ASSERT_TRUE(mine);
  EXPECT_TRUE(mine->empty());
  // Its own district works (an empty sample: nothing of 荷塘区 was verified).
  auto own = svc_->spot_checks().draw(actor("sup_hetang"), {"430202", "2026-11-23", "2026-11-30", 5, "s"});
  ASSERT_TRUE(own) << own.error().detail;
  EXPECT_EQ(own->population, 0);
  auto bad = svc_->spot_checks().draw(actor("sup"), {"430200-ZJJ", "2026-11-30", "2026-11-23", 1, ""});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "to");
}

}  // namespace
}  // namespace huiyin::testing
