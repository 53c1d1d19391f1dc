// The one-time codes of the lookup by phone (issue 9), with the time driven by hand.
#include "kernel/one_time_codes.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace huiyin {
namespace {

constexpr Instant T0 = 1'800'000'000;
const std::string kPhone = "13812345678";

std::string other_than(const std::string& code) {
  std::string w = code;
  w[0] = w[0] == '9' ? '0' : static_cast<char>(w[0] + 1);
  return w;
}

TEST(OneTimeCodes, ACodeIsSixDigitsAndRightOnceOnly) {
  OneTimeCodes codes;
  const std::string c = codes.issue(kPhone, T0);
  EXPECT_TRUE(std::regex_match(c, std::regex("[0-9]{6}"))) << c;
  EXPECT_EQ(codes.verify("13900000000", c, T0 + 1), CodeCheck::none);  // another phone's
  EXPECT_EQ(codes.verify(kPhone, c, T0 + 1), CodeCheck::ok);
  EXPECT_EQ(codes.verify(kPhone, c, T0 + 2), CodeCheck::none) << "single use";
}

TEST(OneTimeCodes, ACodeExpiresAfterTenMinutes) {
  OneTimeCodes codes;
  const std::string c = codes.issue(kPhone, T0);
  EXPECT_EQ(codes.rules().ttl, 600);
  EXPECT_EQ(codes.verify(kPhone, c, T0 + 600), CodeCheck::none) << "expired at 10 minutes";
  const std::string d = codes.issue(kPhone, T0 + 1000);
  EXPECT_EQ(codes.verify(kPhone, d, T0 + 1000 + 599), CodeCheck::ok) << "still good just before";
}

TEST(OneTimeCodes, FiveWrongTriesVoidTheCode) {
  OneTimeCodes codes;
  const std::string c = codes.issue(kPhone, T0);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(codes.verify(kPhone, other_than(c), T0 + i), CodeCheck::wrong);
  EXPECT_EQ(codes.verify(kPhone, c, T0 + 5), CodeCheck::ok) << "four wrong tries leave it good";
  const std::string d = codes.issue(kPhone, T0 + 10);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(codes.verify(kPhone, other_than(d), T0 + 10 + i), CodeCheck::wrong);
  EXPECT_EQ(codes.verify(kPhone, d, T0 + 20), CodeCheck::none) << "void after the fifth";
}

TEST(OneTimeCodes, ANewCodeReplacesTheOldOne) {
  OneTimeCodes codes;
  const std::string a = codes.issue(kPhone, T0);
  std::string b = codes.issue(kPhone, T0 + 60);
  while (b == a) b = codes.issue(kPhone, T0 + 60);
  EXPECT_EQ(codes.verify(kPhone, a, T0 + 61), CodeCheck::wrong);
  EXPECT_EQ(codes.verify(kPhone, b, T0 + 62), CodeCheck::ok);
}

TEST(OneTimeCodes, NoCodeIsKeptInTheClear) {
  // Nothing to read back: a code is only ever checked (the hash is keyed per process).
  OneTimeCodes one, two;
  const std::string c = one.issue(kPhone, T0);
  EXPECT_EQ(two.verify(kPhone, c, T0), CodeCheck::none);
}

TEST(OneTimeCodes, AGrantOpensItsMattersForThirtyMinutes) {
  OneTimeCodes codes;
  const std::string g = codes.grant({"ZZ-1", "ZZ-2"}, T0);
  EXPECT_GE(g.size(), 32u);
  EXPECT_TRUE(codes.grants(g, "ZZ-1", T0 + 1));
  EXPECT_TRUE(codes.grants(g, "ZZ-2", T0 + 1799));
  EXPECT_FALSE(codes.grants(g, "ZZ-3", T0 + 1)) << "another reporter's matter";
  EXPECT_FALSE(codes.grants(g, "ZZ-1", T0 + 1800)) << "expired";
  EXPECT_FALSE(codes.grants("", "ZZ-1", T0));
  EXPECT_FALSE(codes.grants(g + "0", "ZZ-1", T0));
}

}  // namespace
}  // namespace huiyin
