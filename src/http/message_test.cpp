#include "http/message.hpp"

#include <gtest/gtest.h>

namespace huiyin::http {
namespace {

TEST(SplitTarget, DecodesPathAndQueryInOrder) {
  auto t = split_target("/api/v1/matters?status=submitted,accepted&q=%E8%B7%AF%E7%81%AF+坏了&limit=5");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/matters");
  ASSERT_EQ(t->query.size(), 3u);
  EXPECT_EQ(t->query[0].first, "status");
  EXPECT_EQ(t->query[0].second, "submitted,accepted");
  EXPECT_EQ(t->query[1].second, "路灯 坏了");
  EXPECT_EQ(t->query[2].second, "5");
}

TEST(SplitTarget, RefusesBrokenTargets) {
  EXPECT_FALSE(split_target(""));
  EXPECT_FALSE(split_target("api/v1"));
  EXPECT_FALSE(split_target("/a%2"));       // truncated escape
  EXPECT_FALSE(split_target("/a%zz"));      // not hex
  EXPECT_FALSE(split_target("/a%00b"));     // NUL
  EXPECT_FALSE(split_target("/a?q=%ff"));   // invalid UTF-8 in the query
}

TEST(SplitTarget, KeepsPlusInPathButNotInQuery) {
  auto t = split_target("/a+b?x=a+b");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/a+b");
  EXPECT_EQ(t->query[0].second, "a b");
}

TEST(ValidUtf8, AcceptsChineseAndRejectsBrokenSequences) {
  EXPECT_TRUE(valid_utf8("回音 Huiyin 😀"));
  EXPECT_FALSE(valid_utf8("\xff"));
  EXPECT_FALSE(valid_utf8("\xe5\x9b"));          // truncated 回
  EXPECT_FALSE(valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Request, HeaderAndQueryLookups) {
  Request r;
  r.headers["if-match"] = "\"3\"";
  r.query = {{"token", "abc"}};
  EXPECT_EQ(r.header("if-match").value_or(""), "\"3\"");
  EXPECT_FALSE(r.header("cookie"));
  EXPECT_EQ(r.query_param("token").value_or(""), "abc");
  EXPECT_FALSE(r.query_param("missing"));
}

}  // namespace
}  // namespace huiyin::http
