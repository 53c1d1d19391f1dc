// Small helpers the handlers share to build responses: JSON bodies, problem responses from a
// Result, ETag/If-Match parsing. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.hpp"
#include "http/json_util.hpp"
#include "http/message.hpp"
#include "http/problem.hpp"

namespace huiyin::http {

Response json_response(const json& body, int status = 200);
Response no_content();

// The version in an If-Match header: `"12"`, `12` or `W/"12"`. nullopt when the header is
// absent; an unreadable one gives -1 (which never matches a stored version).
std::optional<std::int64_t> if_match_version(const Request& req);
std::string etag(std::int64_t version);  // "\"12\""

// A positive integer query parameter (limit), clamped to [1, max]; invalid names the field.
Result<int> query_limit(const Request& req, const char* name, int fallback, int max);
// A query parameter as text, "" when absent.
std::string query_text(const Request& req, const char* name);

}  // namespace huiyin::http
