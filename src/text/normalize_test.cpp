#include "text/normalize.hpp"

#include <gtest/gtest.h>

namespace huiyin::text {
namespace {

TEST(Normalize, FullWidthLettersAndDigitsBecomeAsciiLowercase) {
  EXPECT_EQ(normalize_for_index("Ａ３区ＡＢＣ１２３"), "a3区abc123");
}

TEST(Normalize, PunctuationAndWhitespaceFoldToOneSpace) {
  EXPECT_EQ(normalize_for_index("  路灯坏了！！　请尽快，修理。\n\t谢谢 "), "路灯坏了 请尽快 修理 谢谢");
  EXPECT_EQ(normalize_for_index("《关于》“小区”【物业】"), "关于 小区 物业");
}

TEST(Normalize, TraditionalTextNormalisesLikeItsSimplifiedTwin) {
  ASSERT_TRUE(traditional_conversion_available());
  const struct {
    const char* traditional;
    const char* simplified;
  } cases[] = {
      {"小區門口的路燈壞了，晚上出行很不安全。", "小区门口的路灯坏了，晚上出行很不安全。"},
      {"幼兒園學費漲價，家長負擔過重", "幼儿园学费涨价，家长负担过重"},
      {"醫院掛號難，請衛生部門處理", "医院挂号难，请卫生部门处理"},
      {"開發商拖延交房，業主維權無門", "开发商拖延交房，业主维权无门"},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(has_traditional(c.traditional)) << c.traditional;
    EXPECT_FALSE(has_traditional(c.simplified)) << c.simplified;
    EXPECT_EQ(normalize_for_index(c.traditional), normalize_for_index(c.simplified));
  }
}

TEST(Normalize, SimplifiedTextIsLeftAsWritten) {
  EXPECT_EQ(to_simplified("显著的成绩，干部的作风"), "显著的成绩，干部的作风");
  EXPECT_EQ(to_simplified("路燈"), "路灯");
}

TEST(Normalize, InvalidUtf8DoesNotFail) {
  const std::string bad = std::string("路灯") + "\xff\xfe" + "坏了";
  EXPECT_EQ(normalize_for_index(bad), "路灯 坏了");
}

TEST(Normalize, EmptyAndPunctuationOnly) {
  EXPECT_EQ(normalize_for_index(""), "");
  EXPECT_EQ(normalize_for_index("！？。，"), "");
}

}  // namespace
}  // namespace huiyin::text

namespace huiyin::text {
namespace {

// Common text takes a fast path that skips utf8proc; rarer characters take utf8proc. Both
// must agree: each case mixes a fast-path text with a character that forces the slow path.
TEST(Normalize, FastAndFullPathsAgree) {
  const char* texts[] = {
      "ＡＢＣ，１２３！“路灯”——坏了…《通知》【紧急】、。〔一〕",
      "Hello WORLD 你好 A3区",
      "小区·物业‘收费’～问题",
  };
  for (const char* t : texts) {
    const std::string fast = normalize_for_index(t);
    // "é" (U+00E9) is outside the fast path's set: the whole text goes through utf8proc.
    const std::string full = normalize_for_index(std::string(t) + " é");
    EXPECT_EQ(full, fast + " é") << t;
  }
  EXPECT_EQ(normalize_for_index("〸个"), "十个");  // Hangzhou numeral: NFKC turns it into 十
}

}  // namespace
}  // namespace huiyin::text
