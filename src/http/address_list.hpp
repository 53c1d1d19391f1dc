// A list of client addresses allowed to reach an endpoint (`/metrics`): IPv4 and IPv6 addresses
// and CIDR networks separated by commas ("127.0.0.1,::1,10.0.0.0/8"), or "*" for any address.
// IPv4-mapped IPv6 peers (::ffff:a.b.c.d) match their IPv4 form. Immutable after parse; safe
// to share across threads.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huiyin::http {

// Blanks (spaces, tabs) off both ends.
std::string_view trim_blanks(std::string_view s);
// An IPv4 or IPv6 address (optionally [bracketed] or IPv4-mapped).
bool is_ip_address(std::string_view s);

class AddressList {
 public:
  // nullopt when an entry is not an address or network.
  static std::optional<AddressList> parse(std::string_view text);

  bool allows(std::string_view address) const;
  bool any() const { return any_; }

 private:
  struct Net {
    std::array<unsigned char, 16> bytes{};
    int bits = 0;
    bool v4 = false;
  };
  bool any_ = false;
  std::vector<Net> nets_;
};

}  // namespace huiyin::http
