#include "app/routes.hpp"

#include <gtest/gtest.h>

#include <set>

namespace huiyin::http {
namespace {

TEST(Routes, EveryRouteIsUniqueAndHasAHandler) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const Route& r : route_table()) {
    EXPECT_NE(r.handler, nullptr) << r.path.text();
    auto key = std::make_pair(std::string(method_name(r.method)), r.path.openapi_path());
    EXPECT_TRUE(seen.insert(key).second) << key.first << " " << key.second;
    if (r.method == Method::get || r.method == Method::del) {
      EXPECT_EQ(r.body, Body::none) << r.path.text();
    }
  }
}

TEST(Routes, ContractPathsOfTheClosedLoopArePresent) {
  const std::pair<Method, const char*> contract[] = {
      {Method::post, "/api/v1/intake"},
      {Method::get, "/api/v1/track/ZZ-20261122-000001"},
      {Method::post, "/api/v1/track/ZZ-20261122-000001/evaluation"},
      {Method::post, "/api/v1/session"},
      {Method::del, "/api/v1/session"},
      {Method::get, "/api/v1/matters"},
      {Method::get, "/api/v1/matters/ZZ-20261122-000001"},
      {Method::post, "/api/v1/matters/ZZ-20261122-000001/actions"},
      {Method::post, "/api/v1/matters/ZZ-20261122-000001/measures"},
      {Method::get, "/api/v1/matters/ZZ-20261122-000001/measures"},
      {Method::patch, "/api/v1/measures/7"},
      {Method::get, "/api/v1/stats/overview"},
      {Method::get, "/api/v1/ledger.xlsx"},
      {Method::get, "/healthz"},
      {Method::get, "/metrics"},
  };
  for (const auto& [m, path] : contract) {
    RouteMatch match = match_route(m, path);
    EXPECT_NE(match.route, nullptr) << method_name(m) << " " << path;
  }
}

TEST(Routes, WrongMethodIsKnownPathWithAllowedMethods) {
  RouteMatch m = match_route(Method::put, "/api/v1/session");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allowed.size(), 3u);  // POST, GET, DELETE
}

TEST(Routes, UnknownPathIsNotKnown) {
  RouteMatch m = match_route(Method::get, "/api/v1/nothing-here");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_known);
  // Typed params: a measure id must be digits.
  EXPECT_FALSE(match_route(Method::patch, "/api/v1/measures/abc").path_known);
}

TEST(Routes, StaffAndAdminRoutesRequireASession) {
  for (const Route& r : route_table()) {
    const std::string p = r.path.text();
    if (p.starts_with("/api/v1/admin/users"))
      EXPECT_EQ(r.access, Access::user_admin) << p;
    else if (p.starts_with("/api/v1/admin/throttles"))
      EXPECT_EQ(r.access, Access::security) << p;
    else if (p.starts_with("/api/v1/admin/"))
      EXPECT_EQ(r.access, Access::admin) << p;
    if (p.starts_with("/api/v1/audit/")) EXPECT_EQ(r.access, Access::audit) << p;
    if (p.starts_with("/api/v1/matters") || p.starts_with("/api/v1/measures") ||
        p.starts_with("/api/v1/stats") || p == "/api/v1/ledger.xlsx" || p == "/api/v1/orgs")
      EXPECT_EQ(r.access, Access::staff) << p;
  }
  EXPECT_EQ(match_route(Method::post, "/api/v1/intake").route->access, Access::open);
}

// 三员分立: nobody can audit their own actions away — no route writes to the audit log.
TEST(Routes, NoRouteChangesOrDeletesAuditEvents) {
  for (const Route& r : route_table()) {
    const std::string p = r.path.text();
    if (p.find("audit") != std::string::npos || p.find("events") != std::string::npos)
      EXPECT_EQ(r.method, Method::get) << p;
  }
}

}  // namespace
}  // namespace huiyin::http
