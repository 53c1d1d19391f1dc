#include "domain/text_checks.hpp"

#include <gtest/gtest.h>

#include <string>

namespace huiyin {
namespace {

TEST(TextChecks, Utf8IsCheckedStrictly) {
  struct Row {
    std::string text;
    bool valid;
  };
  const Row rows[] = {
      {"", true},
      {"路灯不亮 lamp 123", true},
      {"\xF0\x9F\x98\x80", true},              // an emoji (4 bytes)
      {"\xC0\x80", false},                      // overlong NUL
      {"\xE0\x80\xAF", false},                  // overlong '/'
      {"\xED\xA0\x80", false},                  // a surrogate
      {"\xF4\x90\x80\x80", false},              // past U+10FFFF
      {"\xF5\x80\x80\x80", false},              // no such lead byte
      {"\xE8\xB7", false},                      // cut short
      {"\x80", false},                          // a lone continuation byte
      {std::string("a\0b", 3), true},           // NUL is valid UTF-8; has_nul catches it
  };
  for (const auto& r : rows) EXPECT_EQ(valid_utf8(r.text), r.valid) << r.text;
}

TEST(TextChecks, LengthCountsCodePointsAndNulIsFound) {
  EXPECT_EQ(utf8_length("路灯不亮"), 4u);
  EXPECT_EQ(utf8_length("ab\xF0\x9F\x98\x80"), 3u);
  EXPECT_TRUE(has_nul(std::string("标题\0", 7)));
  EXPECT_FALSE(has_nul("标题"));
}

TEST(TextChecks, ATypedFieldIsRefusedWhenBlankTooLongOrBrokenNamingTheField) {
  EXPECT_TRUE(check_text("路灯不亮", "title", "标题", 1, 100));
  EXPECT_TRUE(check_text("", "summary", "摘要", 0, 100));
  auto blank = check_text(" \t", "title", "标题", 1, 100);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "title");
  EXPECT_EQ(blank.error().detail, "请填写标题");
  auto longer = check_text("一二三", "topic", "主题", 1, 2);
  ASSERT_FALSE(longer);
  EXPECT_EQ(longer.error().detail, "主题不能超过2个字(当前3个字)");
  EXPECT_FALSE(check_text("\xff", "topic", "主题", 1, 10));
}

}  // namespace
}  // namespace huiyin
