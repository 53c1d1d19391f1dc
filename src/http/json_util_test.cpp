#include "http/json_util.hpp"

#include <gtest/gtest.h>

namespace huiyin::http {
namespace {

TEST(ParseJsonObject, DistinguishesTheAgreedFailures) {
  auto bad_utf8 = parse_json_object("{\"title\":\"\xff\"}");
  ASSERT_FALSE(bad_utf8);
  EXPECT_EQ(bad_utf8.error().code, ErrorCode::bad_request);
  EXPECT_NE(bad_utf8.error().detail.find("UTF-8"), std::string::npos);

  auto malformed = parse_json_object("{\"title\": ");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().detail, "请求内容不是有效的JSON");

  auto array = parse_json_object("[1,2]");
  ASSERT_FALSE(array);
  EXPECT_EQ(array.error().code, ErrorCode::bad_request);

  auto empty = parse_json_object("  ");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->is_object());

  auto good = parse_json_object(R"({"title":"路灯不亮"})");
  ASSERT_TRUE(good);
  EXPECT_EQ((*good)["title"], "路灯不亮");
}

TEST(Fields, ReadsTypedValuesAndNamesTheFirstWrongType) {
  json j = json::parse(R"({"a":"x","b":true,"c":3,"d":1.5,"e":["p","q"],"f":null,"g":5,"h":"y"})");
  Fields f(j);
  EXPECT_EQ(f.str("a").value_or(""), "x");
  EXPECT_EQ(f.boolean("b").value_or(false), true);
  EXPECT_EQ(f.integer("c").value_or(0), 3);
  EXPECT_DOUBLE_EQ(f.number("d").value_or(0), 1.5);
  EXPECT_EQ(f.str_list("e")->size(), 2u);
  EXPECT_FALSE(f.str("f"));        // null reads as absent
  EXPECT_FALSE(f.str("missing"));
  EXPECT_TRUE(f.ok());
  EXPECT_FALSE(f.str("g"));        // a number where a string belongs
  EXPECT_FALSE(f.boolean("h"));    // a second error does not replace the first
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, ErrorCode::invalid);
  EXPECT_EQ(f.error().field, "g");
  EXPECT_NE(f.error().detail.find("字符串"), std::string::npos);
}

TEST(Fields, RequireNamesTheMissingField) {
  json j = json::object();
  Fields f(j);
  f.require("action", false, "操作");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().field, "action");
}

TEST(IsoTime, ShowsShanghaiOffset) {
  // 2026-11-22T01:30:00Z is 09:30 in Beijing.
  EXPECT_EQ(iso_time(1795311000), "2026-11-22T09:30:00+08:00");
  EXPECT_EQ(iso_time(0), "1970-01-01T08:00:00+08:00");
}

TEST(ParseTime, ReadsInstantsAndLocalDates) {
  EXPECT_EQ(parse_time("2026-11-22T09:30:00+08:00").value_or(-1), 1795311000);
  EXPECT_EQ(parse_time("2026-11-22T01:30:00Z").value_or(-1), 1795311000);
  EXPECT_EQ(parse_time("2026-11-22T01:30:00.250Z").value_or(-1), 1795311000);
  EXPECT_EQ(parse_time("2026-11-22").value_or(-1), 1795311000 - 9 * 3600 - 1800);
  EXPECT_FALSE(parse_time("2026-13-01"));
  EXPECT_FALSE(parse_time("2026-11-22T25:00:00Z"));
  EXPECT_FALSE(parse_time("yesterday"));
  for (Instant t : {Instant{0}, Instant{1795311000}, Instant{1700000000}})
    EXPECT_EQ(parse_time(iso_time(t)).value_or(-1), t);
}

TEST(Dump, ReplacesInvalidUtf8InsteadOfThrowing) {
  json j = {{"x", std::string("ok\xff")}};
  EXPECT_NO_THROW(dump(j));
}

}  // namespace
}  // namespace huiyin::http
