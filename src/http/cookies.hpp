// The session cookie: reading it from a request and writing Set-Cookie values
// (HttpOnly; SameSite=Strict; Path=/; Secure when configured). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace huiyin::http {

inline constexpr std::string_view kSessionCookie = "huiyin_session";

std::optional<std::string> cookie_value(const Request& req, std::string_view name);
std::string session_cookie_header(std::string_view value, long max_age_seconds, bool secure);
std::string cleared_session_cookie_header(bool secure);

}  // namespace huiyin::http
