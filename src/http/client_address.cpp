#include "http/client_address.hpp"


namespace huiyin::http {
namespace {

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
    std::string_view hop = trim_blanks(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    hop = unmapped(hop);
    if (!is_ip_address(hop)) break;
    best = std::string(hop);
    if (!trusted.allows(hop)) break;
  }
  return best;
}

}  // namespace huiyin::http
