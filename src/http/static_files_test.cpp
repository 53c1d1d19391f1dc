#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace huiyin::http {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("huiyin-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    write(root_ / "index.html", "<p>public</p>");
    write(root_ / "staff.html", "<p>staff</p>");
    write(root_ / "assets" / "app-1a2b.js", "console.log(1)");
    write(root_ / "favicon.svg", "<svg/>");
    write(base_ / "secret.txt", "top secret");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void write(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }

  fs::path base_, root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirTypes) {
  StaticFiles files(root_);
  ASSERT_TRUE(files.available());
  Response js = files.serve("/assets/app-1a2b.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  bool immutable = false;
  for (const auto& [k, v] : js.headers)
    immutable = immutable || (k == "Cache-Control" && v == "public, max-age=31536000, immutable");
  EXPECT_TRUE(immutable);
  EXPECT_EQ(files.serve("/favicon.svg").content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, SinglePageFallbacks) {
  StaticFiles files(root_);
  EXPECT_EQ(files.serve("/").body, "<p>public</p>");
  EXPECT_EQ(files.serve("/track/ZZ-20261122-000001").body, "<p>public</p>");
  EXPECT_EQ(files.serve("/staff").body, "<p>staff</p>");
  EXPECT_EQ(files.serve("/staff/matters/ZZ-1").body, "<p>staff</p>");
  EXPECT_EQ(files.serve("/staffing").body, "<p>public</p>");
  // A missing asset is a 404, not an HTML page served as script.
  EXPECT_EQ(files.serve("/assets/missing.js").status, 404);
  EXPECT_EQ(files.serve("/missing.png").status, 404);
}

TEST_F(StaticFilesTest, NeverLeavesTheDirectory) {
  StaticFiles files(root_);
  EXPECT_EQ(files.serve("/../secret.txt").status, 404);
  EXPECT_EQ(files.serve("/assets/../../secret.txt").status, 404);
  EXPECT_EQ(files.serve("/..\\secret.txt").status, 404);
  fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  Response r = files.serve("/link.txt");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("top secret"), std::string::npos);
}

TEST_F(StaticFilesTest, MissingDirectorySaysTheAppIsNotBuilt) {
  StaticFiles files(base_ / "nowhere");
  EXPECT_FALSE(files.available());
  Response r = files.serve("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("尚未构建"), std::string::npos);
}

TEST_F(StaticFilesTest, ResolveRootPrefersTheFlag) {
  EXPECT_EQ(StaticFiles::resolve_root("/some/dir", "/usr/bin/huiyin"), fs::path("/some/dir"));
}

TEST(MimeType, KnownAndUnknown) {
  EXPECT_EQ(mime_type(".css"), "text/css; charset=utf-8");
  EXPECT_EQ(mime_type(".woff2"), "font/woff2");
  EXPECT_EQ(mime_type(".exe"), "application/octet-stream");
}

}  // namespace
}  // namespace huiyin::http
