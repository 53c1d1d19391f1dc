// The checks every text input gets, in one place: well-formed UTF-8 (no overlong forms,
// surrogates or values past U+10FFFF), its length in code points, and NUL characters (which
// PostgreSQL cannot store in text). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace huiyin {

bool valid_utf8(std::string_view s);
// The offset of the first byte that does not start well-formed UTF-8; npos when all of s is.
std::size_t invalid_utf8_at(std::string_view s);
std::size_t utf8_length(std::string_view s);  // code points (of valid UTF-8)
// A mobile number 1[3-9]\d{9} or a landline like 0731-12345678.
bool valid_phone(std::string_view phone);
inline bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

// The one check of a text field a person typed: well-formed UTF-8, not blank when `min` > 0, at
// most `max` characters. Errors name `field` and say it in Chinese with the field's `name`.
Status check_text(const std::string& s, const std::string& field, const char* name,
                  std::size_t min, std::size_t max);

}  // namespace huiyin
