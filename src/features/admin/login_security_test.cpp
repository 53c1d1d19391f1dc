// 等保2.0 logins: throttling, hash cost, password rules, sessions, 三员分立, the audit log.
#include <gtest/gtest.h>

#include "features/admin/admin.hpp"
#include "kernel/audit_log.hpp"
#include "kernel/auth.hpp"
#include "features/matters/matters.hpp"
#include "kernel/passwords.hpp"
#include "app/service_test_support.hpp"
#include "kernel/support.hpp"
#include "store/directory_store.hpp"
#include "store/store_test_support.hpp"

namespace huiyin::testing {
namespace {

constexpr const char* kPw = "password-123";  // the fixture users' password

std::int64_t events_of_type(Store& store, const std::string& type) {
  std::int64_t n = 0;
  Status st = store.read([&](Tx& tx) -> Status {
    return tx.for_each_event([&](const Event& e) {
      n += e.type == type;
      return true;
    });
  });
  EXPECT_TRUE(st);
  return n;
}

TEST_F(ServiceTest, EleventhTryFromOneAddressIsThrottledWhileTheRealUserLogsInFromAnother) {
  for (int i = 0; i < 10; ++i) {
    auto r = svc_->auth().login("zjj", "guess-" + std::to_string(i), "203.0.113.5");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::unauthenticated) << i;
  }
  auto eleventh = svc_->auth().login("zjj", kPw, "203.0.113.5");  // even the right password
  ASSERT_FALSE(eleventh);
  EXPECT_EQ(eleventh.error().code, ErrorCode::too_many_requests);
  EXPECT_GT(eleventh.error().retry_after, 0);
  EXPECT_LE(eleventh.error().retry_after, 15 * 60);
  auto real = svc_->auth().login("zjj", kPw, "198.51.100.20");
  ASSERT_TRUE(real) << real.error().detail;
  // After the window the address may try again.
  clock_->advance(15 * 60);
  EXPECT_TRUE(svc_->auth().login("zjj", kPw, "203.0.113.5"));
}

TEST_F(ServiceTest, UnknownUsernameIsThrottledLikeARealOne) {
  for (int i = 0; i < 10; ++i) ASSERT_FALSE(svc_->auth().login("nobody", "x-" + std::to_string(i), "203.0.113.6"));
  auto r = svc_->auth().login("nobody", "x", "203.0.113.6");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::too_many_requests);
}

TEST_F(ServiceTest, ThrottledTryCostsNoPasswordHash) {
  for (int i = 0; i < 10; ++i) ASSERT_FALSE(svc_->auth().login("zjj", "bad", "203.0.113.7"));
  const long before = svc_->auth().password_checks();
  for (int i = 0; i < 50; ++i) ASSERT_FALSE(svc_->auth().login("zjj", "bad", "203.0.113.7"));
  EXPECT_EQ(svc_->auth().password_checks(), before);
}

TEST_F(ServiceTest, LoginCostsOneHashForUnknownInactiveAndActiveAccounts) {
  UserPatch off;
  off.active = false;
  ASSERT_TRUE(svc_->admin().update_user(actor("admin"), "swj", off));
  auto cost = [&](const std::string& user, const std::string& pw) {
    const long before = svc_->auth().password_checks();
    (void)svc_->auth().login(user, pw, "192.0.2.1");
    return svc_->auth().password_checks() - before;
  };
  EXPECT_EQ(cost("nobody", kPw), 1);
  EXPECT_EQ(cost("swj", kPw), 1);  // inactive, right password
  EXPECT_EQ(cost("zjj", "wrong"), 1);
  EXPECT_EQ(cost("zjj", kPw), 1);
}

TEST_F(ServiceTest, OneAuditEventPerThrottleNotPerFailure) {
  const auto before = events_of_type(*store_, "login_throttled");
  for (int i = 0; i < 10; ++i) (void)svc_->auth().login("zjj", "bad", "203.0.113.8");
  EXPECT_EQ(events_of_type(*store_, "login_throttled"), before + 1);
  for (int i = 0; i < 20; ++i) (void)svc_->auth().login("zjj", "bad", "203.0.113.8");
  EXPECT_EQ(events_of_type(*store_, "login_throttled"), before + 1);
  EXPECT_EQ(events_of_type(*store_, "login_failed"), 0);
}

TEST_F(ServiceTest, AccountGetsGrowingDelaysAcrossAddressesNotALockout) {
  // 20 failures from 20 addresses: the account now waits 1 s, then 2 s … never 15 minutes.
  for (int i = 0; i < 20; ++i)
    ASSERT_FALSE(svc_->auth().login("zjj", "bad", "10.0.0." + std::to_string(i)));
  auto r = svc_->auth().login("zjj", kPw, "198.51.100.30");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::too_many_requests);
  EXPECT_LE(r.error().retry_after, 60);
  clock_->advance(1);
  ASSERT_FALSE(svc_->auth().login("zjj", "bad", "10.0.1.1"));
  clock_->advance(2);
  ASSERT_FALSE(svc_->auth().login("zjj", "bad", "10.0.1.2"));
  auto waiting = svc_->auth().login("zjj", kPw, "198.51.100.30");
  ASSERT_FALSE(waiting);
  EXPECT_GE(waiting.error().retry_after, 3);
  clock_->advance(60);
  EXPECT_TRUE(svc_->auth().login("zjj", kPw, "198.51.100.30"));
}

TEST_F(ServiceTest, SecurityAdminLiftsAThrottleAndTheLiftIsAudited) {
  for (int i = 0; i < 10; ++i) (void)svc_->auth().login("zjj", "bad", "203.0.113.9");
  auto list = svc_->admin().throttles(actor("sec"));
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].account, "zjj");
  EXPECT_EQ((*list)[0].source, "203.0.113.9");
  EXPECT_FALSE(svc_->admin().throttles(actor("admin")));
  EXPECT_FALSE(svc_->admin().lift_throttle(actor("admin"), "zjj", ""));
  auto lifted = svc_->admin().lift_throttle(actor("sec"), "zjj", "");
  ASSERT_TRUE(lifted);
  EXPECT_EQ(*lifted, 1);
  EXPECT_EQ(events_of_type(*store_, "throttle_lift"), 1);
  EXPECT_TRUE(svc_->auth().login("zjj", kPw, "203.0.113.9"));
}

TEST_F(ServiceTest, AnonymousUploadsAreRateLimitedPerSource) {
  Throttle& t = svc_->context().throttle();
  const Instant now = clock_->now();
  for (int i = 0; i < t.rules().uploads_per_source; ++i) ASSERT_EQ(t.upload("203.0.113.10", now), 0);
  EXPECT_GT(t.upload("203.0.113.10", now), 0);
  EXPECT_EQ(t.upload("203.0.113.11", now), 0);
}

TEST_F(ServiceTest, PasswordRulesRefuseShortSimpleUsernameAndCommonPasswords) {
  auto make = [&](const std::string& user, const std::string& pw) {
    return svc_->auth().create_user({user, "新用户", pw, {{"handler", "430200-ZJJ"}}});
  };
  for (const char* weak : {"Ab1!short", "alllowercaseletters", "ALLUPPER123456", "P@ssw0rd123",
                           "Admin@12345", "xiaoming-2026X"}) {
    auto r = make("xiaoming", weak);
    ASSERT_FALSE(r) << weak;
    EXPECT_EQ(r.error().field, "password") << weak;
  }
  EXPECT_TRUE(make("xiaoming", "Qing-Shan-7k"));
  EXPECT_TRUE(check_password_rules("Huiyin@2026", "admin"));  // the demo password
  EXPECT_TRUE(check_password_rules("Test-Passw0rd", "dispatcher"));  // the tests' password
  EXPECT_TRUE(is_common_password("QWERTY123"));
}

TEST_F(ServiceTest, PasswordChangeEndsTheUsersOtherSessions) {
  auto a = svc_->auth().login("zjj", kPw);
  auto b = svc_->auth().login("zjj", kPw);
  ASSERT_TRUE(a && b);
  Actor me = actor("zjj");
  auto wrong = svc_->auth().change_password(me, a->cookie, "not-it", "Qing-Shan-7k");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "current_password");
  auto weak = svc_->auth().change_password(me, a->cookie, kPw, "abc");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field, "new_password");
  ASSERT_TRUE(svc_->auth().change_password(me, a->cookie, kPw, "Qing-Shan-7k"));
  EXPECT_TRUE(svc_->auth().authenticate(a->cookie));
  EXPECT_FALSE(svc_->auth().authenticate(b->cookie));
  EXPECT_FALSE(svc_->auth().login("zjj", kPw));
  EXPECT_TRUE(svc_->auth().login("zjj", "Qing-Shan-7k"));
  EXPECT_EQ(events_of_type(*store_, "password_change"), 1);

  // A reset by the security administrator ends every session of that user.
  auto c = svc_->auth().login("zjj", "Qing-Shan-7k");
  ASSERT_TRUE(c);
  UserPatch reset;
  reset.password = "Lan-Tian-42x";
  EXPECT_FALSE(svc_->admin().update_user(actor("admin"), "zjj", reset));
  ASSERT_TRUE(svc_->admin().update_user(actor("sec"), "zjj", reset));
  EXPECT_FALSE(svc_->auth().authenticate(c->cookie));
}

TEST_F(ServiceTest, IdleSessionEndsAfterThirtyMinutesActivityKeepsItUntilTheAbsoluteEnd) {
  auto idle = svc_->auth().login("zjj", kPw);
  ASSERT_TRUE(idle);
  clock_->advance(29 * 60);
  EXPECT_TRUE(svc_->auth().authenticate(idle->cookie));  // activity at 29 min
  clock_->advance(29 * 60);
  EXPECT_TRUE(svc_->auth().authenticate(idle->cookie));  // 29 min after the last activity
  clock_->advance(31 * 60);
  EXPECT_FALSE(svc_->auth().authenticate(idle->cookie)) << "31 idle minutes end the session";

  auto busy = svc_->auth().login("zjj", kPw);
  ASSERT_TRUE(busy);
  for (int m = 20; m <= 460; m += 20) {
    clock_->advance(20 * 60);
    ASSERT_TRUE(svc_->auth().authenticate(busy->cookie)) << m;
  }
  clock_->advance(20 * 60);  // past 480 minutes: the absolute end, however active
  EXPECT_FALSE(svc_->auth().authenticate(busy->cookie));
}

TEST_F(ServiceTest, SessionFromBeforeIdleTimeoutsIsHeldToTheIdleWindow) {
  // A session row written by the previous release: expires 8 hours after login.
  Id uid = actor("zjj").user_id;
  const std::string cookie = "old-release-cookie";
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    return db::insert_session(tx, {sha256_of(cookie), uid, "csrf", clock_->now(), clock_->now() + 480 * 60});
  }));
  EXPECT_TRUE(svc_->auth().authenticate(cookie));
  clock_->advance(31 * 60);
  EXPECT_FALSE(svc_->auth().authenticate(cookie));
}

TEST_F(ServiceTest, SeparationOfDutiesEachAdministratorDoesOnlyTheirPart) {
  Actor admin = actor("admin"), sec = actor("sec"), aud = actor("aud");
  // System administrator: orgs, categories, settings, accounts; not roles, passwords, audit.
  EXPECT_TRUE(svc_->admin().add_org(admin, {"430299", "某区", "area", 2, "430200"}));
  EXPECT_FALSE(svc_->admin().add_org(sec, {"430298", "某区", "area", 2, "430200"}));
  EXPECT_FALSE(svc_->admin().add_org(aud, {"430297", "某区", "area", 2, "430200"}));
  EXPECT_TRUE(svc_->admin().calendar(admin));
  EXPECT_FALSE(svc_->admin().calendar(sec));
  EXPECT_FALSE(svc_->admin().calendar(aud));
  UserPatch roles;
  roles.roles = std::vector<RoleGrant>{{"supervisor", "430202"}};
  auto by_admin = svc_->admin().update_user(admin, "zjj", roles);
  ASSERT_FALSE(by_admin);
  EXPECT_EQ(by_admin.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(svc_->admin().update_user(aud, "zjj", roles));
  EXPECT_TRUE(svc_->admin().update_user(sec, "zjj", roles));
  UserPatch name;
  name.display_name = "新名字";
  EXPECT_FALSE(svc_->admin().update_user(sec, "disp", name));
  EXPECT_TRUE(svc_->admin().update_user(admin, "disp", name));
  auto grant_admin = svc_->admin().create_user(admin, {"newadmin", "新管理员", "Qing-Shan-7k", {{"admin", "430200"}}});
  ASSERT_FALSE(grant_admin);
  EXPECT_EQ(grant_admin.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(svc_->admin().create_user(admin, {"newuser", "新用户", "Qing-Shan-7k", {}}));
  // Audit administrator: the audit log and verify, nothing else.
  EXPECT_TRUE(read_audit_log(svc_->context(), aud, {}));
  EXPECT_TRUE(verify_audit_log(svc_->context(), aud));
  for (const Actor& other : {admin, sec, actor("disp")}) {
    EXPECT_FALSE(read_audit_log(svc_->context(), other, {})) << other.username;
    EXPECT_FALSE(verify_audit_log(svc_->context(), other)) << other.username;
  }
  EXPECT_FALSE(svc_->admin().users(aud));
  // Neither security nor audit administrator sees matters.
  auto r = submit();
  for (const char* who : {"sec", "aud"}) {
    auto got = svc_->matters().get(actor(who), r.code);
    ASSERT_FALSE(got) << who;
    EXPECT_EQ(got.error().code, ErrorCode::not_found) << who;
    EXPECT_FALSE(actor(who).has_work_role());
    EXPECT_FALSE(scope_of(actor(who)).all) << who;
  }
}

TEST_F(ServiceTest, LastHolderOfEachAdministratorRoleCannotBeRemoved) {
  Actor admin = actor("admin"), sec = actor("sec");
  UserPatch off;
  off.active = false;
  for (const char* last : {"sec", "aud"}) {
    auto r = svc_->admin().update_user(admin, last, off);
    ASSERT_FALSE(r) << last;
    EXPECT_EQ(r.error().code, ErrorCode::conflict) << last;
  }
  UserPatch to_handler;
  to_handler.roles = std::vector<RoleGrant>{{"handler", "430200-ZJJ"}};
  for (const char* last : {"admin", "aud"}) {
    auto r = svc_->admin().update_user(sec, last, to_handler);
    ASSERT_FALSE(r) << last;
    EXPECT_EQ(r.error().code, ErrorCode::conflict) << last;
  }
  // The security administrator cannot change their own roles either.
  EXPECT_FALSE(svc_->admin().update_user(sec, "sec", to_handler));
  // With a second audit administrator the first may go.
  UserPatch to_aud;
  to_aud.roles = std::vector<RoleGrant>{{"audit_admin", "430200"}};
  ASSERT_TRUE(svc_->admin().update_user(sec, "swj", to_aud));
  EXPECT_TRUE(svc_->admin().update_user(admin, "aud", off));
}

TEST_F(ServiceTest, OnePersonCannotHoldTwoAdministratorRoles) {
  UserPatch both;
  both.roles = std::vector<RoleGrant>{{"admin", "430200"}, {"audit_admin", "430200"}};
  auto r = svc_->admin().update_user(actor("sec"), "swj", both);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "roles");
}

TEST_F(ServiceTest, AuditLogMasksPersonalDataAndPagesNewestFirst) {
  auto r = submit();
  ASSERT_TRUE(svc_->matters().reveal_contact(actor("disp"), r.code));
  AuditQuery q;
  q.limit = 2;
  auto page = read_audit_log(svc_->context(), actor("aud"), q);
  ASSERT_TRUE(page) << page.error().detail;
  ASSERT_EQ(page->events.size(), 2u);
  EXPECT_GT(page->events[0].seq, page->events[1].seq);
  ASSERT_TRUE(page->next_before);
  q.before_seq = page->next_before;
  auto next = read_audit_log(svc_->context(), actor("aud"), q);
  ASSERT_TRUE(next);
  ASSERT_FALSE(next->events.empty());
  EXPECT_LT(next->events[0].seq, page->events[1].seq);
  AuditQuery all;
  all.limit = 500;
  auto every = read_audit_log(svc_->context(), actor("aud"), all);
  ASSERT_TRUE(every);
  for (const auto& e : every->events) {
    EXPECT_EQ(e.payload.find("13812341234"), std::string::npos) << e.type << " " << e.payload;
    EXPECT_EQ(e.payload.find("张三"), std::string::npos) << e.type << " " << e.payload;
  }
  EXPECT_EQ(mask_payload(R"({"phone":"13812341234","note":"联系13812341234"})").find("13812341234"),
            std::string::npos);
  AuditQuery by_type;
  by_type.type = "reveal_contact";
  auto reveals = read_audit_log(svc_->context(), actor("aud"), by_type);
  ASSERT_TRUE(reveals);
  ASSERT_EQ(reveals->events.size(), 1u);
  EXPECT_EQ(reveals->events[0].actor_label, "disp");
}

// Two app nodes on one database (issue 12): a second store and Services over it, as a second
// `serve` process would have. Failures through both add up to the same limits, the 11th try is
// refused whichever node answers, one audit event tells it, and the security administrator on
// either node sees and lifts it.
TEST_F(ServiceTest, LoginFailuresThroughTwoNodesShareOneThrottle) {
  Node node_b = second_node();
  ASSERT_TRUE(node_b.services);
  Services& b = *node_b.services;

  const auto events_before = events_of_type(*store_, "login_throttled");
  for (int i = 0; i < 10; ++i) {
    Services& node = i % 2 ? b : *svc_;
    auto r = node.auth().login("zjj", "guess-" + std::to_string(i), "203.0.113.40");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::unauthenticated) << "try " << i + 1;
  }
  for (Services* node : {svc_.get(), &b}) {
    auto r = node->auth().login("zjj", kPw, "203.0.113.40");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::too_many_requests);
  }
  EXPECT_EQ(events_of_type(*store_, "login_throttled"), events_before + 1);

  auto list = svc_->admin().throttles(actor("sec"));
  ASSERT_TRUE(list);
  bool listed = false;
  for (const auto& t : *list) listed |= t.account == "zjj" && t.source == "203.0.113.40";
  EXPECT_TRUE(listed);
  auto lifted = b.admin().lift_throttle(actor("sec"), "", "203.0.113.40");
  ASSERT_TRUE(lifted);
  EXPECT_EQ(*lifted, 1);
  EXPECT_TRUE(svc_->auth().login("zjj", kPw, "203.0.113.40")) << "lifted on B, free on A";
}

}  // namespace
}  // namespace huiyin::testing
