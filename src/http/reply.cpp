#include "http/reply.hpp"

#include <charconv>

namespace huiyin::http {

Response json_response(const json& body, int status) {
  Response r;
  r.status = status;
  r.body = dump(body);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

std::optional<std::int64_t> if_match_version(const Request& req) {
  auto h = req.header("if-match");
  if (!h) return std::nullopt;
  std::string_view v = *h;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || v.empty() || out < 0) return -1;
  return out;
}

std::string etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

Result<int> query_limit(const Request& req, const char* name, int fallback, int max) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return fallback;
  int out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size() || out < 1)
    return invalid("参数 " + std::string(name) + " 应为正整数", name);
  return out > max ? max : out;
}

std::string query_text(const Request& req, const char* name) {
  auto v = req.query_param(name);
  return v ? std::string(*v) : std::string();
}

}  // namespace huiyin::http
