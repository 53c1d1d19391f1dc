// docs/openapi.json and the route table describe the same API: every route is documented with
// its method, and every documented operation has a route. docs/openapi.json is the merge of the
// fragments each part keeps beside its code (scripts/merge_openapi.mjs), and must be current.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <vector>
#include <fstream>
#include <set>

#include "app/routes.hpp"

namespace huiyin::http {
namespace {

std::string source_dir() {
  const char* src = std::getenv("HUIYIN_SOURCE_DIR");
  return src ? src : HUIYIN_SOURCE_DIR_FALLBACK;
}

nlohmann::json load_json(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  return nlohmann::json::parse(in);
}

nlohmann::json load_openapi() { return load_json(source_dir() + "/docs/openapi.json"); }

// The fragments: the kernel's routes (src/app) and each feature's (src/features/<name>).
std::vector<std::string> fragment_files() {
  namespace fs = std::filesystem;
  std::vector<std::string> out = {source_dir() + "/src/app/openapi.json"};
  std::vector<std::string> features;
  for (const auto& e : fs::directory_iterator(source_dir() + "/src/features"))
    if (fs::exists(e.path() / "openapi.json")) features.push_back((e.path() / "openapi.json").string());
  std::sort(features.begin(), features.end());
  out.insert(out.end(), features.begin(), features.end());
  return out;
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

TEST(OpenApi, DocsOpenapiJsonIsTheMergeOfTheFragmentsBesideTheCode) {
  nlohmann::json merged = load_json(source_dir() + "/docs/openapi/base.json");
  merged["paths"] = nlohmann::json::object();
  std::size_t fragments = 0;
  for (const auto& file : fragment_files()) {
    ++fragments;
    const auto frag = load_json(file);
    const auto paths = frag.value("paths", nlohmann::json::object());
    for (const auto& [path, ops] : paths.items())
      for (const auto& [method, op] : ops.items()) {
        EXPECT_FALSE(merged["paths"][path].contains(method)) << file << ": " << method << " " << path
                                                             << " documented twice";
        merged["paths"][path][method] = op;
      }
  }
  EXPECT_GE(fragments, 5u);  // app, matters, reports, admin, records
  EXPECT_EQ(merged, load_openapi())
      << "docs/openapi.json is not the merge of the fragments: run node scripts/merge_openapi.mjs\n"
      << nlohmann::json::diff(load_openapi(), merged).dump().substr(0, 600);
}
}  // namespace huiyin::http
