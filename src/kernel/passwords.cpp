#include "kernel/passwords.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "domain/table.hpp"
#include "share/resources.hpp"

namespace huiyin {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> out;
    auto text = resource("security/common_passwords.txt");
    if (!text) return out;
    for (const TableRow& row : read_tsv(*text, {.comments = true})) {
      std::string_view word = row[0];
      while (!word.empty() && (word.back() == '\r' || word.back() == ' ')) word.remove_suffix(1);
      if (!word.empty()) out.insert(lower_ascii(word));
    }
    return out;
  }();
  return set;
}

}  // namespace

bool is_common_password(const std::string& password) {
  return common_passwords().count(lower_ascii(password)) > 0;
}

Status check_password_rules(const std::string& password, const std::string& username) {
  if (password.size() < kMinPasswordLength) return invalid("密码至少10位", "password");
  if (password.size() > kMaxPasswordLength) return invalid("密码最多128位", "password");
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  if (int(lower) + int(upper) + int(digit) + int(other) < 3)
    return invalid("密码应至少包含大写字母、小写字母、数字、符号中的三类", "password");
  if (username.size() >= 3 && lower_ascii(password).find(lower_ascii(username)) != std::string::npos)
    return invalid("密码不能包含用户名", "password");
  if (is_common_password(password)) return invalid("该密码过于常见,请换一个", "password");
  return ok();
}

}  // namespace huiyin
