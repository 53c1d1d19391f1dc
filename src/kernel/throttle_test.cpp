// The throttles of the lookup by phone (issue 9) and of public intake: per phone and per source,
// in time windows; and the counts kept in the database (issue 12), shared by every app node on
// it, on both backends.
#include "kernel/throttle.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "store/store_test_support.hpp"

namespace huiyin {
namespace {

constexpr Instant T0 = 1'800'000'000;

TEST(PhoneThrottle, CodeRequestsAreLimitedPerPhoneAndTheLockEndsWithItsWindow) {
  Throttle t;
  const int n = t.rules().phone_sends_per_phone;
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(t.phone_send("13812345678", "10.0.0." + std::to_string(i), T0 + i), 0) << i;
  const Instant wait = t.phone_send("13812345678", "10.0.1.1", T0 + n);
  EXPECT_GT(wait, 0) << "a phone's requests count whatever address they come from";
  EXPECT_EQ(t.phone_send("13900000000", "10.0.1.1", T0 + n), 0) << "another phone is free";
  // Whoever locked it, the phone is free again once the window is over.
  EXPECT_EQ(t.phone_send("13812345678", "10.0.1.1", T0 + t.rules().window), 0);
}

TEST(PhoneThrottle, CodeRequestsAreLimitedPerSource) {
  Throttle t;
  const int n = t.rules().phone_sends_per_source;
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(t.phone_send("1380000" + std::to_string(1000 + i), "10.0.0.9", T0), 0) << i;
  EXPECT_GT(t.phone_send("13912345678", "10.0.0.9", T0), 0);
  EXPECT_EQ(t.phone_send("13912345678", "10.0.0.10", T0), 0);
}

TEST(PhoneThrottle, WrongCodesAreLimitedPerPhoneAndPerSourceForAWindow) {
  Throttle t;
  const auto& r = t.rules();
  for (int i = 0; i < r.phone_failures_per_phone; ++i) {
    EXPECT_EQ(t.phone_verify_wait("13812345678", "10.0.0." + std::to_string(i), T0), 0);
    t.phone_verify_failed("13812345678", "10.0.0." + std::to_string(i), T0);
  }
  EXPECT_GT(t.phone_verify_wait("13812345678", "10.9.9.9", T0 + 1), 0);
  EXPECT_EQ(t.phone_verify_wait("13812345678", "10.9.9.9", T0 + r.window), 0)
      << "a third party cannot lock the phone for longer than the window";
  for (int i = 0; i < r.phone_failures_per_source; ++i)
    t.phone_verify_failed("1370000" + std::to_string(1000 + i), "10.0.0.50", T0);
  EXPECT_GT(t.phone_verify_wait("13600000000", "10.0.0.50", T0), 0);
  EXPECT_EQ(t.phone_verify_wait("13600000000", "10.0.0.51", T0), 0);
  bool listed = false;
  for (const auto& v : t.active(T0 + 1))
    if (v.level == "phone_verify" && !v.account.empty()) {
      listed = true;
      EXPECT_EQ(v.account.find("12345678"), std::string::npos) << "the phone is masked";
    }
  EXPECT_TRUE(listed);
}

// Public intakes: per source per window; loopback is exempt unless told otherwise; 0 is no limit.
TEST(IntakeThrottle, AFloodFromOneSourceWaitsForTheWindowLoopbackAndOthersDoNot) {
  ThrottleRules rules;
  rules.intakes_per_source = 3;
  Throttle t(rules);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(t.intake("203.0.113.9", T0 + i), 0) << i;
  const Instant wait = t.intake("203.0.113.9", T0 + 3);
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, rules.window);
  EXPECT_EQ(t.intake("198.51.100.7", T0 + 3), 0) << "another source is free";
  for (int i = 0; i < 10; ++i) EXPECT_EQ(t.intake("127.0.0.1", T0 + i), 0) << "loopback is exempt";
  EXPECT_EQ(t.intake("::1", T0), 0);
  EXPECT_EQ(t.intake("203.0.113.9", T0 + rules.window), 0) << "free again after the window";
  rules.intake_limit_loopback = true;
  Throttle strict(rules);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(strict.intake("127.0.0.1", T0), 0);
  EXPECT_GT(strict.intake("127.0.0.1", T0), 0);
  rules.intakes_per_source = 0;
  Throttle off(rules);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(off.intake("203.0.113.9", T0), 0);
}

// ---- Counts in the database: several app nodes ---------------------------------------------

using testing::backend_name;
using testing::backends;

const std::string kSecret(32, 's');

// Two app nodes: two stores opened on the one database, each with its own Throttle.
class SharedThrottleTest : public testing::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    if (IsSkipped()) return;
    StoreOptions opts;
    opts.audit_key = testing::test_audit_key();
    auto other = open_store(url(), opts);
    ASSERT_TRUE(other) << other.error().detail;
    other_ = std::move(*other);
    a_ = std::make_unique<Throttle>(ThrottleRules{}, &store(), kSecret);
    b_ = std::make_unique<Throttle>(ThrottleRules{}, other_.get(), kSecret);
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    other_.reset();
    StoreFixture::TearDown();
  }
  std::int64_t rows() {
    return r([](Tx& tx) { return tx.conn().query("SELECT COUNT(*) FROM throttle_counts").at(0).integer(0); });
  }
  std::unique_ptr<Store> other_;
  std::unique_ptr<Throttle> a_, b_;
};

TEST_P(SharedThrottleTest, LoginFailuresThroughTwoNodesAddUpAndEngageOnce) {
  const int n = a_->rules().per_account_source;  // 10
  int engaged = 0;
  for (int i = 0; i < n; ++i) {
    Throttle& node = i % 2 ? *b_ : *a_;
    EXPECT_EQ(node.login_wait("zjj", "203.0.113.5", T0 + i), 0) << "try " << i + 1 << " goes ahead";
    for (const auto& e : node.login_failed("zjj", "203.0.113.5", T0 + i)) {
      EXPECT_EQ(e.level, ThrottleLevel::account_source);
      EXPECT_EQ(e.failures, n);
      ++engaged;
    }
  }
  EXPECT_EQ(engaged, 1) << "the failure that reaches the limit is one, whichever node counts it";
  EXPECT_GT(a_->login_wait("zjj", "203.0.113.5", T0 + n), 0) << "refused on node A";
  EXPECT_GT(b_->login_wait("zjj", "203.0.113.5", T0 + n), 0) << "and on node B";
  EXPECT_EQ(b_->login_wait("zjj", "198.51.100.20", T0 + n), 0) << "the real user elsewhere is not";
  EXPECT_EQ(a_->login_wait("zjj", "203.0.113.5", T0 + a_->rules().window), 0) << "the window ends";
}

TEST_P(SharedThrottleTest, TheListOfOneNodeShowsWhatTheOtherCountedAndLiftingOnEitherEndsIt) {
  for (int i = 0; i < a_->rules().per_account_source; ++i)
    (void)b_->login_failed("zjj", "203.0.113.6", T0);
  bool listed = false;
  for (const auto& v : a_->active(T0 + 1))
    listed |= v.level == "account_source" && v.account == "zjj" && v.source == "203.0.113.6";
  EXPECT_TRUE(listed);
  EXPECT_EQ(a_->lift("", "203.0.113.6"), 1);
  EXPECT_EQ(b_->login_wait("zjj", "203.0.113.6", T0 + 2), 0) << "lifted on A, free on B";
  EXPECT_TRUE(b_->active(T0 + 2).empty());
}

TEST_P(SharedThrottleTest, AGoodPasswordOnOneNodeEndsThePairsCountOnTheOther) {
  for (int i = 0; i < 9; ++i) (void)a_->login_failed("zjj", "203.0.113.7", T0);
  b_->login_succeeded("zjj", "203.0.113.7");
  EXPECT_TRUE(a_->login_failed("zjj", "203.0.113.7", T0 + 1).empty()) << "counting starts again";
}

// Both nodes count failures of one pair at the same time: none is lost, exactly one engages.
TEST_P(SharedThrottleTest, ConcurrentFailuresOnTwoNodesAreAllCounted) {
  ThrottleRules rules;
  rules.per_account_source = 40;
  Throttle a(rules, &store(), kSecret), b(rules, other_.get(), kSecret);
  std::atomic<int> engaged{0};
  auto hammer = [&](Throttle& t) {
    for (int i = 0; i < 20; ++i)
      for (const auto& e : t.login_failed("zjj", "203.0.113.8", T0))
        engaged += e.level == ThrottleLevel::account_source;
  };
  std::thread ta(hammer, std::ref(a)), tb(hammer, std::ref(b));
  ta.join();
  tb.join();
  EXPECT_EQ(engaged.load(), 1);
  bool found = false;
  for (const auto& v : b.active(T0 + 1))
    if (v.level == "account_source") {
      found = true;
      EXPECT_EQ(v.failures, 40);
    }
  EXPECT_TRUE(found);
}

TEST_P(SharedThrottleTest, IntakesUploadsAndQueryCodesCountAcrossNodes) {
  ThrottleRules rules;
  rules.intakes_per_source = 3;
  rules.uploads_per_source = 3;
  rules.query_code_failures_per_source = 3;
  Throttle a(rules, &store(), kSecret), b(rules, other_.get(), kSecret);
  EXPECT_EQ(a.intake("203.0.113.9", T0), 0);
  EXPECT_EQ(b.intake("203.0.113.9", T0), 0);
  EXPECT_EQ(a.intake("203.0.113.9", T0), 0);
  EXPECT_GT(b.intake("203.0.113.9", T0), 0) << "the 4th intake is refused on the other node";
  EXPECT_EQ(b.upload("203.0.113.9", T0), 0);
  EXPECT_EQ(a.upload("203.0.113.9", T0), 0);
  EXPECT_EQ(b.upload("203.0.113.9", T0), 0);
  EXPECT_GT(a.upload("203.0.113.9", T0), 0);
  for (int i = 0; i < 3; ++i) (i % 2 ? a : b).query_code_failed("203.0.113.9", T0);
  EXPECT_GT(a.query_code_wait("203.0.113.9", T0 + 1), 0);
  EXPECT_EQ(b.lift("", "203.0.113.9"), 3) << "intake, upload and 查询码 lifted together";
  EXPECT_EQ(a.intake("203.0.113.9", T0 + 2), 0);
}

TEST_P(SharedThrottleTest, APhoneIsCountedAcrossNodesAndNeverStoredInTheClear) {
  const int n = a_->rules().phone_sends_per_phone;
  for (int i = 0; i < n; ++i)
    EXPECT_EQ((i % 2 ? *a_ : *b_).phone_send("13812345678", "10.0.0." + std::to_string(i), T0), 0);
  EXPECT_GT(a_->phone_send("13812345678", "10.0.9.9", T0 + 1), 0);
  for (int i = 0; i < a_->rules().phone_failures_per_phone; ++i)
    (i % 2 ? *a_ : *b_).phone_verify_failed("13812345678", "10.0.1." + std::to_string(i), T0);
  EXPECT_GT(b_->phone_verify_wait("13812345678", "10.0.9.9", T0 + 1), 0);
  auto raw_rows = raw()->query("SELECT kind, subject, source, shown FROM throttle_counts");
  ASSERT_FALSE(raw_rows.empty());
  for (const auto& row : raw_rows)
    for (int c = 0; c < 4; ++c)
      EXPECT_EQ(row.text(c).find("12345678"), std::string::npos) << row.text(0) << " " << row.text(c);
  bool masked = false;
  for (const auto& v : b_->active(T0 + 1))
    masked |= v.level == "phone_send" && !v.account.empty() && v.account.find("138") == 0;
  EXPECT_TRUE(masked) << "the list shows the masked phone";
}

TEST_P(SharedThrottleTest, CountsOutliveTheNodeThatMadeThem) {
  for (int i = 0; i < a_->rules().per_account_source; ++i) (void)a_->login_failed("zjj", "203.0.113.10", T0);
  a_.reset();
  Throttle restarted({}, &store(), kSecret);
  EXPECT_GT(restarted.login_wait("zjj", "203.0.113.10", T0 + 1), 0);
}

TEST_P(SharedThrottleTest, OldCountsAreSweptFromTheTable) {
  for (int i = 0; i < 50; ++i) (void)a_->login_failed("u" + std::to_string(i), "10.1.0." + std::to_string(i), T0);
  const auto before = rows();
  EXPECT_EQ(before, 150);
  // Past the window, 1024 counted steps later the stale rows are gone.
  for (int i = 0; i < 1024; ++i) (void)a_->intake("203.0.113.11", T0 + 3600 + i);
  EXPECT_LT(rows(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, SharedThrottleTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin
