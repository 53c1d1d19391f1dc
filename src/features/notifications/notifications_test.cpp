// Notifications over a real store (both backends): the outbox rows are written in the event's
// transaction (and vanish with it), each recipient's inbox holds their own items, the allowlist
// refuses targets, a failing target is retried with backoff until the dead-letter list, a dead
// row is replayed, two nodes never claim one row, and reporter.resolved carries the phone and
// the tracking link — and its delivery is logged on the matter like a reveal.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/service_test_support.hpp"
#include "features/notifications/inbox.hpp"
#include "features/notifications/notification_rules.hpp"
#include "features/notifications/notification_store.hpp"
#include "features/notifications/webhook_url.hpp"
#include "features/notifications/webhooks.hpp"
#include "features/matters/unit_duties.hpp"
#include "store/catalog_store.hpp"
#include "features/supervision/sla.hpp"
#include "kernel/support.hpp"

namespace huiyin::testing {
namespace {

// Records what would have been posted; answers ok or fails as told.
class FakePoster final : public WebhookPoster {
 public:
  struct Call {
    WebhookUrl url;
    std::map<std::string, std::string> headers;
    std::string body;
  };
  PostResult post(const WebhookUrl& url, const std::map<std::string, std::string>& headers,
                  const std::string& body) override {
    calls.push_back({url, headers, body});
    if (fail) return {false, true, 503, "对方返回 HTTP 503"};
    return {true, true, 200, ""};
  }
  bool fail = false;
  std::vector<Call> calls;
};

constexpr const char* kSecret = "0123456789abcdef-secret";

class NotificationsTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    poster_ = std::make_shared<FakePoster>();
    svc_->webhooks().set_poster(poster_);
  }

  Id add_hook(std::vector<std::string> events = {}, std::string url = "http://127.0.0.1:9/hook") {
    auto w = svc_->webhooks().add(nullptr, {url, kSecret, std::move(events)});
    EXPECT_TRUE(w) << (w ? "" : w.error().detail);
    return w ? w->id : 0;
  }

  std::vector<Delivery> deliveries(DeliveryStatus s = DeliveryStatus::pending) {
    std::vector<Delivery> out;
    Status st = store_->read([&](Tx& tx) -> Status {
      out = db::deliveries_with_status(tx, s, 100);
      return ok();
    });
    EXPECT_TRUE(st);
    std::reverse(out.begin(), out.end());  // oldest first
    return out;
  }

  InboxPage inbox(const std::string& who) {
    auto p = svc_->inbox().list(actor(who), 100, 0, false);
    EXPECT_TRUE(p) << (p ? "" : p.error().detail);
    return p ? *p : InboxPage{};
  }

  std::string assigned_matter(bool anonymous = false) {
    auto r = submit("路灯不亮", false, anonymous);
    act("disp", r.code, action("accept"));
    ActionRequest a = action("assign");
    a.lead_org = "430200-ZJJ";
    a.handling_class = "immediate";
    act("disp", r.code, a);
    return r.code;
  }

  std::shared_ptr<FakePoster> poster_;
};

TEST_F(NotificationsTest, AnAssignmentWritesInboxItemsAndADeliveryWithItsEvent) {
  add_hook();
  const std::string code = assigned_matter();
  // The lead unit's handler and its leader; not the dispatcher who assigned it.
  for (const char* who : {"zjj", "zjj_lead"}) {
    auto p = inbox(who);
    ASSERT_EQ(p.items.size(), 1u) << who;
    EXPECT_EQ(p.unread, 1);
    EXPECT_EQ(p.items[0].kind, "assign");
    EXPECT_EQ(p.items[0].label, "新交办");
    EXPECT_EQ(p.items[0].matter_code, code);
  }
  EXPECT_TRUE(inbox("disp").items.empty());
  EXPECT_TRUE(inbox("cgj").items.empty());
  auto d = deliveries();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].event_type, "matter.assigned");
  auto body = nlohmann::json::parse(d[0].body);
  EXPECT_EQ(body["matter"]["code"], code);
  EXPECT_EQ(body["matter"]["lead_org"]["code"], "430200-ZJJ");
  EXPECT_FALSE(body.contains("reporter"));
  EXPECT_EQ(d[0].body.find("13812341234"), std::string::npos);
  // The event the row came from is the assign event of the chain.
  auto m = svc_->matters().get(actor("disp"), code);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->events.back().event.type, "assign");
  EXPECT_EQ(m->events.back().event.seq, d[0].event_seq);
}

TEST_F(NotificationsTest, ATransactionThatRollsBackLeavesNoOutboxRows) {
  add_hook();
  const std::string code = assigned_matter();
  const auto before = deliveries().size();
  Id matter_id = 0;
  Status st = store_->write([&](Tx& tx) -> Status {
    auto m = db::matter_by_code(tx, code);
    matter_id = m->id;
    auto ev = tx.append_event(make_event("supervise", m->id, nullptr, "system", clock_->now(),
                                         {{"reason", "测试"}}));
    EXPECT_TRUE(ev);
    return invalid("回滚", "x");  // the event and its rows go together
  });
  EXPECT_FALSE(st);
  EXPECT_EQ(deliveries().size(), before);
  EXPECT_EQ(inbox("zjj").items.size(), 1u);
  EXPECT_GT(matter_id, 0);
}

TEST_F(NotificationsTest, EachUserReadsAndMarksOnlyTheirOwnItems) {
  const std::string code = assigned_matter();
  act("zjj", code, action("sign"));
  ActionRequest urge = action("urge");
  urge.reason = "请加快办理";
  act("sup", code, urge);
  auto p = inbox("zjj");
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(p.items[0].label, "催办");  // newest first
  EXPECT_EQ(p.items[0].note, "请加快办理");
  EXPECT_EQ(p.unread, 2);
  // Another user cannot mark it, and learns nothing of it.
  auto other = svc_->inbox().mark_read(actor("cgj"), p.items[0].id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  ASSERT_TRUE(svc_->inbox().mark_read(actor("zjj"), p.items[0].id));
  EXPECT_TRUE(svc_->inbox().mark_read(actor("zjj"), p.items[0].id));  // again: no change
  EXPECT_EQ(inbox("zjj").unread, 1);
  EXPECT_EQ(inbox("zjj_lead").unread, 2);  // the leader's own items stay unread
  auto unread = svc_->inbox().list(actor("zjj"), 10, 0, true);
  ASSERT_TRUE(unread);
  ASSERT_EQ(unread->items.size(), 1u);
  EXPECT_EQ(unread->items[0].label, "新交办");
  auto all = svc_->inbox().mark_all_read(actor("zjj"));
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, 1);
  EXPECT_EQ(inbox("zjj").unread, 0);
  EXPECT_FALSE(svc_->inbox().list(actor("zjj"), 0, 0, false));
}

TEST_F(NotificationsTest, AnExtensionDecisionGoesToWhoAskedForIt) {
  const std::string code = assigned_matter();
  act("zjj", code, action("sign"));
  ActionRequest req = action("extend_request");
  req.reason = "需采购灯具";
  req.extend_days = 5;
  act("zjj", code, req);
  ActionRequest dec = action("extend_decide");
  dec.approve = false;
  dec.reason = "时间充足";
  act("sup", code, dec);
  auto p = inbox("zjj");
  ASSERT_FALSE(p.items.empty());
  EXPECT_EQ(p.items[0].label, "延期未批准");
  EXPECT_EQ(p.items[0].note, "时间充足");
  for (const auto& i : inbox("zjj_lead").items) EXPECT_NE(i.kind, "extend_decide");
}

// Regression: 批示, 分办 and 审核答复 reached nobody's inbox (their actions had no rows).
TEST_F(NotificationsTest, InstructionsDelegationsAndReviewedRepliesReachWhoMustAct) {
  const std::string code = assigned_matter();
  act("zjj", code, action("sign"));
  ActionRequest i = action("instruct");
  i.reason = "请本周内答复群众";
  act("boss", code, i);
  auto lead = inbox("zjj_lead");
  ASSERT_FALSE(lead.items.empty());
  EXPECT_EQ(lead.items[0].label, "领导批示");
  EXPECT_EQ(lead.items[0].note, i.reason);
  EXPECT_EQ(inbox("zjj").items[0].label, "领导批示");

  ActionRequest g = action("delegate");
  g.handler = "zjj";
  act("zjj_lead", code, g);
  EXPECT_EQ(inbox("zjj").items[0].label, "分办给我");
  for (const auto& item : inbox("zjj_lead").items) EXPECT_NE(item.kind, "delegate") << "not one's own";

  ASSERT_TRUE(store_->write(
      [&](Tx& tx) { return db::set_setting(tx, review_reply_setting("430200-ZJJ"), "on"); }));
  ActionRequest res = action("resolve");
  res.reply = "已修复";
  act("zjj", code, res);
  EXPECT_EQ(inbox("zjj_lead").items[0].label, "答复待审核");
  ActionRequest back = action("review_reply");
  back.approve = false;
  back.reason = "请写明修复时间";
  act("zjj_lead", code, back);
  EXPECT_EQ(inbox("zjj").items[0].label, "答复被退回修改");
  EXPECT_EQ(inbox("zjj").items[0].note, back.reason);
}

TEST_F(NotificationsTest, TheSchedulersWarningsReachTheUnitAndTheLaterStepsItsLeader) {
  auto r = submit("路灯不亮");
  act("disp", r.code, action("accept"));
  ActionRequest a = action("assign");
  a.lead_org = "430200-ZJJ";
  a.handling_class = "immediate";
  a.deadline = "2026-11-25";
  act("disp", r.code, a);
  act("zjj", r.code, action("sign"));
  const Instant deadline_day = start_of_local_day(*parse_date("2026-11-25")) + 9 * 3600;
  ASSERT_TRUE(svc_->sla().tick(deadline_day));
  for (const char* who : {"zjj", "zjj_lead"}) {
    auto p = inbox(who);
    ASSERT_FALSE(p.items.empty()) << who;
    EXPECT_EQ(p.items[0].kind, "escalate");
    EXPECT_EQ(p.items[0].label, "预警") << who;
    EXPECT_FALSE(p.items[0].note.empty());
  }
  // Far past the deadline the ladder's top step (约谈) is for the unit's leader.
  ASSERT_TRUE(svc_->sla().tick(deadline_day + 60 * 86400));
  EXPECT_EQ(inbox("zjj_lead").items[0].label, "约谈建议");
  EXPECT_EQ(inbox("zjj").items[0].label, "预警");
}

TEST_F(NotificationsTest, TheAllowlistRefusesTargetsOutsideIt) {
  auto refused = svc_->webhooks().add(nullptr, {"http://sms.example.gov.cn/hook", kSecret, {}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid);
  EXPECT_NE(refused.error().detail.find("允许列表"), std::string::npos);
  // A host that only starts like loopback is not loopback.
  EXPECT_FALSE(svc_->webhooks().add(nullptr, {"http://127.0.0.1.evil.example/h", kSecret, {}}));
  EXPECT_FALSE(svc_->webhooks().add(nullptr, {"ftp://127.0.0.1/h", kSecret, {}}));
  EXPECT_FALSE(svc_->webhooks().add(nullptr, {"http://127.0.0.1/h", "short", {}}));
  EXPECT_FALSE(svc_->webhooks().add(nullptr, {"http://127.0.0.1/h", kSecret, {"matter.nope"}}));
  // Only the system administrator manages them.
  Actor sup = actor("sup");
  auto forbidden_add = svc_->webhooks().add(&sup, {"http://127.0.0.1/h", kSecret, {}});
  ASSERT_FALSE(forbidden_add);
  EXPECT_EQ(forbidden_add.error().code, ErrorCode::forbidden);
  Actor admin = actor("admin");
  ASSERT_TRUE(svc_->webhooks().set_settings(&admin, std::string("https://sms.example.gov.cn/hooks/"),
                                            std::nullopt));
  if (webhook_tls()) {
    EXPECT_TRUE(svc_->webhooks().add(&admin, {"https://sms.example.gov.cn/hooks/sms", kSecret, {}}));
  } else {
    EXPECT_FALSE(svc_->webhooks().add(&admin, {"https://sms.example.gov.cn/hooks/sms", kSecret, {}}));
  }
  EXPECT_FALSE(svc_->webhooks().add(&admin, {"https://sms.example.gov.cn/other", kSecret, {}}));
  EXPECT_FALSE(svc_->webhooks().add(&admin, {"http://sms.example.gov.cn/hooks/sms", kSecret, {}}));
  // The list shows the secret only by its last characters.
  auto list = svc_->webhooks().list(&admin);
  ASSERT_TRUE(list);
  for (const auto& w : *list) EXPECT_EQ(w.secret_hint, "••••cret");
}

TEST_F(NotificationsTest, AFailingTargetIsRetriedWithBackoffThenDeadThenReplayed) {
  add_hook({"matter.*"});
  assigned_matter();
  poster_->fail = true;
  svc_->webhooks().set_policy({4, 30, 3600, 120, 20});
  Instant t = clock_->now();
  auto tick = svc_->webhooks().deliver_due(t);
  ASSERT_TRUE(tick);
  EXPECT_EQ(tick->retried, 1);
  // Not due again before 30 s, then 60 s, then 120 s after each failure.
  for (std::int64_t wait : {30, 60, 120}) {
    auto early = svc_->webhooks().deliver_due(t + wait - 1);
    ASSERT_TRUE(early);
    EXPECT_EQ(early->claimed, 0) << wait;
    t += wait;
    auto due = svc_->webhooks().deliver_due(t);
    ASSERT_TRUE(due);
    EXPECT_EQ(due->claimed, 1) << wait;
  }
  EXPECT_EQ(poster_->calls.size(), 4u);
  auto dead = deliveries(DeliveryStatus::dead);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].attempts, 4);
  EXPECT_EQ(dead[0].last_error, "对方返回 HTTP 503");
  Actor admin = actor("admin");
  auto letters = svc_->webhooks().dead_letters(&admin);
  ASSERT_TRUE(letters);
  ASSERT_EQ(letters->size(), 1u);
  EXPECT_EQ((*letters)[0].event_type, "matter.assigned");
  EXPECT_EQ((*letters)[0].url, "http://127.0.0.1:9/hook");
  // Nothing more is tried while dead; a replay sends it once more, now successfully.
  EXPECT_EQ(svc_->webhooks().deliver_due(t + 100000)->claimed, 0);
  ASSERT_TRUE(svc_->webhooks().replay(&admin, dead[0].id));
  EXPECT_FALSE(svc_->webhooks().replay(&admin, dead[0].id));  // no longer dead
  poster_->fail = false;
  auto replayed = svc_->webhooks().deliver_due(clock_->now());
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->delivered, 1);
  EXPECT_TRUE(deliveries(DeliveryStatus::dead).empty());
  EXPECT_EQ(deliveries(DeliveryStatus::delivered).size(), 1u);
  // Each post is signed over its exact body, with the event type and the delivery id.
  const auto& call = poster_->calls.back();
  EXPECT_EQ(call.headers.at("X-Huiyin-Signature"), webhook_signature(kSecret, call.body));
  EXPECT_EQ(call.headers.at("X-Huiyin-Event"), "matter.assigned");
  EXPECT_EQ(call.headers.at("X-Huiyin-Delivery"), std::to_string(dead[0].id));
}

TEST_F(NotificationsTest, OnlyOneNodeClaimsARow) {
  add_hook();
  assigned_matter();
  const Instant now = clock_->now();
  std::vector<Delivery> a, b;
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    a = db::claim_due_deliveries(tx, "node-a", now, now + 120, 10);
    return ok();
  }));
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    b = db::claim_due_deliveries(tx, "node-b", now, now + 120, 10);
    return ok();
  }));
  EXPECT_EQ(a.size(), 1u);
  EXPECT_TRUE(b.empty());
  // A claim a dead node left behind is taken over once it runs out.
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    b = db::claim_due_deliveries(tx, "node-b", now + 120, now + 240, 10);
    return ok();
  }));
  EXPECT_EQ(b.size(), 1u);
  // node-a's late answer no longer counts.
  ASSERT_TRUE(store_->write([&](Tx& tx) -> Status {
    EXPECT_FALSE(db::finish_delivery(tx, a[0].id, "node-a", DeliveryStatus::delivered, 1, now, "",
                                     now));
    return ok();
  }));
}

TEST_F(NotificationsTest, TheReporterHearsOfProgressAndGetsTheTrackingLinkOnResolve) {
  add_hook({"reporter.*"});
  Actor admin = actor("admin");
  ASSERT_TRUE(svc_->webhooks().set_settings(&admin, std::nullopt, std::string("https://hy.zhuzhou.gov.cn/")));
  const std::string code = assigned_matter();
  EXPECT_TRUE(deliveries().empty());  // an assignment is staff business
  act("zjj", code, action("sign"));
  ActionRequest resolve = action("resolve");
  resolve.reply = "已更换路灯灯头,夜间照明已恢复。";
  resolve.unfinished_measures_reason = "灯头已换";
  act("zjj", code, resolve);
  auto d = deliveries();
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].event_type, "reporter.progress");
  EXPECT_EQ(d[1].event_type, "reporter.resolved");
  EXPECT_TRUE(d[1].carries_phone);
  auto body = nlohmann::json::parse(d[1].body);
  EXPECT_EQ(body["reporter"]["phone"], "13812341234");
  EXPECT_EQ(body["tracking_url"], "https://hy.zhuzhou.gov.cn/track/" + code);
  EXPECT_NE(body["text"].get<std::string>().find(body["tracking_url"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(body["matter"]["status"], "resolved");
  // Delivered: each send of the phone is an event on the matter, and the stored body drops it.
  ASSERT_TRUE(svc_->webhooks().deliver_due(clock_->now()));
  EXPECT_EQ(poster_->calls.size(), 2u);
  auto m = svc_->matters().get(actor("disp"), code);
  ASSERT_TRUE(m);
  int logged = 0;
  for (const auto& e : m->events)
    if (e.event.type == "deliver_contact") ++logged;
  EXPECT_EQ(logged, 2);
  for (const auto& row : deliveries(DeliveryStatus::delivered)) EXPECT_EQ(row.body, "");
  // An anonymous reporter gets nothing: there is no phone to send to.
  const std::string anon = assigned_matter(true);
  act("zjj", anon, action("sign"));
  EXPECT_TRUE(deliveries().empty());
}

TEST(WebhookUrlTest, ParsesAndMatchesTheAllowlist) {
  auto allow = parse_allowlist(kDefaultWebhookAllowlist);
  ASSERT_TRUE(allow);
  struct Case {
    const char* url;
    bool allowed;
  };
  for (Case c : {Case{"http://127.0.0.1:8088/sms", true}, Case{"http://localhost/", true},
                 Case{"http://[::1]:9000/x", true}, Case{"http://127.0.0.2/", false},
                 Case{"http://127.0.0.1.evil.example/", false}, Case{"http://LOCALHOST/a", true}}) {
    auto u = parse_webhook_url(c.url);
    ASSERT_TRUE(u) << c.url;
    EXPECT_EQ(allowed_by(*u, *allow), c.allowed) << c.url;
  }
  for (const char* bad : {"127.0.0.1/x", "http://user:pw@127.0.0.1/", "http://127.0.0.1:0/",
                          "http://127.0.0.1:99999/", "http:///x", "http://127.0.0.1/#f"})
    EXPECT_FALSE(parse_webhook_url(bad)) << bad;
  auto ported = parse_allowlist("http://10.0.0.5:8088/gw/");
  ASSERT_TRUE(ported);
  EXPECT_TRUE(allowed_by(*parse_webhook_url("http://10.0.0.5:8088/gw/sms"), *ported));
  EXPECT_FALSE(allowed_by(*parse_webhook_url("http://10.0.0.5:8089/gw/sms"), *ported));
  EXPECT_FALSE(allowed_by(*parse_webhook_url("http://10.0.0.5:8088/other"), *ported));
}

TEST(WebhookSignatureTest, IsTheLowercaseHexHmacOfTheBody) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(webhook_signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace huiyin::testing
