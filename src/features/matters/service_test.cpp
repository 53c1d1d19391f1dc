// The closed loop and every action's effects and events, against a real SQLite store.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

#include "domain/deadline_rules.hpp"
#include "kernel/audit.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/measures.hpp"
#include "app/service_test_support.hpp"

namespace huiyin::testing {
namespace {

bool has_action(const MatterDetail& d, Action a) {
  return std::find(d.available_actions.begin(), d.available_actions.end(), a) !=
         d.available_actions.end();
}

std::vector<std::string> event_types(const MatterDetail& d) {
  std::vector<std::string> out;
  for (const auto& e : d.events) out.push_back(e.event.type);
  return out;
}

TEST_F(ServiceTest, WholeLoopFromIntakeToClose) {
  IntakeReceipt r = submit();
  EXPECT_EQ(r.code, "ZZ-20261123-000001");
  EXPECT_GE(r.token.size(), 22u);
  EXPECT_EQ(r.status, MatterStatus::submitted);

  auto d = act("disp", r.code, action("accept"));
  EXPECT_EQ(d.summary.matter.status, MatterStatus::accepted);
  EXPECT_TRUE(d.summary.matter.accepted_at);

  ActionRequest assign = action("assign");
  assign.lead_org = "430200-ZJJ";
  assign.co_orgs = {"430200-CGJ"};
  assign.handling_class = "immediate";
  d = act("disp", r.code, assign);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::assigned);
  ASSERT_TRUE(d.summary.lead_org);
  EXPECT_EQ(d.summary.lead_org->name, "市住建局");
  ASSERT_EQ(d.co_orgs.size(), 1u);
  EXPECT_EQ(d.co_orgs[0].code, "430200-CGJ");
  ASSERT_TRUE(d.summary.matter.deadline);
  // 3 working days after Monday 2026-11-23 → Thursday 2026-11-26, end of day.
  EXPECT_EQ(format_date(local_date(*d.summary.matter.deadline)), "2026-11-26");
  EXPECT_EQ(d.summary.deadline_text, "剩余3个工作日");

  d = act("zjj", r.code, action("sign"));
  EXPECT_EQ(d.summary.matter.status, MatterStatus::signed_);

  MeasureInput mi;
  mi.content = "更换损坏的路灯灯头3个";
  mi.owner_name = "李工";
  mi.deadline = "2026-11-25";
  auto m = svc_->measures().add(actor("zjj"), r.code, mi);
  ASSERT_TRUE(m) << m.error().detail;
  EXPECT_EQ(m->measure.status, MeasureStatus::planned);

  clock_->advance(3600);
  ActionRequest resolve = action("resolve");
  resolve.reply = "已更换路灯灯头,夜间照明已恢复。";
  resolve.unfinished_measures_reason = "灯头已换,措施进度待补录";
  d = act("zjj", r.code, resolve);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::resolved);
  EXPECT_EQ(d.summary.matter.reply, resolve.reply);
  EXPECT_EQ(d.summary.deadline_text, "按期办结");

  auto t = svc_->intake().track(r.code, r.token);
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->status, MatterStatus::resolved);
  EXPECT_EQ(t->reply, resolve.reply);
  EXPECT_TRUE(t->can_evaluate);

  EvaluationRequest ev{true, "satisfied", "很快就修好了"};
  t = svc_->intake().evaluate(r.code, r.token, ev);
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->status, MatterStatus::verified);
  EXPECT_FALSE(t->can_evaluate);
  ASSERT_TRUE(t->evaluation);
  EXPECT_TRUE(t->evaluation->solved);

  ActionRequest close = action("close");
  close.unfinished_measures_reason = "措施已完成,进度未及时更新";
  d = act("disp", r.code, close);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::closed);
  EXPECT_TRUE(d.summary.matter.closed_at);

  EXPECT_EQ(event_types(d),
            (std::vector<std::string>{"submit", "accept", "assign", "sign", "measure_add",
                                      "resolve", "evaluate", "close"}));
  EXPECT_EQ(d.events[6].event.actor_label, "citizen");
  EXPECT_EQ(d.events[1].event.actor_label, "disp");
  EXPECT_EQ(d.events[1].event.from_status, MatterStatus::submitted);
  EXPECT_EQ(d.events[1].event.to_status, MatterStatus::accepted);

  auto report = svc_->audit().verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->events_checked, event_count());

  // The public timeline hides internal events (the measure) and keeps the reply.
  t = svc_->intake().track(r.code, r.token);
  ASSERT_TRUE(t);
  for (const auto& item : t->timeline) EXPECT_NE(item.type, "measure_add");
  auto resolved = std::find_if(t->timeline.begin(), t->timeline.end(),
                               [](const TimelineItem& i) { return i.type == "resolve"; });
  ASSERT_NE(resolved, t->timeline.end());
  EXPECT_EQ(resolved->note, resolve.reply);
}

// Bug (issue 9): 办结 and 销号 went through with a measure at 60% without a word.
TEST_F(ServiceTest, ResolveWithUnfinishedMeasuresNeedsAReasonThatTheEventKeeps) {
  IntakeReceipt r = submit();
  assign_and_sign(r.code);
  MeasureInput mi;
  mi.content = "修补破损路面";
  mi.progress = 60;
  mi.status = "in_progress";
  auto m = svc_->measures().add(actor("zjj"), r.code, mi);
  ASSERT_TRUE(m) << m.error().detail;
  MeasureInput finished;
  finished.content = "设置警示标志";
  finished.progress = 100;
  finished.status = "done";
  ASSERT_TRUE(svc_->measures().add(actor("zjj"), r.code, finished));

  ActionRequest resolve = action("resolve");
  resolve.reply = "路面已修补。";
  auto refused = try_act("zjj", r.code, resolve);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid);
  EXPECT_EQ(refused.error().field, "unfinished_measures_reason");
  EXPECT_NE(refused.error().detail.find("修补破损路面"), std::string::npos) << refused.error().detail;
  EXPECT_NE(refused.error().detail.find("60%"), std::string::npos) << refused.error().detail;
  auto still = svc_->matters().get(actor("zjj"), r.code);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->summary.matter.status, MatterStatus::signed_);

  resolve.unfinished_measures_reason = "  ";
  EXPECT_FALSE(try_act("zjj", r.code, resolve));
  resolve.unfinished_measures_reason = "剩余路段待雨季后施工";
  auto d = act("zjj", r.code, resolve);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::resolved);
  const auto& ev = d.events.back();
  ASSERT_EQ(ev.event.type, "resolve");
  auto p = nlohmann::json::parse(ev.event.payload);
  EXPECT_EQ(p["unfinished_measures_reason"], "剩余路段待雨季后施工");
  ASSERT_EQ(p["unfinished_measures"].size(), 1u);
  EXPECT_EQ(p["unfinished_measures"][0]["id"], m->measure.id);
  EXPECT_EQ(p["unfinished_measures"][0]["progress"], 60);
  EXPECT_EQ(ev.summary, "承办人 用户zjj 办结(1项整改措施未完成)");

  // 销号 asks again while the measure is still short.
  ActionRequest verify = action("verify");
  verify.solved = true;
  verify.satisfaction = "satisfied";
  act("disp", r.code, verify);
  auto close_refused = try_act("disp", r.code, action("close"));
  ASSERT_FALSE(close_refused);
  EXPECT_EQ(close_refused.error().field, "unfinished_measures_reason");
  ActionRequest close = action("close");
  close.unfinished_measures_reason = "长效措施纳入日常养护";
  d = act("disp", r.code, close);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::closed);
  // Closed: how it met the deadline, no countdown.
  EXPECT_EQ(d.summary.deadline_text, "按期办结");
  EXPECT_FALSE(d.summary.overdue);
}

// Bug (issue 9): the timeline showed "主办单位:430200-CGJ", actors "disp" and "citizen".
TEST_F(ServiceTest, EventsAreToldWithRolesNamesAndOrgNamesNeverTheReporter) {
  IntakeReceipt r = submit();
  act("disp", r.code, action("accept"));
  ActionRequest assign = action("assign");
  assign.lead_org = "430200-ZJJ";
  assign.co_orgs = {"430200-CGJ"};
  assign.handling_class = "immediate";
  auto d = act("disp", r.code, assign);
  ASSERT_GE(d.events.size(), 3u);
  EXPECT_EQ(d.events[0].actor, "citizen");
  EXPECT_EQ(d.events[0].actor_label, "反映人(群众)");
  EXPECT_EQ(d.events[0].summary, "反映人(群众) 提交反映");
  EXPECT_EQ(d.events[1].actor_label, "派单员 用户disp");
  EXPECT_EQ(d.events[1].summary, "派单员 用户disp 受理");
  EXPECT_EQ(d.events[2].summary.find("派单员 用户disp 交办至市住建局办理,协办单位"), 0u) << d.events[2].summary;
  EXPECT_NE(d.events[2].summary.find("办理时限2026-11-26"), std::string::npos) << d.events[2].summary;
  for (const auto& e : d.events) {
    EXPECT_EQ(e.summary.find("430200"), std::string::npos) << e.summary;
    EXPECT_EQ(e.summary.find("张三"), std::string::npos) << e.summary;
  }
  d = act("zjj", r.code, action("sign"));
  EXPECT_EQ(d.events.back().summary, "承办人 用户zjj 签收");

  ActionRequest transfer = action("transfer");
  IntakeReceipt other = submit("路面积水");
  transfer.to_org = "430200";
  transfer.reason = "属市级部门职责";
  d = act("disp_hetang", other.code, transfer);
  ASSERT_FALSE(d.events.empty());
  EXPECT_EQ(d.events.back().summary, "派单员 用户disp_hetang 转办至株洲市") << d.events.back().summary;
}

TEST_F(ServiceTest, CodesCountPerDayAndRestartNextDay) {
  EXPECT_EQ(submit().code, "ZZ-20261123-000001");
  EXPECT_EQ(submit().code, "ZZ-20261123-000002");
  clock_->advance(24 * 3600);
  EXPECT_EQ(submit().code, "ZZ-20261124-000001");
}

TEST_F(ServiceTest, RejectNeedsReasonAndShowsItToTheCitizen) {
  auto r = submit();
  auto missing = try_act("disp", r.code, action("reject"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::invalid);
  EXPECT_EQ(missing.error().field, "reason");

  ActionRequest rej = action("reject");
  rej.reason = "不属于政府职能范围,建议通过司法途径解决";
  auto d = act("disp", r.code, rej);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::rejected);
  auto t = svc_->intake().track(r.code, r.token);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->timeline.back().note, rej.reason);
}

TEST_F(ServiceTest, ReturnCountsAndClearsTheLeadUnit) {
  auto r = submit();
  act("disp", r.code, action("accept"));
  ActionRequest assign = action("assign");
  assign.lead_org = "430200-ZJJ";
  assign.handling_class = "phased";
  act("disp", r.code, assign);
  ActionRequest ret = action("return");
  ret.reason = "该路段路灯由城管局管养";
  auto d = act("zjj", r.code, ret);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::returned);
  EXPECT_EQ(d.summary.matter.return_count, 1);
  EXPECT_FALSE(d.summary.lead_org);
  // The returned matter goes back to the dispatcher, who reassigns it.
  EXPECT_FALSE(svc_->matters().get(actor("zjj"), r.code)) << "no longer linked to the unit";
  assign.lead_org = "430200-CGJ";
  d = act("disp", r.code, assign);
  EXPECT_EQ(d.summary.lead_org->code, "430200-CGJ");
  EXPECT_EQ(d.summary.matter.return_count, 1);
}

TEST_F(ServiceTest, AssignRejectsUnknownOrgAndPastDeadlineAndChangesNothing) {
  auto r = submit();
  auto before = event_count();
  ActionRequest a = action("assign");
  a.lead_org = "NOPE";
  a.handling_class = "immediate";
  auto res = try_act("disp", r.code, a);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().code, ErrorCode::invalid);
  EXPECT_EQ(res.error().field, "lead_org");

  a.lead_org = "430200-ZJJ";
  a.deadline = "2026-11-20";
  res = try_act("disp", r.code, a);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().field, "deadline");

  a.deadline = "2026-12-10";
  auto d = act("disp", r.code, a);
  EXPECT_EQ(format_date(local_date(*d.summary.matter.deadline)), "2026-12-10");
  EXPECT_EQ(event_count(), before + 1);
}

TEST_F(ServiceTest, StaleVersionIsAConflictAndOneWriterWins) {
  auto r = submit();
  Actor disp = actor("disp");
  auto d = svc_->matters().get(disp, r.code);
  ASSERT_TRUE(d);
  auto v = d->summary.matter.version;
  ASSERT_TRUE(svc_->matters().act(disp, r.code, action("accept"), v));
  ActionRequest rej = action("reject");
  rej.reason = "重复";
  auto second = svc_->matters().act(disp, r.code, rej, v);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_EQ(svc_->matters().get(disp, r.code)->summary.matter.status, MatterStatus::accepted);
}

TEST_F(ServiceTest, UnsolvedEvaluationReopensWithANewDeadline) {
  auto r = submit();
  assign_and_sign(r.code);
  ActionRequest resolve = action("resolve");
  resolve.reply = "已处理";
  act("zjj", r.code, resolve);

  clock_->set(kMonday10am + 4 * 24 * 3600);  // Friday 2026-11-27
  auto t = svc_->intake().evaluate(r.code, r.token, {false, "dissatisfied", "还是不亮"});
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->status, MatterStatus::reopened);
  auto d = svc_->matters().get(actor("disp"), r.code);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->summary.matter.status, MatterStatus::reopened);
  // immediate: 3 working days from Friday → Wednesday 2026-12-02.
  EXPECT_EQ(format_date(local_date(*d->summary.matter.deadline)), "2026-12-02");
  EXPECT_EQ(d->summary.matter.solved, false);
  ASSERT_EQ(d->evaluations.size(), 1u);
  EXPECT_EQ(d->evaluations[0].source, "citizen");
  // Back to the lead unit to sign again.
  auto again = act("zjj", r.code, action("sign"));
  EXPECT_EQ(again.summary.matter.status, MatterStatus::signed_);
  // A second evaluation is not possible until it is resolved again.
  auto no = svc_->intake().evaluate(r.code, r.token, {true, "satisfied", ""});
  ASSERT_FALSE(no);
  EXPECT_EQ(no.error().code, ErrorCode::conflict);
}

TEST_F(ServiceTest, StaffVerificationAndReopenByDispatcher) {
  auto r = submit();
  assign_and_sign(r.code);
  ActionRequest resolve = action("resolve");
  resolve.reply = "已处理";
  act("zjj", r.code, resolve);
  ActionRequest verify = action("verify");
  verify.solved = true;
  verify.satisfaction = "basically_satisfied";
  verify.comment = "电话回访,群众表示基本满意";
  auto d = act("sup", r.code, verify);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::verified);
  ASSERT_EQ(d.evaluations.size(), 1u);
  EXPECT_EQ(d.evaluations[0].source, "staff_call");
  d = act("disp", r.code, action("close"));
  ActionRequest reopen = action("reopen");
  reopen.reason = "回头看发现问题反弹";
  d = act("sup", r.code, reopen);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::reopened);
  EXPECT_FALSE(d.summary.matter.closed_at);
  EXPECT_TRUE(d.summary.matter.deadline);
}

TEST_F(ServiceTest, ExtensionRequestAndApprovalMoveTheDeadline) {
  auto r = submit();
  assign_and_sign(r.code);
  auto before = svc_->matters().get(actor("disp"), r.code)->summary.matter.deadline;
  ActionRequest req = action("extend_request");
  req.reason = "需采购灯具";
  req.extend_days = 5;
  auto d = act("zjj", r.code, req);
  EXPECT_TRUE(d.summary.matter.extension_pending);
  EXPECT_FALSE(has_action(d, Action::extend_request));
  // Only supervisors decide; the handler cannot.
  ActionRequest dec = action("extend_decide");
  dec.approve = true;
  auto denied = try_act("zjj", r.code, dec);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::forbidden);
  d = act("sup", r.code, dec);
  EXPECT_FALSE(d.summary.matter.extension_pending);
  EXPECT_EQ(d.summary.matter.extensions_granted, 1);
  // Thursday 2026-11-26 + 5 working days → Thursday 2026-12-03.
  EXPECT_EQ(format_date(local_date(*before)), "2026-11-26");
  EXPECT_EQ(format_date(local_date(*d.summary.matter.deadline)), "2026-12-03");
  EXPECT_EQ(d.events.back().event.type, "extend_decide");
  EXPECT_FALSE(d.events.back().event.is_public);
}

TEST_F(ServiceTest, MergedMatterTracksTheKeptOne) {
  auto kept = submit("小区路灯不亮");
  auto dup = submit("我们小区路灯坏了");
  ActionRequest merge = action("merge");
  merge.into = dup.code;
  auto self = try_act("disp", dup.code, merge);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().field, "into");
  merge.into = kept.code;
  auto d = act("disp", dup.code, merge);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::merged);
  EXPECT_EQ(d.merged_into_code, kept.code);
  // Merging into a merged matter is refused.
  auto third = submit("路灯");
  merge.into = dup.code;
  auto chain = try_act("disp", third.code, merge);
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.error().field, "into");

  assign_and_sign(kept.code);
  ActionRequest resolve = action("resolve");
  resolve.reply = "已修复该小区全部路灯";
  act("zjj", kept.code, resolve);
  auto t = svc_->intake().track(dup.code, dup.token);
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->code, dup.code);
  EXPECT_EQ(t->merged_into, kept.code);
  EXPECT_EQ(t->status, MatterStatus::resolved);
  EXPECT_EQ(t->reply, resolve.reply);
  // Every reporter of a merged problem gets the evaluation link too (text_features_test.cpp).
  EXPECT_TRUE(t->can_evaluate);
}

TEST_F(ServiceTest, WrongTokenLooksLikeAnUnknownCode) {
  auto r = submit();
  auto wrong = svc_->intake().track(r.code, "not-the-token");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::not_found);
  auto unknown = svc_->intake().track("ZZ-20990101-000001", r.token);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().detail, wrong.error().detail);
  auto ev = svc_->intake().evaluate(r.code, "", {true, "satisfied", ""});
  ASSERT_FALSE(ev);
  EXPECT_EQ(ev.error().code, ErrorCode::not_found);
}

TEST_F(ServiceTest, PetitionsGetAnAcknowledgeDeadline) {
  IntakeRequest req;
  req.title = "信访:拖欠工资";
  req.content = "某公司拖欠工资三个月";
  req.channel = "petition";
  const Actor recorder = actor("disp");  // petitions are recorded by staff at a reception
  auto r = svc_->intake().submit(req, "", &recorder);
  ASSERT_TRUE(r);
  auto d = svc_->matters().get(actor("admin"), r->code);
  ASSERT_TRUE(d);
  ASSERT_TRUE(d->summary.matter.acknowledge_due);
  EXPECT_EQ(*d->summary.matter.acknowledge_due, petition_acknowledge_due(kMonday10am));
}

class ObjectionTest : public ServiceTest {
 protected:
  // 信访工作条例 Art. 23: a petition assigned to 市住建局 on Monday 2026-11-23.
  IntakeReceipt assigned_petition() {
    IntakeRequest req;
    req.title = "信访:小区加装电梯补贴未兑现";
    req.content = "申请加装电梯补贴半年未兑现";
    req.channel = "petition";
    const Actor recorder = actor("disp");
    auto r = svc_->intake().submit(req, "", &recorder);
    EXPECT_TRUE(r) << r.error().detail;
    act("disp", r->code, action("accept"));
    ActionRequest a = action("assign");
    a.lead_org = "430200-ZJJ";
    a.co_orgs = {"430200-CGJ"};
    a.handling_class = "immediate";
    act("disp", r->code, a);
    return *r;
  }
};

bool offers(const MatterDetail& d, Action a) {
  return std::find(d.available_actions.begin(), d.available_actions.end(), a) !=
         d.available_actions.end();
}

TEST_F(ObjectionTest, APetitionUnitObjectsWithinFiveWorkingDaysAndTheForwardingOfficeApproves) {
  auto r = assigned_petition();
  act("zjj", r.code, action("sign"));
  // Monday 2026-11-30 is the 5th working day after Monday's assignment: still in time.
  clock_->advance(7 * 24 * 3600);
  EXPECT_TRUE(offers(*svc_->matters().get(actor("zjj"), r.code), Action::object));
  EXPECT_FALSE(offers(*svc_->matters().get(actor("cgj"), r.code), Action::object))
      << "a co-unit does not object";
  EXPECT_FALSE(offers(*svc_->matters().get(actor("disp"), r.code), Action::object_decide))
      << "nothing to decide yet";

  auto no_reason = try_act("zjj", r.code, action("object"));
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().code, ErrorCode::invalid);
  EXPECT_EQ(no_reason.error().field, "reason");
  ActionRequest obj = action("object");
  obj.reason = "加装电梯补贴由市财政局兑现,不属于本单位职责";
  auto co = try_act("cgj", r.code, obj);
  ASSERT_FALSE(co);
  EXPECT_EQ(co.error().code, ErrorCode::forbidden) << "only the lead unit may object";
  auto objected = act("zjj_lead", r.code, obj);
  EXPECT_EQ(objected.summary.matter.status, MatterStatus::signed_) << "it stays with the unit";
  EXPECT_FALSE(offers(objected, Action::object)) << "one objection per assignment";
  auto twice = try_act("zjj", r.code, obj);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);

  // Only the forwarding office decides: its dispatcher, not another district's, not the unit.
  ActionRequest yes = action("object_decide");
  yes.approve = true;
  yes.note = "同意,重新交办";
  EXPECT_EQ(try_act("zjj", r.code, yes).error().code, ErrorCode::forbidden);
  EXPECT_FALSE(try_act("disp_lusong", r.code, yes));
  EXPECT_FALSE(try_act("sup", r.code, yes));
  EXPECT_TRUE(offers(*svc_->matters().get(actor("disp"), r.code), Action::object_decide));
  auto decided = act("disp", r.code, yes);
  EXPECT_EQ(decided.summary.matter.status, MatterStatus::returned) << "back to be re-assigned";
  EXPECT_FALSE(decided.summary.lead_org);
  EXPECT_TRUE(offers(decided, Action::assign));

  std::vector<std::string> types;
  for (const auto& e : decided.events) types.push_back(e.event.type);
  ASSERT_GE(types.size(), 2u);
  EXPECT_EQ(types[types.size() - 2], "object");
  EXPECT_EQ(types.back(), "object_decide");
  EXPECT_NE(decided.events[types.size() - 2].summary.find("对交办提出异议"), std::string::npos)
      << decided.events[types.size() - 2].summary;
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_TRUE(report->ok) << report->reason;

  // Assigned afresh to 市财政局 (or anyone): a new period, a new objection may be raised.
  ActionRequest again = action("assign");
  again.lead_org = "430200-SWJ";
  again.handling_class = "immediate";
  act("disp", r.code, again);
  EXPECT_TRUE(offers(*svc_->matters().get(actor("swj"), r.code), Action::object));
}

// 受理告知书: printable for staff who may see the petition; the petitioner named only for those
// who may reveal the contact (and that is logged), withheld from others in scope.
TEST_F(ObjectionTest, APetitionNoticeNamesThePetitionerOnlyForThoseWhoMayRevealIt) {
  IntakeRequest req;
  req.title = "信访:拖欠工资";
  req.content = "某公司拖欠工资三个月";
  req.channel = "petition";
  req.contact_name = "张三";
  req.contact_phone = "13812341234";
  const Actor recorder = actor("disp");
  auto r = svc_->intake().submit(req, "", &recorder);
  ASSERT_TRUE(r) << r.error().detail;
  auto early = svc_->matters().petition_notice(actor("disp"), r->code);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict) << "not accepted yet";
  act("disp", r->code, action("accept"));
  const auto before = event_count();
  auto n = svc_->matters().petition_notice(actor("disp"), r->code);
  ASSERT_TRUE(n) << n.error().detail;
  for (const char* part : {"受理告知书", "信访人", "张三", "受理机关", "株洲市", "受理日期", "2026-11-23",
                           "办理期限", "60日", "2027-01-22", "《信访工作条例》", "拖欠工资"})
    EXPECT_NE(n->find(part), std::string::npos) << part;
  EXPECT_EQ(n->find("13812341234"), std::string::npos) << "no phone on the notice";
  // Printing the name is a logged reveal; the receiving office's first print issues the notice.
  EXPECT_EQ(event_count(), before + 2);
  // The system administrator may print it, without the name (三员分立: no right to the contact).
  auto sup = svc_->matters().petition_notice(actor("admin"), r->code);
  ASSERT_TRUE(sup) << sup.error().detail;
  EXPECT_EQ(sup->find("张三"), std::string::npos);
  EXPECT_NE(sup->find("不予显示"), std::string::npos);
  // Another district's dispatcher does not see the matter at all.
  EXPECT_EQ(svc_->matters().petition_notice(actor("disp_lusong"), r->code).error().code,
            ErrorCode::not_found);
  // A matter that is no petition has no such notice.
  auto plain = submit();
  act("disp", plain.code, action("accept"));
  EXPECT_EQ(svc_->matters().petition_notice(actor("disp"), plain.code).error().code,
            ErrorCode::not_found);
}

TEST_F(ObjectionTest, APetitionObjectionAfterFiveWorkingDaysIsRefused) {
  auto r = assigned_petition();
  clock_->advance(8 * 24 * 3600);  // Tuesday 2026-12-01: the 6th working day
  EXPECT_FALSE(offers(*svc_->matters().get(actor("zjj"), r.code), Action::object));
  ActionRequest obj = action("object");
  obj.reason = "不属于本单位职责";
  auto late = try_act("zjj", r.code, obj);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  EXPECT_NE(late.error().detail.find("5个工作日"), std::string::npos) << late.error().detail;
}

TEST_F(ObjectionTest, ARefusedObjectionLeavesThePetitionWithTheUnitAndTellsIt) {
  auto r = assigned_petition();
  ActionRequest obj = action("object");
  obj.reason = "不属于本单位职责";
  act("zjj", r.code, obj);
  ActionRequest no = action("object_decide");
  auto unsaid = try_act("disp", r.code, no);
  ASSERT_FALSE(unsaid);
  EXPECT_EQ(unsaid.error().field, "approve");
  no.approve = false;
  no.note = "属于住建部门职责,请继续办理";
  auto d = act("disp", r.code, no);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::assigned);
  ASSERT_TRUE(d.summary.lead_org);
  EXPECT_EQ(d.summary.lead_org->code, "430200-ZJJ");
  // The unit sees the refusal on its matter page, and cannot object again to this assignment.
  auto theirs = svc_->matters().get(actor("zjj"), r.code);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->events.back().event.type, "object_decide");
  EXPECT_NE(theirs->events.back().summary.find("不同意异议"), std::string::npos);
  EXPECT_FALSE(offers(*theirs, Action::object));
  EXPECT_TRUE(offers(*theirs, Action::sign));
  // A matter that is no petition has no objection.
  auto plain = submit();
  assign_and_sign(plain.code);
  EXPECT_EQ(try_act("zjj", plain.code, obj).error().code, ErrorCode::conflict);
}

TEST_F(ServiceTest, MeasuresUpdateWithVersionCheck) {
  auto r = submit();
  assign_and_sign(r.code);
  auto m = svc_->measures().add(actor("cgj"), r.code, {"协助排查线路", "430200-CGJ", "王五", "", {}, "", ""});
  ASSERT_TRUE(m) << m.error().detail;  // co-unit handlers may add measures
  EXPECT_EQ(m->owner_org->name, "市城管局");
  MeasurePatch p;
  p.progress = 50;
  p.status = "in_progress";
  auto u = svc_->measures().update(actor("zjj"), m->measure.id, p, m->measure.version);
  ASSERT_TRUE(u) << u.error().detail;
  EXPECT_EQ(u->measure.progress, 50);
  EXPECT_EQ(u->measure.version, m->measure.version + 1);
  auto stale = svc_->measures().update(actor("zjj"), m->measure.id, p, m->measure.version);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  p.progress = 101;
  auto bad = svc_->measures().update(actor("zjj"), m->measure.id, p, u->measure.version);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "progress");
  // A unit with no link to the matter cannot touch it.
  auto other = svc_->measures().add(actor("swj"), r.code, {"x", "", "", "", {}, "", ""});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  auto list = svc_->measures().list(actor("disp"), r.code);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 1u);
}

}  // namespace
}  // namespace huiyin::testing

namespace huiyin::testing {
namespace {

TEST_F(ServiceTest, TwoWritersOnOneMatterOneWinsTheOtherConflicts) {
  auto r = submit();
  Actor disp = actor("disp");
  auto v = svc_->matters().get(disp, r.code)->summary.matter.version;
  std::vector<Result<MatterDetail>> results(4, Error{});
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      ActionRequest req = action(i % 2 ? "accept" : "reject");
      req.reason = "并发测试";
      results[i] = svc_->matters().act(disp, r.code, req, v);
    });
  for (auto& t : threads) t.join();
  int wins = 0, conflicts = 0;
  for (const auto& res : results) {
    if (res) ++wins;
    else if (res.error().code == ErrorCode::conflict) ++conflicts;
    else ADD_FAILURE() << res.error().detail;
  }
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(conflicts, 3);
  EXPECT_EQ(svc_->matters().get(disp, r.code)->events.size(), 2u);  // submit + the winner
  auto report = svc_->audit().verify();
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok);
}

}  // namespace
}  // namespace huiyin::testing
