#include "domain/phone.hpp"

#include "domain/text_checks.hpp"

namespace huiyin {
namespace {

// Separators a pasted number carries: ASCII space, tab, hyphen, parentheses, dot; and their
// full-width forms (U+3000 space, U+FF0D hyphen, U+FF08/U+FF09 parentheses).
std::size_t separator_at(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '-' || c == '(' || c == ')' || c == '.') return 1;
  static constexpr std::string_view kWide[] = {"\xE3\x80\x80", "\xEF\xBC\x8D", "\xEF\xBC\x88",
                                               "\xEF\xBC\x89"};
  for (std::string_view w : kWide)
    if (s.substr(i, w.size()) == w) return w.size();
  return 0;
}

// Full-width digits and plus sign (what a Chinese input method gives) as ASCII, so the rest reads
// one alphabet; the separators are left for separator_at.
std::string ascii_digits(std::string_view typed) {
  std::string s;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(typed[i + k]); };
    const std::size_t left = typed.size() - i;
    if (left >= 3 && b(0) == 0xEF && b(1) == 0xBC && b(2) >= 0x90 && b(2) <= 0x99) {
      s += static_cast<char>('0' + (b(2) - 0x90));
      i += 2;
    } else if (left >= 3 && b(0) == 0xEF && b(1) == 0xBC && b(2) == 0x8B) {
      s += '+';
      i += 2;
    } else if (left >= 2 && b(0) == 0xC2 && b(1) == 0xA0) {
      s += ' ';  // no-break space
      i += 1;
    } else {
      s += typed[i];
    }
  }
  return s;
}

}  // namespace

std::string normalize_phone(std::string_view raw) {
  const std::string ascii = ascii_digits(raw);
  const std::string_view typed = ascii;
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < typed.size();) {
    if (std::size_t n = separator_at(typed, i)) {
      i += n;
      continue;
    }
    const char c = typed[i];
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
      ++i;
      continue;
    }
    if (c < '0' || c > '9') return {};
    digits += c;
    if (digits.size() > 20) return {};
    ++i;
  }
  bool international = false;
  if (plus) {
    if (!digits.starts_with("86")) return {};
    digits.erase(0, 2);
    international = true;
  } else if (digits.starts_with("0086")) {
    digits.erase(0, 4);
    international = true;
  } else if (digits.size() == 13 && digits.starts_with("861")) {
    digits.erase(0, 2);  // 86 before an 11-digit mobile number
  }
  // Written internationally, a landline drops its trunk 0 ("+86 731 …"): give it back.
  if (international && !digits.empty() && digits[0] != '1' && digits[0] != '0')
    digits.insert(digits.begin(), '0');
  return valid_phone(digits) ? digits : std::string();
}

std::string stored_phone(std::string_view typed) {
  if (std::string p = normalize_phone(typed); !p.empty()) return p;
  const auto first = typed.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(typed.substr(first, typed.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace huiyin
