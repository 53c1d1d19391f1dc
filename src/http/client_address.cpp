#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace huiyin::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ipv4(std::string_view text, std::uint32_t& out) {
  std::string s(text);
  in_addr a{};
  if (inet_pton(AF_INET, s.c_str(), &a) != 1) return false;
  out = ntohl(a.s_addr);
  return true;
}

bool valid_address(std::string_view text) {
  std::string s(text);
  in_addr a4{};
  in6_addr a6{};
  return inet_pton(AF_INET, s.c_str(), &a4) == 1 || inet_pton(AF_INET6, s.c_str(), &a6) == 1;
}

// "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) → "10.0.0.1".
std::string_view unmapped(std::string_view a) {
  constexpr std::string_view kMapped = "::ffff:";
  if (a.size() > kMapped.size() && a.substr(0, kMapped.size()) == kMapped &&
      a.find('.') != std::string_view::npos)
    return a.substr(kMapped.size());
  return a;
}

bool trusted_peer(std::string_view address, const std::vector<std::string>& trusted) {
  return std::any_of(trusted.begin(), trusted.end(),
                     [&](const std::string& p) { return address_matches(address, p); });
}

}  // namespace

bool address_matches(std::string_view address, std::string_view pattern) {
  address = unmapped(trim(address));
  pattern = trim(pattern);
  if (pattern.empty() || address.empty()) return false;
  auto slash = pattern.find('/');
  if (slash == std::string_view::npos) return address == unmapped(pattern);
  std::uint32_t net = 0, addr = 0;
  int bits = -1;
  auto b = pattern.substr(slash + 1);
  auto [p, ec] = std::from_chars(b.data(), b.data() + b.size(), bits);
  if (ec != std::errc() || p != b.data() + b.size() || bits < 0 || bits > 32) return false;
  if (!ipv4(pattern.substr(0, slash), net) || !ipv4(address, addr)) return false;
  const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
  return (net & mask) == (addr & mask);
}

std::string client_address(const Request& req, const std::vector<std::string>& trusted) {
  std::string peer(unmapped(req.remote));
  if (trusted.empty() || !trusted_peer(peer, trusted)) return peer;
  auto header = req.header("x-forwarded-for");
  if (!header) return peer;
  // Walk from the nearest hop (rightmost) back while the hop is itself a trusted proxy.
  std::string_view rest = *header;
  std::string best = peer;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    std::string_view hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    hop = unmapped(hop);
    if (!valid_address(hop)) break;
    best = std::string(hop);
    if (!trusted_peer(hop, trusted)) break;
  }
  return best;
}

std::vector<std::string> parse_address_list(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == ',' || ch == ' ' || ch == '\t') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace huiyin::http
