#include "http/address_list.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace huiyin::http {
namespace {

// The address as 16 bytes (IPv4 in the first 4) and whether it is IPv4.
bool to_bytes(std::string_view text, std::array<unsigned char, 16>& out, bool& v4) {
  std::string s(text);
  if (s.starts_with("[") && s.ends_with("]")) s = s.substr(1, s.size() - 2);
  if (s.rfind("::ffff:", 0) == 0 && s.find('.') != std::string::npos) s = s.substr(7);
  out.fill(0);
  if (inet_pton(AF_INET, s.c_str(), out.data()) == 1) {
    v4 = true;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) {
    v4 = false;
    return true;
  }
  return false;
}

}  // namespace

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_ip_address(std::string_view s) {
  std::array<unsigned char, 16> bytes{};
  bool v4 = false;
  return to_bytes(s, bytes, v4);
}

std::optional<AddressList> AddressList::parse(std::string_view text) {
  AddressList list;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view entry = trim_blanks(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (entry.empty()) continue;
    if (entry == "*") {
      list.any_ = true;
      continue;
    }
    Net n;
    auto slash = entry.find('/');
    if (!to_bytes(entry.substr(0, slash), n.bytes, n.v4)) return std::nullopt;
    const int max = n.v4 ? 32 : 128;
    n.bits = max;
    if (slash != std::string_view::npos) {
      std::string_view b = entry.substr(slash + 1);
      auto [p, ec] = std::from_chars(b.data(), b.data() + b.size(), n.bits);
      if (ec != std::errc() || p != b.data() + b.size() || n.bits < 0 || n.bits > max)
        return std::nullopt;
    }
    list.nets_.push_back(n);
  }
  return list;
}

bool AddressList::allows(std::string_view address) const {
  if (any_) return true;
  std::array<unsigned char, 16> a{};
  bool v4 = false;
  if (!to_bytes(address, a, v4)) return false;
  for (const Net& n : nets_) {
    if (n.v4 != v4) continue;
    int bits = n.bits, i = 0;
    bool match = true;
    for (; bits >= 8; bits -= 8, ++i) match = match && a[i] == n.bytes[i];
    if (match && bits > 0) {
      const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - bits));
      match = (a[i] & mask) == (n.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

}  // namespace huiyin::http
