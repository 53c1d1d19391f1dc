#include "http/problem.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace huiyin::http {
namespace {

struct Case {
  ErrorCode code;
  int status;
  const char* slug;
};

TEST(Problem, EveryErrorCodeHasItsAgreedStatusAndType) {
  const Case cases[] = {
      {ErrorCode::invalid, 422, "invalid"},
      {ErrorCode::bad_request, 400, "bad_request"},
      {ErrorCode::unauthenticated, 401, "unauthenticated"},
      {ErrorCode::forbidden, 403, "forbidden"},
      {ErrorCode::not_found, 404, "not_found"},
      {ErrorCode::conflict, 409, "conflict"},
      {ErrorCode::too_large, 413, "too_large"},
      {ErrorCode::internal, 500, "internal"},
      {ErrorCode::too_many_requests, 429, "too_many_requests"},
  };
  for (const auto& c : cases) {
    Response r = problem(c.code, "说明");
    EXPECT_EQ(r.status, c.status) << c.slug;
    EXPECT_EQ(r.content_type, "application/problem+json; charset=utf-8");
    auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["type"], std::string("https://huiyin.local/problems/") + c.slug);
    EXPECT_EQ(j["status"], c.status);
    EXPECT_EQ(j["detail"], "说明");
    EXPECT_FALSE(j["title"].get<std::string>().empty());
    EXPECT_FALSE(j.contains("field"));
  }
}

TEST(Problem, NamesTheFieldAtFault) {
  auto j = nlohmann::json::parse(problem(invalid("标题不能超过100个字", "title")).body);
  EXPECT_EQ(j["field"], "title");
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["field"], "title");
  EXPECT_EQ(j["errors"][0]["detail"], "标题不能超过100个字");
}

TEST(Problem, HttpOnlyFailures) {
  EXPECT_EQ(problem(HttpProblem::method_not_allowed, "x").status, 405);
  Response r = problem(HttpProblem::precondition_required, "请带上版本号");
  EXPECT_EQ(r.status, 428);
  EXPECT_EQ(nlohmann::json::parse(r.body)["type"],
            "https://huiyin.local/problems/precondition_required");
}

TEST(Problem, EmptyDetailFallsBackToTitle) {
  auto j = nlohmann::json::parse(problem(ErrorCode::not_found, "").body);
  EXPECT_EQ(j["detail"], j["title"]);
}

TEST(Problem, ThrottledRequestCarriesRetryAfter) {
  Response r = problem(too_many_requests("尝试次数过多,请稍后再试", 42));
  EXPECT_EQ(r.status, 429);
  std::string retry;
  for (const auto& [k, v] : r.headers)
    if (k == "Retry-After") retry = v;
  EXPECT_EQ(retry, "42");
}

}  // namespace
}  // namespace huiyin::http
