// 催办 / 督办 by hand and the unit's answer, over a real store (both backends): who may take
// them, that the status does not move, that a 督办 waits for its answer, the printable 督办单,
// and that refusing an extension needs a reason the timeline shows.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/service_test_support.hpp"
#include "features/supervision/supervision_sheet.hpp"

namespace huiyin::testing {
namespace {

bool has(const MatterDetail& d, Action a) {
  return std::find(d.available_actions.begin(), d.available_actions.end(), a) !=
         d.available_actions.end();
}

class SupervisionTest : public ServiceTest {};

TEST_F(SupervisionTest, ASupervisorSupervisesAndTheUnitAnswersWithoutTheStatusMoving) {
  auto r = submit("背街小巷垃圾清运不及时");
  assign_and_sign(r.code);
  auto sup_view = svc_->matters().get(actor("sup"), r.code);
  ASSERT_TRUE(sup_view);
  EXPECT_TRUE(has(*sup_view, Action::supervise));
  EXPECT_TRUE(has(*sup_view, Action::urge));
  auto unit_view = svc_->matters().get(actor("zjj"), r.code);
  EXPECT_FALSE(has(*unit_view, Action::answer)) << "nothing to answer yet";

  ActionRequest s = action("supervise");
  auto blank = try_act("sup", r.code, s);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "reason");
  EXPECT_NE(blank.error().detail.find("督办意见"), std::string::npos);
  s.reason = "群众多次反映,请立即组织清运并建立长效机制";
  s.listed = true;
  auto d = act("sup", r.code, s);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::signed_);
  EXPECT_TRUE(d.supervision.pending);
  EXPECT_TRUE(d.supervision.listed);
  EXPECT_EQ(d.supervision.supervised, 1);
  // Monday 11-23 + 3 working days.
  ASSERT_TRUE(d.supervision.answer_by);
  EXPECT_EQ(format_date(*d.supervision.answer_by), "2026-11-26");
  EXPECT_NE(d.events.back().summary.find("挂牌督办,请于2026-11-26前答复"), std::string::npos)
      << d.events.back().summary;
  EXPECT_FALSE(d.events.back().event.is_public);

  unit_view = svc_->matters().get(actor("zjj"), r.code);
  EXPECT_TRUE(has(*unit_view, Action::answer));
  auto sheet = supervision_sheet(svc_->matters(), actor("zjj"), r.code);
  ASSERT_TRUE(sheet) << sheet.error().detail;
  EXPECT_NE(sheet->find("<h1>督办单</h1>"), std::string::npos);
  EXPECT_NE(sheet->find("群众多次反映"), std::string::npos);
  EXPECT_NE(sheet->find("挂牌督办"), std::string::npos);
  EXPECT_NE(sheet->find("请于2026-11-26前书面答复"), std::string::npos);

  ActionRequest a = action("answer");
  auto no_reply = try_act("zjj", r.code, a);
  ASSERT_FALSE(no_reply);
  EXPECT_EQ(no_reply.error().field, "reply");
  a.reply = "已于当日完成清运,并将该路段纳入每日两次保洁";
  d = act("zjj", r.code, a);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::signed_);
  EXPECT_FALSE(d.supervision.pending);
  EXPECT_EQ(d.summary.matter.reply, "") << "the answer is not the matter's reply to the citizen";
  auto again = try_act("zjj", r.code, a);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  sheet = supervision_sheet(svc_->matters(), actor("sup"), r.code);
  ASSERT_TRUE(sheet);
  EXPECT_NE(sheet->find("纳入每日两次保洁"), std::string::npos);
}

TEST_F(SupervisionTest, WhoMayUrgeAndSupervise) {
  auto r = submit("路灯不亮");
  assign_and_sign(r.code);
  ActionRequest u = action("urge");
  u.reason = "请加快办理";
  EXPECT_EQ(try_act("zjj", r.code, u).error().code, ErrorCode::forbidden);
  auto d = act("disp", r.code, u);
  EXPECT_EQ(d.supervision.urged, 1);
  EXPECT_FALSE(d.supervision.pending) << "a 催办 asks no answer";
  ActionRequest s = action("supervise");
  s.reason = "请限期办结";
  EXPECT_EQ(try_act("disp", r.code, s).error().code, ErrorCode::forbidden);
  EXPECT_EQ(try_act("zjj", r.code, s).error().code, ErrorCode::forbidden);
  d = act("boss", r.code, s);
  EXPECT_TRUE(d.supervision.pending);
  EXPECT_FALSE(d.supervision.listed);
  s.answer_by = "2026-11-01";
  auto past = try_act("sup", r.code, s);
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().field, "answer_by");
  // Not while nobody has it: a submitted matter is the dispatchers' to move.
  auto fresh = submit("井盖缺失");
  ActionRequest s2 = action("supervise");
  s2.reason = "请处理";
  EXPECT_EQ(try_act("sup", fresh.code, s2).error().code, ErrorCode::conflict);
  EXPECT_EQ(supervision_sheet(svc_->matters(), actor("sup"), fresh.code).error().code,
            ErrorCode::conflict);
}

TEST_F(SupervisionTest, RefusingAnExtensionNeedsAReasonTheTimelineShows) {
  auto r = submit("小区排水不畅");
  assign_and_sign(r.code);
  ActionRequest req = action("extend_request");
  req.reason = "需等待管网改造";
  req.extend_days = 5;
  act("zjj", r.code, req);
  ActionRequest no = action("extend_decide");
  no.approve = false;
  auto unsaid = try_act("sup", r.code, no);
  ASSERT_FALSE(unsaid);
  EXPECT_EQ(unsaid.error().field, "reason");
  no.reason = "可先行临时疏通,不需延期";
  auto d = act("sup", r.code, no);
  EXPECT_FALSE(d.summary.matter.extension_pending);
  EXPECT_NE(d.events.back().summary.find("不同意延期:可先行临时疏通"), std::string::npos)
      << d.events.back().summary;
}

}  // namespace
}  // namespace huiyin::testing
