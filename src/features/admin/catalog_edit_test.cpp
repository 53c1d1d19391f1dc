// Editing the catalog as an administrator meets it (issue 9): orgs renamed, moved (their
// subtree's scope moves with them, cycles refused), disabled and enabled (refused while they
// lead open matters, have active users or enabled sub-units; a disabled org takes no new work
// but keeps its history); categories renamed, moved and disabled (no longer offered, existing
// matters keep theirs); the user list in pages with search. After every change: an audit event
// naming it, the rows sealed (`audit verify` passes, and catches a row changed behind the
// application's back), and the catalog snapshot rebuilt. SQLite and PostgreSQL (the fixture).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "app/service_test_support.hpp"
#include "features/admin/admin.hpp"
#include "kernel/audit.hpp"
#include "kernel/catalog.hpp"
#include "store/sql.hpp"

namespace huiyin::testing {
namespace {

class CatalogEditTest : public ServiceTest {
 protected:
  // The payload of the latest event of this type ("" when none).
  std::string last_event(const std::string& type) {
    auto rows = sql::open_connection(url_)->query(
        "SELECT payload, seals FROM events WHERE type = $1 ORDER BY seq DESC LIMIT 1", {type});
    if (rows.empty()) return "";
    last_seals_ = rows[0].text(1);
    return rows[0].text(0);
  }
  void expect_verified(const std::string& when) {
    auto report = svc_->audit().verify();
    ASSERT_TRUE(report) << report.error().detail;
    EXPECT_TRUE(report->ok) << when << ": " << report->reason;
  }
  std::optional<OrgView> org(const std::string& code) {
    auto list = svc_->catalog().orgs();
    if (!list) return std::nullopt;
    for (const auto& o : *list)
      if (o.code == code) return o;
    return std::nullopt;
  }
  std::int64_t builds() { return svc_->context().catalog_cache().builds(); }
  Result<MatterDetail> assign_to(const std::string& matter, const std::string& lead) {
    act("disp", matter, action("accept"));
    ActionRequest a = action("assign");
    a.lead_org = lead;
    a.handling_class = "immediate";
    return try_act("disp", matter, a);
  }
  std::string last_seals_;
};

TEST_F(CatalogEditTest, RenamedOrgShowsAtOnceIsAuditedAndSealed) {
  const std::int64_t before = builds();
  OrgPatch p;
  p.name = "株洲市住房和城乡建设局";
  auto r = svc_->admin().update_org(actor("admin"), "430200-ZJJ", p);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->name, "株洲市住房和城乡建设局");
  EXPECT_EQ(builds(), before + 1) << "snapshot rebuilt once after the commit";
  EXPECT_EQ(org("430200-ZJJ")->name, "株洲市住房和城乡建设局");
  const std::string ev = last_event("org_update");
  EXPECT_NE(ev.find("430200-ZJJ"), std::string::npos) << ev;
  EXPECT_NE(ev.find("株洲市住房和城乡建设局"), std::string::npos) << ev;
  EXPECT_NE(last_seals_.find("orgs\t"), std::string::npos) << "the row sealed in the event";
  expect_verified("after the rename");

  // Changing the row behind the application's back is caught.
  sql::open_connection(url_)->exec("UPDATE orgs SET name = '改过' WHERE code = '430200-ZJJ'");
  auto bad = svc_->audit().verify();
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->ok);

  // Bad input changes nothing.
  OrgPatch empty;
  empty.name = "  ";
  auto refused = svc_->admin().update_org(actor("admin"), "430200-CGJ", empty);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid);
  EXPECT_FALSE(svc_->admin().update_org(actor("disp"), "430200-CGJ", p)) << "admin only";
  auto unknown = svc_->admin().update_org(actor("admin"), "NOPE", p);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_F(CatalogEditTest, MovedOrgTakesItsSubtreeAndScopeAlongAndCyclesAreRefused) {
  // 荷塘区城管局 (under 荷塘区) leads a matter; 荷塘区's dispatcher sees it, 芦淞区's does not.
  const auto code = submit().code;
  auto assigned = assign_to(code, "430202-CGJ");
  ASSERT_TRUE(assigned) << assigned.error().detail;
  ASSERT_TRUE(svc_->matters().get(actor("sup_hetang"), code));

  // A move under itself or its own sub-unit is refused.
  OrgPatch cycle;
  cycle.parent = "430202-CGJ";
  auto refused = svc_->admin().update_org(actor("admin"), "430202", cycle);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid);
  EXPECT_NE(refused.error().detail.find("下级"), std::string::npos) << refused.error().detail;
  cycle.parent = "430202";
  EXPECT_FALSE(svc_->admin().update_org(actor("admin"), "430202", cycle));
  // A 块 under a 条 is refused, as is an area under an area of its own level.
  OrgPatch under_dept;
  under_dept.parent = "430200-ZJJ";
  EXPECT_FALSE(svc_->admin().update_org(actor("admin"), "430202", under_dept));
  OrgPatch flat;
  flat.parent = "430203";
  flat.level = 2;
  auto same_level = svc_->admin().update_org(actor("admin"), "430202", flat);
  ASSERT_FALSE(same_level);
  EXPECT_EQ(same_level.error().field, "level");

  // Moved under 芦淞区: the unit's matters are now in 芦淞区's scope, not 荷塘区's.
  OrgPatch move;
  move.parent = "430203";
  auto moved = svc_->admin().update_org(actor("admin"), "430202-CGJ", move);
  ASSERT_TRUE(moved) << moved.error().detail;
  EXPECT_EQ(moved->parent_code, "430203");
  EXPECT_EQ(org("430202-CGJ")->parent_code, "430203");
  auto lusong = svc_->matters().get(actor("sup_lusong"), code);
  EXPECT_TRUE(lusong) << "the new district's supervisor oversees the unit's matter";
  // The matter still lies in 荷塘区 (its area), so 荷塘区 keeps seeing it as well.
  EXPECT_TRUE(svc_->matters().get(actor("sup_hetang"), code));
  // The unit's own handler still sees and acts on its matters.
  EXPECT_TRUE(svc_->matters().get(actor("hetang_cgj"), code));
  const std::string ev = last_event("org_update");
  EXPECT_NE(ev.find("\"parent\""), std::string::npos) << ev;
  EXPECT_NE(ev.find("430203"), std::string::npos) << ev;
  expect_verified("after the move");

  // A district department moved under the city takes the city's level.
  OrgPatch up;
  up.parent = "430200";
  auto raised = svc_->admin().update_org(actor("admin"), "430203-CGJ", up);
  ASSERT_TRUE(raised) << raised.error().detail;
  EXPECT_EQ(raised->level, 1);

  // A street with its community moves as a whole: the community's path follows.
  ASSERT_TRUE(svc_->admin().add_org(actor("admin"), {"430203-001", "建设街道", "area", 3, "430203"}));
  ASSERT_TRUE(svc_->admin().add_org(actor("admin"), {"430203-001-01", "新华社区", "area", 4, "430203-001"}));
  OrgPatch street;
  street.parent = "430202";
  ASSERT_TRUE(svc_->admin().update_org(actor("admin"), "430203-001", street));
  auto snap = svc_->catalog().snapshot();
  ASSERT_TRUE(snap);
  const Org* community = (*snap)->orgs().find_code("430203-001-01");
  const Org* hetang = (*snap)->orgs().find_code("430202");
  ASSERT_TRUE(community && hetang);
  EXPECT_EQ(community->path.rfind(hetang->path, 0), 0u) << community->path << " under " << hetang->path;
  expect_verified("after the subtree move");
}

TEST_F(CatalogEditTest, DisablingAnOrgIsRefusedWhileItHasWorkAndThenKeepsItsHistory) {
  const auto code = submit().code;
  auto assigned = assign_to(code, "430200-SWJ");
  ASSERT_TRUE(assigned) << assigned.error().detail;

  OrgPatch off;
  off.active = false;
  auto refused = svc_->admin().update_org(actor("admin"), "430200-SWJ", off);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(refused.error().detail.find("1件"), std::string::npos) << refused.error().detail;
  EXPECT_NE(refused.error().detail.find("1名"), std::string::npos) << refused.error().detail;
  EXPECT_TRUE(org("430200-SWJ")->active);

  // A district with enabled sub-units is refused too, naming them.
  auto district = svc_->admin().update_org(actor("admin"), "430203", off);
  ASSERT_FALSE(district);
  EXPECT_NE(district.error().detail.find("下级单位"), std::string::npos) << district.error().detail;

  // The matter moves on to another unit and the handler's account is disabled: now it may go.
  ActionRequest back = action("assign");
  back.lead_org = "430200-ZJJ";
  back.handling_class = "immediate";
  ASSERT_TRUE(try_act("disp", code, back));
  UserPatch user_off;
  user_off.active = false;
  ASSERT_TRUE(svc_->admin().update_user(actor("admin"), "swj", user_off));
  auto disabled = svc_->admin().update_org(actor("admin"), "430200-SWJ", off);
  ASSERT_TRUE(disabled) << disabled.error().detail;
  EXPECT_FALSE(disabled->active);
  EXPECT_FALSE(org("430200-SWJ")->active) << "still listed, marked disabled";
  EXPECT_NE(last_event("org_update").find("\"active\":false"), std::string::npos);
  EXPECT_NE(last_seals_.find("org_states\t"), std::string::npos) << last_seals_;
  expect_verified("after disabling");

  // No new assignment to it, no new role there; its history stays readable.
  const auto other = submit("井盖缺失").code;
  auto to_disabled = assign_to(other, "430200-SWJ");
  ASSERT_FALSE(to_disabled);
  // The dispatcher is told why, not that the unit lies outside their area.
  EXPECT_NE(to_disabled.error().detail.find("已停用"), std::string::npos) << to_disabled.error().detail;
  auto detail = svc_->matters().get(actor("admin"), code);
  ASSERT_TRUE(detail);
  auto grant = svc_->admin().create_user(actor("sec"), {"new_swj", "新人", "Password-12345",
                                                        {{"handler", "430200-SWJ"}}});
  ASSERT_FALSE(grant);
  EXPECT_NE(grant.error().detail.find("已停用"), std::string::npos) << grant.error().detail;

  // Re-enabling undoes it; tampering with the state row is caught.
  sql::open_connection(url_)->exec(
      "UPDATE org_states SET active = 1 WHERE org_id = (SELECT id FROM orgs WHERE code = '430200-SWJ')");
  auto bad = svc_->audit().verify();
  ASSERT_TRUE(bad);
  EXPECT_FALSE(bad->ok) << "a state row changed outside the application";
}

TEST_F(CatalogEditTest, EnablingAgainWorksAndSkipsANoChange) {
  ASSERT_TRUE(svc_->admin().add_org(actor("admin"), {"430200-GXJ", "市工信局", "dept", 2, "430200"}));
  OrgPatch off;
  off.active = false;
  ASSERT_TRUE(svc_->admin().update_org(actor("admin"), "430200-GXJ", off));
  OrgPatch on;
  on.active = true;
  auto r = svc_->admin().update_org(actor("admin"), "430200-GXJ", on);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_TRUE(r->active);
  EXPECT_TRUE(org("430200-GXJ")->active);
  const auto events = event_count();
  ASSERT_TRUE(svc_->admin().update_org(actor("admin"), "430200-GXJ", on));
  EXPECT_EQ(event_count(), events) << "nothing changed, nothing logged";
  expect_verified("after enabling");
}

TEST_F(CatalogEditTest, CategoryRenamedMovedAndDisabledWhileMattersKeepIt) {
  ASSERT_TRUE(svc_->admin().add_category(actor("admin"), {"90", "营商环境", "", "", true}));
  ASSERT_TRUE(svc_->admin().add_category(actor("admin"), {"9001", "审批服务", "90", "", true}));
  ASSERT_TRUE(svc_->admin().add_category(actor("admin"), {"91", "公共服务", "", "", true}));

  CategoryPatch rename;
  rename.name = "政务服务";
  rename.default_dept = "430200-ZJJ";
  auto renamed = svc_->admin().update_category(actor("admin"), "9001", rename);
  ASSERT_TRUE(renamed) << renamed.error().detail;
  EXPECT_EQ(renamed->name, "政务服务");
  EXPECT_EQ(renamed->default_dept, "430200-ZJJ");
  EXPECT_NE(last_event("category_update").find("政务服务"), std::string::npos);
  EXPECT_NE(last_seals_.find("categories\t"), std::string::npos);
  expect_verified("after the category rename");

  // Cycles and a fourth level are refused; a move under 公共服务 works, levels follow.
  CategoryPatch cycle;
  cycle.parent = "9001";
  EXPECT_FALSE(svc_->admin().update_category(actor("admin"), "90", cycle));
  CategoryPatch move;
  move.parent = "91";
  auto moved = svc_->admin().update_category(actor("admin"), "90", move);
  ASSERT_TRUE(moved) << moved.error().detail;
  EXPECT_EQ(moved->level, 2);
  auto all = svc_->admin().categories(actor("admin"));
  ASSERT_TRUE(all);
  auto find = [&](const std::string& c) {
    return *std::find_if(all->begin(), all->end(), [&](const CategoryView& v) { return v.code == c; });
  };
  EXPECT_EQ(find("9001").level, 3);
  CategoryPatch deeper;
  deeper.parent = "9001";
  ASSERT_TRUE(svc_->admin().add_category(actor("admin"), {"92", "其他", "", "", true}));
  auto too_deep = svc_->admin().update_category(actor("admin"), "91", CategoryPatch{{}, {"92"}, {}, {}});
  EXPECT_FALSE(too_deep) << "91 > 90 > 9001 under 92 would make four levels";
  expect_verified("after the category move");

  // A matter filed under 政务服务; then the category is disabled.
  IntakeRequest r;
  r.title = "办证排队太久";
  r.content = "政务大厅窗口太少,排队两个小时";
  r.category = "9001";
  r.district = "430202";
  r.anonymous = true;
  auto receipt = svc_->intake().submit(r, "");
  ASSERT_TRUE(receipt) << receipt.error().detail;

  CategoryPatch off;
  off.active = false;
  auto disabled = svc_->admin().update_category(actor("admin"), "90", off);
  ASSERT_TRUE(disabled) << disabled.error().detail;
  EXPECT_FALSE(disabled->active);
  // Not offered any more, sub-category included; the admin list still shows both.
  auto offered = svc_->catalog().categories(true);
  ASSERT_TRUE(offered);
  for (const auto& c : *offered) EXPECT_TRUE(c.code != "90" && c.code != "9001") << c.code;
  all = svc_->admin().categories(actor("admin"));
  EXPECT_FALSE(find("9001").active);
  EXPECT_NE(last_event("category_update").find("also_disabled"), std::string::npos);
  // A new matter cannot take it; the existing one keeps it.
  r.title = "又排队";
  auto refused = svc_->intake().submit(r, "");
  ASSERT_FALSE(refused);
  auto matter = svc_->matters().get(actor("admin"), receipt->code);
  ASSERT_TRUE(matter);
  EXPECT_EQ(matter->summary.category_name, "政务服务");
  // The sub-category cannot be enabled under a disabled parent.
  CategoryPatch on;
  on.active = true;
  auto orphan = svc_->admin().update_category(actor("admin"), "9001", on);
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::conflict);
  expect_verified("after disabling the category");
}

TEST_F(CatalogEditTest, UserListComesInPagesWithATotalAndSearch) {
  auto first = svc_->admin().users_page(actor("admin"), {"", 1, 5});
  ASSERT_TRUE(first) << first.error().detail;
  auto everyone = svc_->admin().users(actor("admin"));
  ASSERT_TRUE(everyone);
  EXPECT_EQ(first->total, static_cast<std::int64_t>(everyone->size()));
  ASSERT_EQ(first->items.size(), 5u);
  EXPECT_EQ(first->items[0].username, (*everyone)[0].username);
  auto last = svc_->admin().users_page(actor("admin"), {"", 4, 5});
  ASSERT_TRUE(last);
  EXPECT_EQ(last->items.size(), everyone->size() - 15) << "16 fixture users: 1 on page 4";
  // By unit name, by username, by display name.
  auto by_unit = svc_->admin().users_page(actor("admin"), {"芦淞区", 1, 20});
  ASSERT_TRUE(by_unit);
  EXPECT_EQ(by_unit->total, 3) << "disp_lusong, lusong_cgj, sup_lusong";
  auto by_name = svc_->admin().users_page(actor("admin"), {"ZJJ", 1, 20});
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->total, 2) << "zjj, zjj_lead: by username and by their unit code";
  auto by_display = svc_->admin().users_page(actor("admin"), {"用户boss", 1, 20});
  ASSERT_TRUE(by_display);
  EXPECT_EQ(by_display->total, 1);
  auto none = svc_->admin().users_page(actor("admin"), {"100%_", 1, 20});
  ASSERT_TRUE(none);
  EXPECT_EQ(none->total, 0) << "LIKE wildcards are taken literally";
  EXPECT_FALSE(svc_->admin().users_page(actor("admin"), {"", 0, 20}));
  EXPECT_FALSE(svc_->admin().users_page(actor("admin"), {"", 1, 1000}));
  EXPECT_FALSE(svc_->admin().users_page(actor("disp"), {"", 1, 20}));
}

}  // namespace
}  // namespace huiyin::testing
