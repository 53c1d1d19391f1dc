#include "app/app.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>

#include <nlohmann/json.hpp>

#include "http/client_address.hpp"
#include "http/cookies.hpp"
#include "http/log_text.hpp"
#include "http/problem.hpp"
#include "app/routes.hpp"

namespace huiyin::http {
namespace {

bool is_write(Method m) {
  return m == Method::post || m == Method::put || m == Method::patch || m == Method::del;
}

bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += method_name(m);
  }
  return out;
}

}  // namespace

void add_security_headers(Response& r, bool api) {
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  // Tracking links carry the citizen's token: never leak them to other sites.
  r.set_header("Referrer-Policy", "no-referrer");
  r.set_header("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
               "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  if (api) {
    bool has_cache = false;
    for (const auto& [k, v] : r.headers) has_cache = has_cache || k == "Cache-Control";
    if (!has_cache) r.set_header("Cache-Control", "no-store");
  }
}

App::App(Services& services, AppConfig config, StaticFiles files)
    : services_(services), config_(std::move(config)), files_(std::move(files)) {}

std::size_t App::hard_body_limit() const {
  return std::max(config_.max_json_body, config_.max_attachment_body) + 64 * 1024;
}

namespace {

// A 500 says what went wrong inside (a database message names hosts, ports, SQL): that goes to
// the log, and the client gets a plain problem. The database out of reach (a failover under
// way) is 503 with Retry-After: the client's retry with its Idempotency-Key is safe.
Response hide_internal(const Request& req, const Response& res) {
  const auto body = nlohmann::json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  const std::string detail = body.is_object() ? body.value("detail", std::string()) : std::string();
  const bool database_down = body.is_object() && body.value("field", std::string()) == "database";
  spdlog::error("{} {} {}: {}", method_name(req.method), req.path.empty() ? "-" : log_text(req.path),
                database_down ? 503 : 500, log_text(detail));
  if (!database_down) return problem(ErrorCode::internal, "服务器处理请求时出错,请稍后重试");
  Response out = problem(ErrorCode::internal, "数据库暂时不可用,请稍后重试");
  out.status = 503;
  out.body = nlohmann::json{{"type", std::string(kProblemTypeBase) + "unavailable"},
                            {"title", "服务暂时不可用"},
                            {"status", 503},
                            {"detail", "数据库暂时不可用,请稍后重试"}}
                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.set_header("Retry-After", "2");
  return out;
}

}  // namespace

Response App::handle(Request& req) {
  const auto start = std::chrono::steady_clock::now();
  std::string route_name = "static";
  Response res;
  try {
    res = dispatch(req, route_name);
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception on {} {}: {}", method_name(req.method), log_text(req.path),
                  log_text(e.what()));
    res = problem(ErrorCode::internal, "服务器处理请求时出错,请稍后重试");
  } catch (...) {
    spdlog::error("unhandled non-standard exception on {} {}", method_name(req.method),
                  log_text(req.path));
    res = problem(ErrorCode::internal, "服务器处理请求时出错,请稍后重试");
  }
  if (res.status == 500) res = hide_internal(req, res);
  if (req.method == Method::head) res.body.clear();
  const bool api = route_name != "static";
  add_security_headers(res, api);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  try {
    metrics_.observe_request(route_name, method_name(req.method), res.status, secs);
  } catch (...) {
  }
  // The decoded path may hold CR/LF (%0d%0a) or other controls: escaped, one request one line.
  spdlog::info("{} {} {} {:.1f}ms", method_name(req.method),
               req.path.empty() ? "-" : log_text(req.path),
               res.status, secs * 1000.0);
  return res;
}

Response App::dispatch(Request& req, std::string& route_name) {
  auto split = split_target(req.target);
  if (!split) {
    route_name = "invalid";
    return problem(ErrorCode::bad_request, "请求地址无效");
  }
  req.path = std::move(split->path);
  req.query = std::move(split->query);

  const Method lookup = req.method == Method::head ? Method::get : req.method;
  RouteMatch m = match_route(lookup, req.path);

  const bool api_path = req.path.starts_with("/api/") || req.path == "/api" || m.path_known;
  if (!api_path) {
    if (lookup != Method::get) {
      route_name = "static";
      Response r = problem(HttpProblem::method_not_allowed, "页面只支持 GET 请求");
      r.set_header("Allow", "GET, HEAD");
      return r;
    }
    return files_.serve(req.path);
  }
  if (!m.route) {
    if (m.path_known) {
      route_name = "method_not_allowed";
      Response r = problem(HttpProblem::method_not_allowed,
                           "该地址不支持 " + std::string(method_name(req.method)) + " 请求");
      r.set_header("Allow", allow_header(m.allowed));
      return r;
    }
    route_name = "not_found";
    return problem(ErrorCode::not_found, "接口不存在:" + req.path);
  }
  const Route& route = *m.route;
  route_name = route.path.text();

  // Body limits before anything reads the body.
  const std::size_t limit =
      route.body == Body::binary ? config_.max_attachment_body : config_.max_json_body;
  if (req.body.size() > limit) {
    return problem(ErrorCode::too_large, "请求内容过大(上限 " + std::to_string(limit / 1024) +
                                              " KB)");
  }

  Context ctx{req, std::move(m.params), services_, metrics_, config_, std::nullopt, {}};

  // Authentication: required for staff routes, read when present on open ones.
  if (auto cookie = cookie_value(req, kSessionCookie)) ctx.session_cookie = *cookie;
  const bool needs_session = route.access != Access::open;
  if (!ctx.session_cookie.empty()) {
    auto s = services_.auth().authenticate(ctx.session_cookie);
    if (s) {
      ctx.session = std::move(s.value());
    } else if (needs_session) {
      Response r = problem(ErrorCode::unauthenticated, "登录已失效,请重新登录");
      r.headers.emplace_back("Set-Cookie", cleared_session_cookie_header(config_.secure_cookies));
      return r;
    }
  }
  if (needs_session && !ctx.session) {
    return problem(ErrorCode::unauthenticated, "请先登录");
  }
  if (needs_session && is_write(req.method)) {
    auto token = req.header("x-csrf-token");
    if (!token || !same_secret(*token, ctx.session->csrf_token)) {
      return problem(ErrorCode::forbidden, "缺少或错误的CSRF令牌,请刷新页面后重试");
    }
  }
  if (route.access == Access::admin && !ctx.actor().is_admin()) {
    return problem(ErrorCode::forbidden, "仅系统管理员可以进行此操作");
  }
  if (route.access == Access::security && !ctx.actor().is_security_admin())
    return problem(ErrorCode::forbidden, "仅安全管理员可以进行此操作");
  if (route.access == Access::audit && !ctx.actor().is_audit_admin())
    return problem(ErrorCode::forbidden, "仅审计管理员可以进行此操作");
  if (route.access == Access::user_admin && !ctx.actor().is_admin() &&
      !ctx.actor().is_security_admin())
    return problem(ErrorCode::forbidden, "仅系统管理员或安全管理员可以进行此操作");
  // 三员分立: the security and audit administrators' roles open no matters, figures or ledgers;
  // they keep their own session and the org list.
  if (route.access == Access::staff && !ctx.actor().has_work_role() &&
      !req.path.starts_with("/api/v1/session") && req.path != "/api/v1/orgs")
    return problem(ErrorCode::forbidden, "您的角色不能查看问题、统计和台账");
  return route.handler(ctx);
}

}  // namespace huiyin::http
