// Result<T>: the value of an operation whose failure is expected (invalid input, not found,
// forbidden, conflict). Exceptions are kept for the truly exceptional; every layer returns these,
// and the HTTP edge maps ErrorCode to a status and a problem+json body in one table. A part whose
// failures carry more than an Error (a table reader's line and column) names its own error type
// as E and converts to Error where it meets the rest.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace huiyin {

enum class ErrorCode {
  invalid,          // 422 / 400: the input breaks a rule
  bad_request,      // 400: the request cannot be read (malformed JSON, bad UTF-8)
  unauthenticated,  // 401
  forbidden,        // 403: the actor may not do this
  not_found,        // 404
  conflict,         // 409: stale version or competing write
  too_large,        // 413
  internal,         // 500
  too_many_requests,  // 429: throttled; Error::retry_after says when to try again
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string detail;  // Chinese text for people
  std::string field;   // the input field at fault, if any
  long retry_after = 0;  // seconds until a throttled request may be retried (too_many_requests)
};

inline Error invalid(std::string detail, std::string field = {}) {
  return {ErrorCode::invalid, std::move(detail), std::move(field)};
}
inline Error not_found(std::string detail) { return {ErrorCode::not_found, std::move(detail), {}}; }
inline Error forbidden(std::string detail) { return {ErrorCode::forbidden, std::move(detail), {}}; }
inline Error conflict(std::string detail) { return {ErrorCode::conflict, std::move(detail), {}}; }
inline Error too_many_requests(std::string detail, long retry_after_seconds) {
  return {ErrorCode::too_many_requests, std::move(detail), {}, retry_after_seconds};
}

template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(E error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  const E& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok() { return Unit{}; }

}  // namespace huiyin
