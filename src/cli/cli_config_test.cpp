#include "cli/cli_config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace huiyin::cli {
namespace {

TEST(ConfigFile, ReadsKeyValueLinesWithCommentsAndQuotes) {
  auto cfg = ConfigFile::parse(
      "# Huiyin\n"
      "db = postgresql://localhost/huiyin\n"
      "  port=9090  \r\n"
      "\n"
      "[serve]\n"
      "max-body = \"2048\"\n"
      "web = '/srv/web dist'\n");
  ASSERT_TRUE(cfg);
  EXPECT_EQ(cfg->get("db").value_or(""), "postgresql://localhost/huiyin");
  EXPECT_EQ(cfg->get("port").value_or(""), "9090");
  EXPECT_EQ(cfg->get("max_body").value_or(""), "2048");  // '-' and '_' are the same
  EXPECT_EQ(cfg->get("web").value_or(""), "/srv/web dist");
  EXPECT_FALSE(cfg->get("listen"));
}

TEST(ConfigFile, NamesTheBadLine) {
  auto cfg = ConfigFile::parse("db = sqlite:x\njust words\n");
  ASSERT_FALSE(cfg);
  EXPECT_NE(cfg.error().detail.find("第 2 行"), std::string::npos);
}

TEST(ConfigFile, MissingFileIsNotFound) {
  auto cfg = ConfigFile::load("/nonexistent/huiyin.conf");
  ASSERT_FALSE(cfg);
  EXPECT_EQ(cfg.error().code, ErrorCode::not_found);
}

TEST(Pick, FlagBeatsEnvBeatsFileBeatsDefault) {
  CLI::App app;
  std::string port;
  CLI::Option* flag = app.add_option("--port", port);
  auto cfg = ConfigFile::parse("port = 7000\n").value();
  ::unsetenv("HUIYIN_TEST_PORT");

  EXPECT_EQ(pick(flag, port, "HUIYIN_TEST_PORT", ConfigFile{}, "port", "8080"), "8080");
  EXPECT_EQ(pick(flag, port, "HUIYIN_TEST_PORT", cfg, "port", "8080"), "7000");
  ::setenv("HUIYIN_TEST_PORT", "7100", 1);
  EXPECT_EQ(pick(flag, port, "HUIYIN_TEST_PORT", cfg, "port", "8080"), "7100");
  const char* argv[] = {"huiyin", "--port", "7200"};
  app.parse(3, const_cast<char**>(argv));
  EXPECT_EQ(pick(flag, port, "HUIYIN_TEST_PORT", cfg, "port", "8080"), "7200");
  ::unsetenv("HUIYIN_TEST_PORT");
}

TEST(Pick, EmptyEnvIsIgnored) {
  ::setenv("HUIYIN_TEST_DB", "", 1);
  EXPECT_EQ(pick(nullptr, "", "HUIYIN_TEST_DB", ConfigFile{}, "db", kDefaultDb), kDefaultDb);
  ::unsetenv("HUIYIN_TEST_DB");
}

}  // namespace
}  // namespace huiyin::cli
