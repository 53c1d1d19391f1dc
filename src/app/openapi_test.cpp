// docs/openapi.json and the route table describe the same API: every route is documented with
// its method, and every documented operation has a route.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <set>

#include "app/routes.hpp"

namespace huiyin::http {
namespace {

nlohmann::json load_openapi() {
  const char* src = std::getenv("HUIYIN_SOURCE_DIR");
  std::string path = std::string(src ? src : HUIYIN_SOURCE_DIR_FALLBACK) + "/docs/openapi.json";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  return nlohmann::json::parse(in);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

using Op = std::pair<std::string, std::string>;  // method (lower case), path

std::set<Op> documented(const nlohmann::json& doc) {
  static const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
  std::set<Op> out;
  for (const auto& [path, item] : doc.at("paths").items())
    for (const auto& [method, op] : item.items())
      if (kMethods.count(method)) out.emplace(method, path);
  return out;
}

std::set<Op> routed() {
  std::set<Op> out;
  for (const Route& r : route_table()) out.emplace(lower(method_name(r.method)), r.path.openapi_path());
  return out;
}

TEST(OpenApi, IsVersion31WithInfo) {
  auto doc = load_openapi();
  EXPECT_TRUE(doc.at("openapi").get<std::string>().starts_with("3.1"));
  EXPECT_FALSE(doc.at("info").at("title").get<std::string>().empty());
}

TEST(OpenApi, EveryRouteIsDocumented) {
  auto docs = documented(load_openapi());
  for (const auto& op : routed()) EXPECT_TRUE(docs.count(op)) << op.first << " " << op.second;
}

TEST(OpenApi, EveryDocumentedOperationHasARoute) {
  auto routes = routed();
  for (const auto& op : documented(load_openapi()))
    EXPECT_TRUE(routes.count(op)) << op.first << " " << op.second;
}

TEST(OpenApi, EveryOperationDocumentsItsProblems) {
  auto doc = load_openapi();
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) {
      if (!op.is_object() || !op.contains("responses")) continue;
      EXPECT_TRUE(op.contains("operationId")) << method << " " << path;
      EXPECT_FALSE(op.at("responses").empty()) << method << " " << path;
    }
  }
}

}  // namespace
}  // namespace huiyin::http
