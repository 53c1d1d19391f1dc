#include "domain/text_checks.hpp"

#include <cstdint>

namespace huiyin {

std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;  // a continuation byte, an overlong lead (C0, C1) or past F4
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = p[i + k];
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

bool valid_utf8(std::string_view s) { return invalid_utf8_at(s) == std::string_view::npos; }

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool valid_phone(std::string_view p) {
  auto digits = [](std::string_view s) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return !s.empty();
  };
  if (p.size() == 11 && p[0] == '1' && p[1] >= '3' && p[1] <= '9' && digits(p)) return true;
  // Landline: area code 0XX or 0XXX, optional '-', 7 or 8 digits.
  if (p.empty() || p[0] != '0') return false;
  auto dash = p.find('-');
  if (dash != std::string_view::npos) {
    std::string_view area = p.substr(0, dash), local = p.substr(dash + 1);
    return digits(area) && area.size() >= 3 && area.size() <= 4 && digits(local) &&
           local.size() >= 7 && local.size() <= 8;
  }
  return digits(p) && p.size() >= 10 && p.size() <= 12;
}

namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
}  // namespace

Status check_text(const std::string& s, const std::string& field, const char* name,
                  std::size_t min, std::size_t max) {
  if (!valid_utf8(s)) return invalid(std::string(name) + "含有无效的字符编码", field);
  if (min > 0 && blank(s)) return invalid("请填写" + std::string(name), field);
  std::size_t n = utf8_length(s);
  if (n > max)
    return invalid(std::string(name) + "不能超过" + std::to_string(max) + "个字(当前" +
                       std::to_string(n) + "个字)",
                   field);
  return ok();
}

}  // namespace huiyin
