// Plain HTTP request and response values, independent of the server library, so that routing,
// the handler chain and the handlers are ordinary code that tests can drive without sockets.
// Only server.cpp converts between these and RESTinio's types. Values; no shared state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/text_checks.hpp"

namespace huiyin::http {

enum class Method { get, post, put, patch, del, head, options, other };

std::string_view method_name(Method m);
Method parse_method(std::string_view s);

struct Request {
  Method method = Method::get;
  std::string target;  // as received, e.g. /api/v1/matters?status=submitted
  std::string path;    // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // names lower-cased
  std::string body;
  std::string remote;  // peer address, for logs

  std::optional<std::string_view> header(std::string_view lower_name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set_header(std::string name, std::string value);
};

// Splits `target` into a decoded path and query pairs. Returns nullopt when the target is not
// a valid origin-form (no leading '/', bad percent escapes, decoded NUL or invalid UTF-8).
struct SplitTarget {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};
std::optional<SplitTarget> split_target(std::string_view target);

std::string percent_decode_or_empty(std::string_view s, bool plus_is_space, bool* ok);


}  // namespace huiyin::http
