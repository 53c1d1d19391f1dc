// Errors at the HTTP edge: the one table that maps huiyin::ErrorCode (and the few failures that
// only HTTP knows: 405, 428) to a status and an RFC 9457 problem+json body with a Chinese title.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "http/message.hpp"

namespace huiyin::http {

// Failures that have no ErrorCode because only the HTTP layer can produce them.
enum class HttpProblem { method_not_allowed, precondition_required, unsupported_media_type };

int http_status(ErrorCode code);
std::string_view problem_slug(ErrorCode code);  // the last part of `type`
std::string_view problem_title(ErrorCode code);

// application/problem+json with type, title, status, detail and, when set, field and errors.
Response problem(const Error& e);
Response problem(ErrorCode code, std::string detail, std::string field = {});
Response problem(HttpProblem p, std::string detail);

constexpr std::string_view kProblemTypeBase = "https://huiyin.local/problems/";

}  // namespace huiyin::http
