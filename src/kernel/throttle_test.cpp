// The throttles of the lookup by phone (issue 9) and of public intake: per phone and per source,
// in time windows.
#include "kernel/throttle.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace huiyin
