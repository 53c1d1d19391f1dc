#include "service/privacy_mask.hpp"

#include <cctype>

namespace huiyin {
namespace {

// Bytes of the UTF-8 character starting at s[i].
std::size_t char_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string mask_name(std::string_view name) {
  if (name.empty()) return {};
  std::size_t first = char_len(static_cast<unsigned char>(name[0]));
  if (first > name.size()) first = name.size();
  std::string out(name.substr(0, first));
  std::size_t rest = 0;
  for (std::size_t i = first; i < name.size(); i += char_len(static_cast<unsigned char>(name[i])))
    ++rest;
  out.append(rest == 0 ? 1 : rest, '*');
  return out;
}

std::string mask_phone(std::string_view phone) {
  std::string out(phone);
  std::size_t digits = 0;
  for (char c : phone) digits += digit(c);
  if (digits < 7) {
    for (char& c : out)
      if (digit(c)) c = '*';
    return out;
  }
  // Keep the first 3 digits of a mobile number and the last 4 digits of anything.
  bool mobile = phone.size() == 11 && phone[0] == '1';
  std::size_t seen = 0;
  for (char& c : out) {
    if (!digit(c)) continue;
    ++seen;
    bool keep = seen > digits - 4 || (mobile && seen <= 3);
    if (!keep) c = '*';
  }
  return out;
}

// Runs of 7 or more digits (phone numbers, ID-card numbers with a trailing X, bank cards) keep
// only their first 3 and last 4 characters; shorter numbers (dates, house numbers) stay.
std::string mask_personal_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!digit(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && (digit(text[j]) || ((text[j] == 'X' || text[j] == 'x') && j - i == 17)))
      ++j;
    std::size_t n = j - i;
    if (n >= 7) {
      for (std::size_t k = 0; k < n; ++k)
        out.push_back(k < 3 || k >= n - 4 ? text[i + k] : '*');
    } else {
      out.append(text.substr(i, n));
    }
    i = j;
  }
  return out;
}

}  // namespace huiyin
