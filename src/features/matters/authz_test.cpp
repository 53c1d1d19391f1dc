// The authorisation matrix at the service level: who sees a matter, who may act on it, and who
// may see the reporter's contact.
#include <gtest/gtest.h>

#include "kernel/auth.hpp"
#include "app/service_test_support.hpp"
#include "store/directory_store.hpp"

namespace huiyin::testing {
namespace {

TEST_F(ServiceTest, ScopeDecidesWhoSeesAMatter) {
  auto r = submit();  // in 荷塘区
  EXPECT_TRUE(svc_->matters().get(actor("disp"), r.code));         // city dispatcher
  EXPECT_TRUE(svc_->matters().get(actor("disp_hetang"), r.code));  // district of the matter
  auto other_district = svc_->matters().get(actor("disp_lusong"), r.code);
  ASSERT_FALSE(other_district);
  EXPECT_EQ(other_district.error().code, ErrorCode::not_found);
  EXPECT_FALSE(svc_->matters().get(actor("zjj"), r.code));  // not yet assigned to the unit

  auto list = svc_->matters().list(actor("disp_lusong"), {});
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->items.empty());
  list = svc_->matters().list(actor("disp_hetang"), {});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->items.size(), 1u);
}

TEST_F(ServiceTest, OnlyTheLeadUnitSignsAndResolves) {
  auto r = submit();
  act("disp", r.code, action("accept"));
  ActionRequest a = action("assign");
  a.lead_org = "430200-ZJJ";
  a.co_orgs = {"430200-CGJ"};
  a.handling_class = "immediate";
  act("disp", r.code, a);

  auto co = try_act("cgj", r.code, action("sign"));  // co-unit sees it but may not sign
  ASSERT_FALSE(co);
  EXPECT_EQ(co.error().code, ErrorCode::forbidden);
  auto stranger = try_act("swj", r.code, action("sign"));  // unrelated unit: not visible
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::not_found);
  auto disp_sign = try_act("disp", r.code, action("sign"));  // dispatchers do not sign
  ASSERT_FALSE(disp_sign);
  EXPECT_EQ(disp_sign.error().code, ErrorCode::forbidden);
  auto leader_sign = act("zjj_lead", r.code, action("sign"));
  EXPECT_EQ(leader_sign.summary.matter.status, MatterStatus::signed_);

  auto handler_close = try_act("zjj", r.code, action("close"));
  ASSERT_FALSE(handler_close);
  EXPECT_EQ(handler_close.error().code, ErrorCode::forbidden);
  // The lead handler is offered exactly the unit's actions.
  auto d = svc_->matters().get(actor("zjj"), r.code);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->available_actions, (std::vector<Action>{Action::resolve, Action::extend_request}));
  d = svc_->matters().get(actor("cgj"), r.code);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->available_actions.empty());
}

TEST_F(ServiceTest, DistrictDispatcherActsOnlyInTheDistrict) {
  auto r = submit();
  EXPECT_EQ(act("disp_hetang", r.code, action("accept")).summary.matter.status,
            MatterStatus::accepted);
  auto r2 = submit();
  auto lusong = try_act("disp_lusong", r2.code, action("accept"));
  ASSERT_FALSE(lusong);
  EXPECT_EQ(lusong.error().code, ErrorCode::not_found);
}

TEST_F(ServiceTest, ContactIsMaskedAndRevealedOnlyToThoseWhoNeedIt) {
  auto r = submit();
  assign_and_sign(r.code, {"430200-CGJ"});  // the 城管局 is also the unit complained about
  auto d = svc_->matters().get(actor("zjj"), r.code);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->reporter.masked);
  EXPECT_EQ(d->reporter.name, "张*");
  EXPECT_EQ(d->reporter.phone, "138****1234");

  auto before = event_count();
  auto lead = svc_->matters().reveal_contact(actor("zjj"), r.code);
  ASSERT_TRUE(lead) << lead.error().detail;
  EXPECT_EQ(lead->name, "张三");
  EXPECT_EQ(lead->phone, "13812341234");
  EXPECT_FALSE(lead->masked);
  EXPECT_EQ(event_count(), before + 1);

  auto disp = svc_->matters().reveal_contact(actor("disp"), r.code);
  ASSERT_TRUE(disp);
  // 三员分立: the system administrator does not read petitioners' contacts by being admin.
  auto admin = svc_->matters().reveal_contact(actor("admin"), r.code);
  ASSERT_FALSE(admin);
  EXPECT_EQ(admin.error().code, ErrorCode::forbidden);

  auto seen_by_subject = svc_->matters().get(actor("cgj"), r.code);
  ASSERT_TRUE(seen_by_subject);
  EXPECT_TRUE(seen_by_subject->reporter.name.empty());
  EXPECT_EQ(seen_by_subject->summary.matter.content.find("13812341234"), std::string::npos);
  EXPECT_NE(d->summary.matter.content.find("13812341234"), std::string::npos)
      << "the lead unit reads the text as written";

  auto subject = svc_->matters().reveal_contact(actor("cgj"), r.code);
  ASSERT_FALSE(subject);
  EXPECT_EQ(subject.error().code, ErrorCode::forbidden);
  auto leader = svc_->matters().reveal_contact(actor("boss"), r.code);
  ASSERT_FALSE(leader);
  EXPECT_EQ(leader.error().code, ErrorCode::forbidden);
  auto sup = svc_->matters().reveal_contact(actor("sup"), r.code);
  ASSERT_FALSE(sup);
  auto stranger = svc_->matters().reveal_contact(actor("swj"), r.code);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::not_found);
  EXPECT_EQ(event_count(), before + 2);  // only the allowed reveals are logged

  auto ev = svc_->matters().get(actor("disp"), r.code)->events.back().event;
  EXPECT_EQ(ev.type, "reveal_contact");
  EXPECT_EQ(ev.actor_label, "disp");
  EXPECT_FALSE(ev.is_public);
}

TEST_F(ServiceTest, AnonymousReportersLeaveNoPersonalData) {
  auto r = submit("匿名反映", false, true);
  auto c = svc_->matters().reveal_contact(actor("disp"), r.code);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->anonymous);
  EXPECT_TRUE(c->name.empty());
  EXPECT_TRUE(c->phone.empty());
}

TEST_F(ServiceTest, LoginSessionsExpireAndFailuresAreAudited) {
  auto before = event_count();
  auto bad = svc_->auth().login("zjj", "wrong-password");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::unauthenticated);
  auto nobody = svc_->auth().login("nobody", "wrong-password");
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().detail, bad.error().detail);
  EXPECT_EQ(event_count(), before);  // failures below a throttle write no event (one per throttle)

  auto ok_login = svc_->auth().login("zjj", "password-123");
  ASSERT_TRUE(ok_login);
  EXPECT_GE(ok_login->cookie.size(), 43u);
  EXPECT_NE(ok_login->cookie, ok_login->csrf_token);
  auto s = svc_->auth().authenticate(ok_login->cookie);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->actor.username, "zjj");
  EXPECT_EQ(s->csrf_token, ok_login->csrf_token);
  ASSERT_EQ(s->actor.roles.size(), 1u);
  EXPECT_EQ(s->actor.roles[0].role, Role::handler);
  EXPECT_EQ(s->actor.roles[0].org.code, "430200-ZJJ");

  clock_->advance(481 * 60);
  auto expired = svc_->auth().authenticate(ok_login->cookie);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::unauthenticated);

  auto again = svc_->auth().login("zjj", "password-123");
  ASSERT_TRUE(again);
  ASSERT_TRUE(svc_->auth().logout(again->cookie));
  EXPECT_FALSE(svc_->auth().authenticate(again->cookie));
}

TEST_F(ServiceTest, PasswordsAreArgon2idHashes) {
  std::string hash;
  Status st = store_->read([&](Tx& tx) -> Status {
    hash = db::user_by_username(tx, "zjj")->password_hash;
    return ok();
  });
  ASSERT_TRUE(st);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(AuthService::verify_password(hash, "password-123"));
  EXPECT_FALSE(AuthService::verify_password(hash, "password-124"));
}

TEST_F(ServiceTest, CreateUserValidatesAndRefusesDuplicates) {
  auto dup = svc_->auth().create_user({"zjj", "重复", "password-123", {{"handler", "430200-ZJJ"}}});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  auto short_pw = svc_->auth().create_user({"newbie", "新人", "short", {}});
  ASSERT_FALSE(short_pw);
  EXPECT_EQ(short_pw.error().field, "password");
  auto bad_org = svc_->auth().create_user({"newbie", "新人", "password-123", {{"handler", "X"}}});
  ASSERT_FALSE(bad_org);
  EXPECT_EQ(bad_org.error().field, "roles");
  EXPECT_FALSE(svc_->auth().login("newbie", "password-123"));
}

}  // namespace
}  // namespace huiyin::testing
