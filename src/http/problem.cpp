#include "http/problem.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace huiyin::http {
namespace {

struct Row {
  ErrorCode code;
  int status;
  std::string_view slug;
  std::string_view title;
};

// The one mapping from domain failures to HTTP.
constexpr Row kTable[] = {
    {ErrorCode::invalid, 422, "invalid", "输入内容不符合要求"},
    {ErrorCode::bad_request, 400, "bad_request", "请求无法解析"},
    {ErrorCode::unauthenticated, 401, "unauthenticated", "请先登录"},
    {ErrorCode::forbidden, 403, "forbidden", "没有权限"},
    {ErrorCode::not_found, 404, "not_found", "未找到"},
    {ErrorCode::conflict, 409, "conflict", "操作冲突"},
    {ErrorCode::too_large, 413, "too_large", "请求内容过大"},
    {ErrorCode::internal, 500, "internal", "服务器内部错误"},
    {ErrorCode::too_many_requests, 429, "too_many_requests", "尝试过于频繁"},
};

struct HttpRow {
  HttpProblem p;
  int status;
  std::string_view slug;
  std::string_view title;
};

constexpr HttpRow kHttpTable[] = {
    {HttpProblem::method_not_allowed, 405, "method_not_allowed", "请求方法不被允许"},
    {HttpProblem::precondition_required, 428, "precondition_required", "缺少版本号"},
    {HttpProblem::unsupported_media_type, 415, "unsupported_media_type", "不支持的内容类型"},
};

const Row& row(ErrorCode c) {
  for (const auto& r : kTable)
    if (r.code == c) return r;
  return kTable[7];  // internal
}

Response make(int status, std::string_view slug, std::string_view title, const std::string& detail,
              const std::string& field) {
  nlohmann::json j = {{"type", std::string(kProblemTypeBase) + std::string(slug)},
                      {"title", title},
                      {"status", status},
                      {"detail", detail.empty() ? std::string(title) : detail}};
  if (!field.empty()) {
    j["field"] = field;
    j["errors"] = nlohmann::json::array({{{"field", field}, {"detail", j["detail"]}}});
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json; charset=utf-8";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace

int http_status(ErrorCode code) { return row(code).status; }
std::string_view problem_slug(ErrorCode code) { return row(code).slug; }
std::string_view problem_title(ErrorCode code) { return row(code).title; }

Response problem(const Error& e) {
  const Row& r = row(e.code);
  Response out = make(r.status, r.slug, r.title, e.detail, e.field);
  if (e.code == ErrorCode::too_many_requests)
    out.set_header("Retry-After", std::to_string(std::max<long>(1, e.retry_after)));
  return out;
}

Response problem(ErrorCode code, std::string detail, std::string field) {
  return problem(Error{code, std::move(detail), std::move(field)});
}

Response problem(HttpProblem p, std::string detail) {
  for (const auto& r : kHttpTable)
    if (r.p == p) return make(r.status, r.slug, r.title, detail, {});
  return problem(ErrorCode::internal, std::move(detail));
}

}  // namespace huiyin::http
