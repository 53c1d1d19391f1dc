// A unit leads its work, over a real store (both backends): a leader's 批示 tracked until the unit
// answers it, 分办 to a named handler of the unit (and the handler's 分办给我), 审核答复 held for
// the unit leader where the unit turns it on (approved: resolved as today; sent back: the handler
// sees the note and resolves again), the 交办单, and the workbench cards that list them.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/service_test_support.hpp"
#include "features/supervision/assignment_sheet.hpp"
#include "features/units/unit_settings.hpp"

namespace huiyin::testing {
namespace {

bool has(const MatterDetail& d, Action a) {
  return std::find(d.available_actions.begin(), d.available_actions.end(), a) !=
         d.available_actions.end();
}

class LeadTest : public ServiceTest {
 protected:
  // The length of a card's list (what the workbench counts, StatsService::workbench).
  std::int64_t card(const std::string& who, const std::string& key) {
    MatterQuery q;
    q.card = key;
    auto rows = svc_->matters().list_all(actor(who), q);
    EXPECT_TRUE(rows);
    return rows ? static_cast<std::int64_t>(rows->size()) : -1;
  }
  bool listed(const std::string& who, const std::string& key, const std::string& code) {
    MatterQuery q;
    q.card = key;
    auto rows = svc_->matters().list_all(actor(who), q);
    EXPECT_TRUE(rows);
    return rows && std::any_of(rows->begin(), rows->end(),
                               [&](const MatterSummary& s) { return s.matter.code == code; });
  }
};

TEST_F(LeadTest, ALeaderInstructsAndTheUnitAnswersWhatWaits) {
  auto r = submit("老旧小区加装电梯进展缓慢");
  assign_and_sign(r.code);
  ActionRequest i = action("instruct");
  EXPECT_EQ(try_act("sup", r.code, i).error().code, ErrorCode::forbidden) << "a 批示 is a leader's";
  EXPECT_EQ(try_act("zjj", r.code, i).error().code, ErrorCode::forbidden);
  auto blank = try_act("boss", r.code, i);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "reason");
  EXPECT_NE(blank.error().detail.find("批示内容"), std::string::npos);
  i.reason = "请住建局本周内拿出加装方案,向群众说明进度";
  auto d = act("boss", r.code, i);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::signed_);
  ASSERT_EQ(d.instructions.size(), 1u);
  EXPECT_EQ(d.instructions[0].text, i.reason);
  EXPECT_FALSE(d.instructions[0].answered_at);
  EXPECT_FALSE(d.events.back().event.is_public) << "the citizen does not see a 批示";
  EXPECT_EQ(card("zjj", "awaiting_answer"), 1);
  EXPECT_EQ(card("boss", "awaiting_answer"), 1) << "the leader sees it wait";

  auto unit = svc_->matters().get(actor("zjj"), r.code);
  ASSERT_TRUE(unit);
  EXPECT_TRUE(has(*unit, Action::answer));
  ASSERT_EQ(unit->instructions.size(), 1u);
  ActionRequest a = action("answer");
  a.reply = "已制定方案,12月5日前公示";
  d = act("zjj", r.code, a);
  ASSERT_EQ(d.instructions.size(), 1u);
  ASSERT_TRUE(d.instructions[0].answered_at);
  EXPECT_EQ(d.instructions[0].answer, a.reply);
  EXPECT_EQ(card("zjj", "awaiting_answer"), 0);
  EXPECT_EQ(try_act("zjj", r.code, a).error().code, ErrorCode::conflict) << "nothing waits now";
  auto tracked = svc_->intake().track(r.code, r.token);
  ASSERT_TRUE(tracked);
  for (const auto& e : tracked->timeline) EXPECT_NE(e.type, "instruct");
}

TEST_F(LeadTest, AUnitLeaderDelegatesToAHandlerOfTheUnit) {
  auto r = submit("人行道地砖破损");
  assign_and_sign(r.code);
  EXPECT_TRUE(listed("zjj_lead", "to_delegate", r.code));
  ActionRequest g = action("delegate");
  g.handler = "zjj";
  EXPECT_EQ(try_act("zjj", r.code, g).error().code, ErrorCode::forbidden) << "a handler does not delegate";
  EXPECT_EQ(try_act("disp", r.code, g).error().code, ErrorCode::forbidden);
  ActionRequest outside = action("delegate");
  outside.handler = "cgj";
  auto e = try_act("zjj_lead", r.code, outside);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::invalid);
  EXPECT_EQ(e.error().field, "handler");
  outside.handler = "zjj_lead";
  EXPECT_EQ(try_act("zjj_lead", r.code, outside).error().field, "handler") << "not a handler";
  outside.handler = "nobody";
  EXPECT_EQ(try_act("zjj_lead", r.code, outside).error().field, "handler");
  EXPECT_EQ(try_act("zjj_lead", r.code, action("delegate")).error().field, "handler");

  auto handlers = svc_->matters().unit_handlers(actor("zjj_lead"), r.code);
  ASSERT_TRUE(handlers);
  ASSERT_EQ(handlers->size(), 1u);
  EXPECT_EQ(handlers->front().username, "zjj");
  EXPECT_EQ(svc_->matters().unit_handlers(actor("zjj"), r.code).error().code, ErrorCode::forbidden);

  auto d = act("zjj_lead", r.code, g);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::signed_);
  ASSERT_TRUE(d.handler);
  EXPECT_EQ(d.handler->username, "zjj");
  EXPECT_NE(d.events.back().summary.find("分办给用户zjj办理"), std::string::npos) << d.events.back().summary;
  EXPECT_TRUE(listed("zjj", "mine", r.code));
  EXPECT_FALSE(listed("zjj_lead", "to_delegate", r.code));
  EXPECT_FALSE(listed("zjj_lead", "mine", r.code));
  EXPECT_TRUE(listed("zjj", "in_progress", r.code));
  EXPECT_TRUE(listed("zjj_lead", "in_progress", r.code)) << "the rest of the unit still sees it";
}

TEST_F(LeadTest, RepliesGoOutAsTodayUnlessTheUnitReviewsThem) {
  auto r = submit("路灯不亮");
  assign_and_sign(r.code);
  auto s = unit_settings(svc_->context(), actor("zjj"), "430200-ZJJ");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->review_reply);
  EXPECT_FALSE(s->editable);
  ActionRequest res = action("resolve");
  res.reply = "已更换灯具";
  auto d = act("zjj", r.code, res);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::resolved) << "off by default";
}

TEST_F(LeadTest, AUnitLeaderApprovesOrSendsBackAHeldReply) {
  EXPECT_EQ(put_unit_settings(svc_->context(), actor("zjj"), "430200-ZJJ", true).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(put_unit_settings(svc_->context(), actor("zjj_lead"), "430200-CGJ", true).error().code,
            ErrorCode::not_found) << "another unit's settings are not the unit leader's";
  auto on = put_unit_settings(svc_->context(), actor("zjj_lead"), "430200-ZJJ", true);
  ASSERT_TRUE(on) << on.error().detail;
  EXPECT_TRUE(on->review_reply);
  EXPECT_TRUE(put_unit_settings(svc_->context(), actor("admin"), "430200-CGJ", false));

  auto r = submit("小区垃圾清运不及时");
  assign_and_sign(r.code);
  ActionRequest res = action("resolve");
  res.reply = "已安排清运,今后每日两次";
  auto d = act("zjj", r.code, res);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::signed_) << "held for review";
  EXPECT_EQ(d.summary.matter.reply, "");
  EXPECT_TRUE(d.review.pending);
  EXPECT_EQ(d.review.reply, res.reply);
  EXPECT_FALSE(has(d, Action::resolve));
  EXPECT_EQ(try_act("zjj", r.code, res).error().code, ErrorCode::conflict);
  auto tracked = svc_->intake().track(r.code, r.token);
  ASSERT_TRUE(tracked);
  EXPECT_EQ(tracked->reply, "");
  EXPECT_EQ(tracked->status, MatterStatus::signed_);
  for (const auto& e : tracked->timeline) EXPECT_EQ(e.note.find("每日两次"), std::string::npos);
  EXPECT_TRUE(listed("zjj_lead", "to_review", r.code));
  EXPECT_FALSE(listed("zjj", "to_review", r.code));

  ActionRequest back = action("review_reply");
  back.approve = false;
  EXPECT_EQ(try_act("zjj", r.code, back).error().code, ErrorCode::forbidden);
  EXPECT_EQ(try_act("zjj_lead", r.code, back).error().field, "reason");
  back.reason = "请写明清运时间和投诉电话";
  d = act("zjj_lead", r.code, back);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::signed_);
  EXPECT_FALSE(d.review.pending);
  auto seen = svc_->matters().get(actor("zjj"), r.code);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->review.returned_note, back.reason);
  EXPECT_TRUE(has(*seen, Action::resolve));
  EXPECT_FALSE(listed("zjj_lead", "to_review", r.code));

  res.reply = "已安排每日7时、18时两次清运,投诉电话12345";
  act("zjj", r.code, res);
  ActionRequest ok = action("review_reply");
  ok.approve = true;
  d = act("zjj_lead", r.code, ok);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::resolved);
  EXPECT_EQ(d.summary.matter.reply, res.reply);
  EXPECT_TRUE(d.events.back().event.is_public);
  EXPECT_EQ(d.events.back().event.type, "resolve");
  tracked = svc_->intake().track(r.code, r.token);
  EXPECT_EQ(tracked->reply, res.reply);

  // The unit leader's own resolve is not held.
  auto r2 = submit("井盖松动");
  assign_and_sign(r2.code);
  ActionRequest own = action("resolve");
  own.reply = "已加固";
  EXPECT_EQ(act("zjj_lead", r2.code, own).summary.matter.status, MatterStatus::resolved);
}

TEST_F(LeadTest, TheAssignmentSheetPrintsTheAssignment) {
  auto r = submit("背街小巷路面坑洼");
  EXPECT_EQ(assignment_sheet(svc_->matters(), actor("disp"), r.code).error().code, ErrorCode::conflict);
  act("disp", r.code, action("accept"));
  ActionRequest a = action("assign");
  a.lead_org = "430200-ZJJ";
  a.co_orgs = {"430200-CGJ"};
  a.handling_class = "immediate";
  a.subject_orgs = {"430200-SWJ"};
  a.note = "请会同城管局先行围挡";
  act("disp", r.code, a);
  auto sheet = assignment_sheet(svc_->matters(), actor("zjj"), r.code);
  ASSERT_TRUE(sheet) << sheet.error().detail;
  EXPECT_NE(sheet->find("<h1>交办单</h1>"), std::string::npos);
  EXPECT_NE(sheet->find("市住建局"), std::string::npos);
  EXPECT_NE(sheet->find("市城管局"), std::string::npos);
  EXPECT_NE(sheet->find("请会同城管局先行围挡"), std::string::npos);
  EXPECT_NE(sheet->find(std::string(label(HandlingClass::immediate))), std::string::npos);
  auto subject = assignment_sheet(svc_->matters(), actor("swj"), r.code);
  ASSERT_TRUE(subject) << subject.error().detail;
  EXPECT_NE(subject->find("请会同城管局先行围挡"), std::string::npos);
  EXPECT_EQ(subject->find("13812341234"), std::string::npos)
      << "the unit complained about prints what its page shows: the content masked";
}

}  // namespace
}  // namespace huiyin::testing
