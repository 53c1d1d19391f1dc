#include "http/client_address.hpp"

#include <arpa/inet.h>


namespace huiyin::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
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

}  // namespace

std::string client_address(const Request& req, const AddressList& trusted) {
  std::string peer(unmapped(req.remote));
  if (!trusted.allows(peer)) return peer;
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
    if (!trusted.allows(hop)) break;
  }
  return best;
}

}  // namespace huiyin::http
