// The one-time codes of the lookup by phone (issue 9), kept in the database so that every app
// node sees them (issue 12), with the time driven by hand; on both backends.
#include "kernel/one_time_codes.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "store/store_test_support.hpp"

namespace huiyin {
namespace {

using testing::backend_name;
using testing::backends;

constexpr Instant T0 = 1'800'000'000;
const std::string kPhone = "13812345678";
const std::string kSecret(32, 's');

std::string other_than(const std::string& code) {
  std::string w = code;
  w[0] = w[0] == '9' ? '0' : static_cast<char>(w[0] + 1);
  return w;
}

class OneTimeCodesTest : public testing::StoreFixture {
 protected:
  OneTimeCodes codes{{}, kSecret};
  std::string issue(const std::string& key, Instant now) {
    return w([&](Tx& tx) { return codes.issue(tx, key, now); });
  }
  CodeCheck verify(const std::string& key, const std::string& c, Instant now) {
    return w([&](Tx& tx) { return codes.verify(tx, key, c, now); });
  }
  std::string grant(const std::set<std::string>& list, Instant now) {
    return w([&](Tx& tx) { return codes.grant(tx, list, now); });
  }
  bool grants(const std::string& token, const std::string& code, Instant now) {
    return r([&](Tx& tx) { return codes.grants(tx, token, code, now); });
  }
};

TEST_P(OneTimeCodesTest, ACodeIsSixDigitsAndRightOnceOnly) {
  const std::string c = issue(kPhone, T0);
  EXPECT_TRUE(std::regex_match(c, std::regex("[0-9]{6}"))) << c;
  EXPECT_EQ(verify("13900000000", c, T0 + 1), CodeCheck::none);  // another phone's
  EXPECT_EQ(verify(kPhone, c, T0 + 1), CodeCheck::ok);
  EXPECT_EQ(verify(kPhone, c, T0 + 2), CodeCheck::none) << "single use";
}

TEST_P(OneTimeCodesTest, ACodeExpiresAfterTenMinutes) {
  const std::string c = issue(kPhone, T0);
  EXPECT_EQ(codes.rules().ttl, 600);
  EXPECT_EQ(verify(kPhone, c, T0 + 600), CodeCheck::none) << "expired at 10 minutes";
  const std::string d = issue(kPhone, T0 + 1000);
  EXPECT_EQ(verify(kPhone, d, T0 + 1000 + 599), CodeCheck::ok) << "still good just before";
}

TEST_P(OneTimeCodesTest, FiveWrongTriesVoidTheCode) {
  const std::string c = issue(kPhone, T0);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(verify(kPhone, other_than(c), T0 + i), CodeCheck::wrong);
  EXPECT_EQ(verify(kPhone, c, T0 + 5), CodeCheck::ok) << "four wrong tries leave it good";
  const std::string d = issue(kPhone, T0 + 10);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(verify(kPhone, other_than(d), T0 + 10 + i), CodeCheck::wrong);
  EXPECT_EQ(verify(kPhone, d, T0 + 20), CodeCheck::none) << "void after the fifth";
}

TEST_P(OneTimeCodesTest, ANewCodeReplacesTheOldOne) {
  const std::string a = issue(kPhone, T0);
  std::string b = issue(kPhone, T0 + 60);
  while (b == a) b = issue(kPhone, T0 + 60);
  EXPECT_EQ(verify(kPhone, a, T0 + 61), CodeCheck::wrong);
  EXPECT_EQ(verify(kPhone, b, T0 + 62), CodeCheck::ok);
}

TEST_P(OneTimeCodesTest, NoCodePhoneOrTokenIsKeptInTheClear) {
  const std::string c = issue(kPhone, T0);
  const std::string g = grant({"ZZ-1"}, T0);
  auto conn = raw();
  const std::string stored = conn->query("SELECT key_hash, code_hash FROM one_time_codes")[0].text(0) +
                             conn->query("SELECT key_hash, code_hash FROM one_time_codes")[0].text(1) +
                             conn->query("SELECT token_hash FROM access_grants")[0].text(0);
  EXPECT_EQ(stored.find(kPhone), std::string::npos);
  EXPECT_EQ(stored.find(c), std::string::npos);
  EXPECT_EQ(stored.find(g), std::string::npos);
  // A node with another secret cannot use the stored hashes.
  OneTimeCodes stranger({}, std::string(32, 'x'));
  EXPECT_EQ(w([&](Tx& tx) { return stranger.verify(tx, kPhone, c, T0 + 1); }), CodeCheck::none);
  EXPECT_FALSE(r([&](Tx& tx) { return stranger.grants(tx, g, "ZZ-1", T0 + 1); }));
}

TEST_P(OneTimeCodesTest, AGrantOpensItsMattersForThirtyMinutes) {
  const std::string g = grant({"ZZ-1", "ZZ-2"}, T0);
  EXPECT_GE(g.size(), 32u);
  EXPECT_TRUE(grants(g, "ZZ-1", T0 + 1));
  EXPECT_TRUE(grants(g, "ZZ-2", T0 + 1799));
  EXPECT_FALSE(grants(g, "ZZ-3", T0 + 1)) << "another reporter's matter";
  EXPECT_FALSE(grants(g, "ZZ-", T0 + 1)) << "a prefix of a granted code";
  EXPECT_FALSE(grants(g, "ZZ-1", T0 + 1800)) << "expired";
  EXPECT_FALSE(grants("", "ZZ-1", T0));
  EXPECT_FALSE(grants(g + "0", "ZZ-1", T0));
}

// Two app nodes: two stores opened on the one database, each with its own OneTimeCodes built
// from the shared secret. A code sent through node A is accepted by node B, once only, and a
// grant made by B opens the matter on A.
TEST_P(OneTimeCodesTest, ACodeSentByOneNodeIsAcceptedByAnother) {
  StoreOptions opts;
  opts.audit_key = testing::test_audit_key();
  auto other = open_store(url(), opts);
  ASSERT_TRUE(other) << other.error().detail;
  Store& b = **other;
  OneTimeCodes node_b({}, kSecret);
  const std::string c = issue(kPhone, T0);
  CodeCheck at_b = CodeCheck::none;
  ASSERT_TRUE(b.write([&](Tx& tx) {
                 at_b = node_b.verify(tx, kPhone, c, T0 + 5);
                 return ok();
               }).ok());
  EXPECT_EQ(at_b, CodeCheck::ok);
  EXPECT_EQ(verify(kPhone, c, T0 + 6), CodeCheck::none) << "used up on node B, so gone on A too";
  std::string g;
  ASSERT_TRUE(b.write([&](Tx& tx) {
                 g = node_b.grant(tx, {"ZZ-9"}, T0 + 6);
                 return ok();
               }).ok());
  EXPECT_TRUE(grants(g, "ZZ-9", T0 + 7));
}

INSTANTIATE_TEST_SUITE_P(Backends, OneTimeCodesTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin
