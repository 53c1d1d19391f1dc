// Reading request JSON and writing response JSON: body parsing with the agreed 400/422 errors,
// typed field readers that name the offending field, and time/date formatting (ISO 8601 with
// +08:00, as people in China read it). Pure functions and a small per-request reader; no shared
// state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/clock.hpp"
#include "domain/result.hpp"

namespace huiyin::http {

using json = nlohmann::json;

// Parses a request body that must be one JSON object. Invalid UTF-8 → bad_request
// "请求内容不是有效的UTF-8文本"; malformed → bad_request "请求内容不是有效的JSON";
// another JSON type → bad_request "请求内容应为JSON对象". An empty body gives an empty object.
Result<json> parse_json_object(std::string_view body);

// Typed access to the fields of a JSON object. A missing field or null reads as nullopt; a field
// of the wrong type records an `invalid` error naming it (the first one wins) and reads as
// nullopt, so a handler reads everything and then checks ok() once.
class Fields {
 public:
  explicit Fields(const json& obj) : obj_(obj) {}

  std::optional<std::string> str(const char* name);
  std::optional<bool> boolean(const char* name);
  std::optional<std::int64_t> integer(const char* name);
  std::optional<double> number(const char* name);
  std::optional<std::vector<std::string>> str_list(const char* name);
  std::optional<std::vector<std::int64_t>> int_list(const char* name);
  // A nested object; nullptr when absent or null (wrong type records an error).
  const json* object(const char* name);
  // Records an error for a required field that is missing.
  void require(const char* name, bool present, std::string_view what = {});
  void fail(Error e);
  // Takes over a nested object's first error, its field named under `prefix`
  // ("location" + "district" → "location.district").
  void fail_from(const Fields& inner, std::string_view prefix);

  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  const json* get(const char* name);
  void wrong_type(const char* name, std::string_view expected);

  const json& obj_;
  std::optional<Error> error_;
};

// 2026-11-22T09:30:00+08:00
std::string iso_time(Instant t);
json iso_time_or_null(const std::optional<Instant>& t);
// Parses an ISO 8601 instant (with Z or ±HH:MM) or a local date YYYY-MM-DD (start of that day
// in Asia/Shanghai).
std::optional<Instant> parse_time(std::string_view s);

// Serialises for a response body; invalid UTF-8 in stored text is replaced, never thrown.
std::string dump(const json& j);

}  // namespace huiyin::http
