// Request text in logs, the /metrics address list, and NUL in JSON bodies.
#include <gtest/gtest.h>

#include "http/address_list.hpp"
#include "http/json_util.hpp"
#include "http/log_text.hpp"

namespace huiyin::http {
namespace {

TEST(LogText, PathWithCrLfCannotForgeALogLine) {
  const std::string forged = log_text("/api/v1/x\r\n2026-12-01 10:00:00.000 info POST /admin 200");
  EXPECT_EQ(forged.find('\n'), std::string::npos);
  EXPECT_EQ(forged.find('\r'), std::string::npos);
  EXPECT_EQ(forged, "/api/v1/x\\r\\n2026-12-01 10:00:00.000 info POST /admin 200");
  EXPECT_EQ(log_text("a\x1b[31mb\x7f"), "a\\x1B[31mb\\x7F");
  EXPECT_EQ(log_text("a\\nb"), "a\\\\nb") << "a literal backslash-n stays distinguishable";
  EXPECT_EQ(log_text("x\xc2\x85y\xe2\x80\xa8z"), "x\\u0085y\\u2028z");
  EXPECT_EQ(log_text("/回音壁?q=路灯"), "/回音壁?q=路灯");
}

TEST(AddressList, MetricsAllowListMatchesAddressesAndNetworks) {
  auto loop = AddressList::parse("127.0.0.1,::1");
  ASSERT_TRUE(loop);
  EXPECT_TRUE(loop->allows("127.0.0.1"));
  EXPECT_TRUE(loop->allows("::1"));
  EXPECT_TRUE(loop->allows("::ffff:127.0.0.1"));
  EXPECT_FALSE(loop->allows("10.0.0.5"));
  EXPECT_FALSE(loop->allows("not-an-address"));
  auto nets = AddressList::parse(" 10.0.0.0/8, fd00::/8 ,192.168.1.7");
  ASSERT_TRUE(nets);
  EXPECT_TRUE(nets->allows("10.200.3.4"));
  EXPECT_FALSE(nets->allows("11.0.0.1"));
  EXPECT_TRUE(nets->allows("fd12::1"));
  EXPECT_FALSE(nets->allows("fe80::1"));
  EXPECT_TRUE(nets->allows("192.168.1.7"));
  EXPECT_FALSE(nets->allows("192.168.1.8"));
  EXPECT_TRUE(AddressList::parse("*")->allows("203.0.113.9"));
  EXPECT_FALSE(AddressList::parse("10.0.0.0/33"));
  EXPECT_FALSE(AddressList::parse("example.org"));
  EXPECT_FALSE(AddressList::parse("")->allows("127.0.0.1")) << "an empty list allows nobody";
}

TEST(ParseJsonObject, TextWithNulIsRefusedNamingTheField) {
  auto title = parse_json_object(R"({"title":"路灯\u0000不亮","content":"x"})");
  ASSERT_FALSE(title);
  EXPECT_EQ(title.error().code, ErrorCode::invalid);
  EXPECT_EQ(title.error().field, "title");
  auto nested = parse_json_object(R"({"location":{"address":"某路\u0000"}})");
  ASSERT_FALSE(nested);
  EXPECT_EQ(nested.error().field, "location.address");
  auto listed = parse_json_object(R"({"co_orgs":["a","b\u0000"]})");
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().field, "co_orgs");
  auto key = parse_json_object(R"({"no\u0000te":"x"})");
  EXPECT_FALSE(key);
  // Deep nesting costs no stack in the check (a recursive walk would crash here).
  std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_TRUE(parse_json_object(deep));
  EXPECT_TRUE(parse_json_object(R"({"title":"\\u0000 written out is fine"})"));
}

}  // namespace
}  // namespace huiyin::http
