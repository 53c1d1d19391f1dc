// Password rules an office accepts (等保2.0 身份鉴别): 10 to 128 characters, at least three of
// lower case, upper case, digits and other characters, not containing the username, and not one
// of the common passwords shipped in share/data/security/common_passwords.txt (compared ignoring
// case). Pure functions; thread-safe.
#pragma once

#include <string>

#include "domain/result.hpp"

namespace huiyin {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 128;

// invalid (field "password") with a Chinese reason when a rule is broken.
Status check_password_rules(const std::string& password, const std::string& username);

// Whether the password is in the shipped list of common passwords (ignoring case).
bool is_common_password(const std::string& password);

}  // namespace huiyin
