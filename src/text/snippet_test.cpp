#include "text/snippet.hpp"

#include <gtest/gtest.h>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

// Characters a reader sees: markup and the cut marks removed, entities counted as one.
std::size_t visible_chars(std::string s) {
  for (const char* tag : {"<mark>", "</mark>", "…"}) {
    for (auto p = s.find(tag); p != std::string::npos; p = s.find(tag)) s.erase(p, std::string(tag).size());
  }
  for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
    for (auto p = s.find(e); p != std::string::npos; p = s.find(e)) s.replace(p, std::string(e).size(), "x");
  }
  return decode_utf8(s).size();
}

TEST(Snippet, MarksEveryMatchOfEveryWord) {
  EXPECT_EQ(make_snippet("小区路灯不亮，路灯杆也歪了", "路灯"),
            "小区<mark>路灯</mark>不亮，<mark>路灯</mark>杆也歪了");
  EXPECT_EQ(make_snippet("楼下垃圾桶满了，噪音也大", "噪音 垃圾桶"),
            "楼下<mark>垃圾桶</mark>满了，<mark>噪音</mark>也大");
}

TEST(Snippet, SimplifiedQueryMarksTraditionalTextAsWritten) {
  ASSERT_TRUE(traditional_conversion_available());
  EXPECT_EQ(make_snippet("小區門口的路燈壞了", "路灯坏"), "小區門口的<mark>路燈壞</mark>了");
  EXPECT_EQ(make_snippet("小区门口的路灯坏了", "路燈"), "小区门口的<mark>路灯</mark>坏了");
}

TEST(Snippet, FullWidthAndCaseFold) {
  EXPECT_EQ(make_snippet("Ａ３区ＡＢＣ小区停车难", "abc"), "Ａ３区<mark>ＡＢＣ</mark>小区停车难");
  EXPECT_EQ(make_snippet("WiFi信号差", "wifi"), "<mark>WiFi</mark>信号差");
}

TEST(Snippet, EverythingElseIsHtmlEscaped) {
  EXPECT_EQ(make_snippet("<script>alert('垃圾')</script> & \"引号\"", "垃圾"),
            "&lt;script&gt;alert(&#39;<mark>垃圾</mark>&#39;)&lt;/script&gt; &amp; &quot;引号&quot;");
  // A query written as markup searches only its letters; the markup is never passed through.
  EXPECT_EQ(make_snippet("a<b>c", "<b>"), "a&lt;<mark>b</mark>&gt;c");
}

TEST(Snippet, LongTextIsCutAroundTheFirstMatch) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "前";
  text += "井盖缺失";
  for (int i = 0; i < 60; ++i) text += "后";
  const std::string s = make_snippet(text, "井盖", 20);
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;                       // cut before
  EXPECT_EQ(s.substr(s.size() - std::string("…").size()), "…");  // and after
  EXPECT_NE(s.find("<mark>井盖</mark>缺失"), std::string::npos) << s;
  EXPECT_EQ(visible_chars(s), 20u) << s;
  // The match sits near the start, with a little context before it.
  EXPECT_LT(s.find("<mark>"), s.size() / 3) << s;
}

TEST(Snippet, MatchNearTheEndKeepsAFullWindow) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "字";
  text += "漏水";
  const std::string s = make_snippet(text, "漏水", 30);
  EXPECT_EQ(visible_chars(s), 30u) << s;
  EXPECT_EQ(s.substr(s.size() - std::string("<mark>漏水</mark>").size()), "<mark>漏水</mark>") << s;
}

TEST(Snippet, NoMatchShowsTheStart) {
  std::string text = "道路坑洼不平，雨天积水严重，车辆通行困难，希望有关部门尽快修复。";
  const std::string s = make_snippet(text, "路灯", 10);
  EXPECT_EQ(s, "道路坑洼不平，雨天积…");
  EXPECT_EQ(make_snippet("短文本", ""), "短文本");
}

TEST(Snippet, WordsDoNotMatchAcrossPunctuation) {
  EXPECT_EQ(make_snippet("积水严重。坑洼路面", "重坑"), "积水严重。坑洼路面");
}

TEST(Snippet, WhitespaceCollapsesAndBadBytesAreReplaced) {
  EXPECT_EQ(make_snippet("  路灯\n\n\t不亮  ", "不亮"), "路灯 <mark>不亮</mark>");
  EXPECT_EQ(make_snippet("路灯\xff坏了", "坏了"), "路灯\xEF\xBF\xBD<mark>坏了</mark>");
}

}  // namespace
}  // namespace huiyin::text
