// Each office acts only within its scope (条块): every dispatcher action × a dispatcher inside
// and outside the matter's area, assignment inside one's own subtree, 转办 (transfer) up and
// over, supervisors by area, measures only on live matters, and channels the public may use.
#include <gtest/gtest.h>

#include "features/matters/measures.hpp"
#include "app/service_test_support.hpp"

namespace huiyin::testing {
namespace {

class ScopeTest : public ServiceTest {
 protected:
  // A matter of 芦淞区 that a 荷塘区 unit is linked to as co-unit: 荷塘区's dispatcher sees it
  // (a linked unit lies in its subtree) but it is not 荷塘区's to dispatch.
  std::string lusong_matter(const std::string& title = "芦淞区路灯不亮") {
    IntakeRequest r;
    r.title = title;
    r.content = "建设路路灯不亮已一周";
    r.district = "430203";
    auto res = svc_->intake().submit(r, "");
    EXPECT_TRUE(res) << (res ? "" : res.error().detail);
    return res ? res->code : "";
  }
  void link_hetang_unit(const std::string& code) {
    ActionRequest a = action("assign");
    a.lead_org = "430203-CGJ";
    a.co_orgs = {"430202-CGJ"};
    a.handling_class = "immediate";
    act("disp", code, a);
  }
  ErrorCode refused(const std::string& who, const std::string& code, ActionRequest req) {
    auto r = try_act(who, code, std::move(req));
    return r ? ErrorCode{} : r.error().code;
  }
};

ActionRequest with_reason(const std::string& name) {
  ActionRequest a = action(name);
  a.reason = "不属于本地区";
  a.note = "测试";
  return a;
}

TEST_F(ScopeTest, DistrictDispatcherCannotActOnAnotherDistrictsMatterThroughALinkedUnit) {
  const std::string code = lusong_matter();
  link_hetang_unit(code);
  ASSERT_TRUE(svc_->matters().get(actor("disp_hetang"), code));  // it may see it...
  ActionRequest assign = action("assign");
  assign.lead_org = "430202-CGJ";
  assign.handling_class = "immediate";
  ActionRequest transfer = with_reason("transfer");
  transfer.to_org = "430202";
  ActionRequest verify = action("verify");
  verify.solved = true;
  verify.satisfaction = "satisfied";
  // ...but takes no action on it, in any status the action applies to.
  EXPECT_EQ(refused("disp_hetang", code, assign), ErrorCode::forbidden);
  EXPECT_EQ(refused("disp_hetang", code, with_reason("reject")), ErrorCode::forbidden);
  EXPECT_EQ(refused("disp_hetang", code, transfer), ErrorCode::forbidden);
  auto reveal = svc_->matters().reveal_contact(actor("disp_hetang"), code);
  ASSERT_FALSE(reveal);
  EXPECT_EQ(reveal.error().code, ErrorCode::forbidden);
  act("lusong_cgj", code, action("sign"));
  ActionRequest resolve = action("resolve");
  resolve.reply = "已修复";
  act("lusong_cgj", code, resolve);
  EXPECT_EQ(refused("disp_hetang", code, verify), ErrorCode::forbidden);
  EXPECT_EQ(refused("sup_hetang", code, verify), ErrorCode::forbidden);
  act("disp_lusong", code, verify);  // the district's own dispatcher may
  EXPECT_EQ(refused("disp_hetang", code, action("close")), ErrorCode::forbidden);
  act("sup_lusong", code, action("close"));
  EXPECT_EQ(refused("disp_hetang", code, with_reason("reopen")), ErrorCode::forbidden);
  EXPECT_EQ(refused("sup_hetang", code, with_reason("reopen")), ErrorCode::forbidden);
  act("disp_lusong", code, with_reason("reopen"));

  // The actions offered match: none for the outsider.
  auto d = svc_->matters().get(actor("disp_hetang"), code);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->available_actions.empty());
}

TEST_F(ScopeTest, DistrictDispatcherCannotMergeIntoOrAcceptAnotherDistrictsMatter) {
  const std::string theirs = lusong_matter();
  link_hetang_unit(theirs);
  const std::string fresh = lusong_matter("芦淞区又一处路灯不亮");
  EXPECT_EQ(refused("disp_hetang", fresh, action("accept")), ErrorCode::not_found);
  auto ours = submit();  // 荷塘区
  ActionRequest merge = action("merge");
  merge.into = theirs;
  EXPECT_EQ(refused("disp_hetang", ours.code, merge), ErrorCode::invalid);
}

TEST_F(ScopeTest, DistrictDispatcherAssignsOnlyToUnitsOfItsDistrict) {
  auto r = submit();  // 荷塘区
  act("disp_hetang", r.code, action("accept"));
  ActionRequest city = action("assign");
  city.lead_org = "430200-ZJJ";
  city.handling_class = "immediate";
  auto e = try_act("disp_hetang", r.code, city);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::invalid);
  EXPECT_EQ(e.error().field, "lead_org");
  ActionRequest other = action("assign");
  other.lead_org = "430202-CGJ";
  other.co_orgs = {"430203-CGJ"};  // another district's unit
  other.handling_class = "immediate";
  e = try_act("disp_hetang", r.code, other);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "co_orgs");
  other.co_orgs.clear();
  EXPECT_EQ(act("disp_hetang", r.code, other).summary.matter.status, MatterStatus::assigned);
}

TEST_F(ScopeTest, TransferHandsTheMatterUpToTheCityWhichAssignsIt) {
  auto r = submit();  // 荷塘区
  act("disp_hetang", r.code, action("accept"));
  ActionRequest up = with_reason("transfer");
  up.to_org = "430200";
  auto d = act("disp_hetang", r.code, up);
  EXPECT_EQ(d.summary.matter.status, MatterStatus::accepted);  // the status stays
  ASSERT_FALSE(d.events.empty());
  EXPECT_EQ(d.events.back().event.type, "transfer");
  EXPECT_NE(d.events.back().event.payload.find("\"to_org\":\"430200\""), std::string::npos);
  // 荷塘区 still sees it but no longer dispatches it; the city does.
  ActionRequest assign = action("assign");
  assign.lead_org = "430202-CGJ";
  assign.handling_class = "immediate";
  EXPECT_EQ(refused("disp_hetang", r.code, assign), ErrorCode::forbidden);
  assign.lead_org = "430200-ZJJ";
  act("disp", r.code, assign);
  // After the city assigned it, the transfer still holds.
  act("zjj", r.code, with_reason("return"));
  EXPECT_EQ(refused("disp_hetang", r.code, assign), ErrorCode::forbidden);
}

TEST_F(ScopeTest, TransferOverToAnotherDistrictGivesItItsDispatcher) {
  auto r = submit();  // reported in 荷塘区, but the road belongs to 芦淞区
  EXPECT_EQ(refused("disp_lusong", r.code, action("accept")), ErrorCode::not_found);
  ActionRequest over = with_reason("transfer");
  over.to_org = "430203";
  act("disp_hetang", r.code, over);
  act("disp_lusong", r.code, action("accept"));
  ActionRequest assign = action("assign");
  assign.lead_org = "430203-CGJ";
  assign.handling_class = "immediate";
  EXPECT_EQ(act("disp_lusong", r.code, assign).summary.matter.status, MatterStatus::assigned);
}

TEST_F(ScopeTest, TransferNeedsAnAreaAndAReason) {
  auto r = submit();
  ActionRequest t = with_reason("transfer");
  t.to_org = "430200-ZJJ";  // a department is not a dispatch centre
  auto e = try_act("disp_hetang", r.code, t);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "to_org");
  t.to_org = "430202";  // already there
  e = try_act("disp_hetang", r.code, t);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "to_org");
  ActionRequest no_reason = action("transfer");
  no_reason.to_org = "430200";
  e = try_act("disp_hetang", r.code, no_reason);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "reason");
}

TEST_F(ScopeTest, MeasuresCannotBeAddedToRejectedMergedOrClosedMatters) {
  MeasureInput m;
  m.content = "现场核查";
  auto rejected = submit();
  act("disp", rejected.code, with_reason("reject"));
  auto r = svc_->measures().add(actor("admin"), rejected.code, m);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);

  auto kept = submit("路灯不亮一");
  auto dup = submit("路灯不亮二");
  ActionRequest merge = action("merge");
  merge.into = kept.code;
  act("disp", dup.code, merge);
  r = svc_->measures().add(actor("admin"), dup.code, m);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);

  auto closed = submit("路灯不亮三");
  assign_and_sign(closed.code);
  auto added = svc_->measures().add(actor("zjj"), closed.code, m);
  ASSERT_TRUE(added) << added.error().detail;
  ActionRequest resolve = action("resolve");
  resolve.reply = "已修复";
  resolve.unfinished_measures_reason = "现场核查改为电话核实";
  act("zjj", closed.code, resolve);
  ActionRequest verify = action("verify");
  verify.solved = true;
  verify.satisfaction = "satisfied";
  act("disp", closed.code, verify);
  ActionRequest close = action("close");
  close.unfinished_measures_reason = "现场核查改为电话核实";
  act("disp", closed.code, close);
  r = svc_->measures().add(actor("zjj"), closed.code, m);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  MeasurePatch p;
  p.progress = 10;
  auto u = svc_->measures().update(actor("zjj"), added->measure.id, p, added->measure.version);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().code, ErrorCode::conflict);
}

TEST_F(ScopeTest, PublicCannotClaimChannelsOnlyStaffRecord) {
  for (const char* ch : {"petition", "hotline", "visit", "onsite_office", "night_talk",
                         "enterprise", "process_walk", "patrol"}) {
    IntakeRequest r;
    r.title = "信访事项";
    r.content = "反映拖欠工资";
    r.channel = ch;
    auto res = svc_->intake().submit(r, "");
    ASSERT_FALSE(res) << ch;
    EXPECT_EQ(res.error().code, ErrorCode::invalid) << ch;
    EXPECT_EQ(res.error().field, "channel") << ch;
    const Actor recorder = actor("disp");
    EXPECT_TRUE(svc_->intake().submit(r, "", &recorder)) << ch;
  }
  IntakeRequest web;
  web.title = "路灯不亮";
  web.content = "路灯不亮";
  web.channel = "web";
  EXPECT_TRUE(svc_->intake().submit(web, ""));
}

}  // namespace
}  // namespace huiyin::testing
