#include "http/cookies.hpp"

namespace huiyin::http {

std::optional<std::string> cookie_value(const Request& req, std::string_view name) {
  auto h = req.header("cookie");
  if (!h) return std::nullopt;
  std::string_view rest = *h;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (part.substr(0, eq) != name) continue;
    std::string_view v = part.substr(eq + 1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (v.empty()) return std::nullopt;
    return std::string(v);
  }
  return std::nullopt;
}

std::string session_cookie_header(std::string_view value, long max_age_seconds, bool secure) {
  std::string out(kSessionCookie);
  out += '=';
  out += value;
  out += "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) out += "; Secure";
  return out;
}

std::string cleared_session_cookie_header(bool secure) {
  return session_cookie_header("", 0, secure);
}

}  // namespace huiyin::http
