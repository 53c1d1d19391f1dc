// The client's address as the application should believe it: the peer address of the TCP
// connection, unless that peer is one of the configured trusted reverse proxies
// (`trusted_proxies`), in which case the nearest address in X-Forwarded-For that is not itself a
// trusted proxy. A header from anyone else is ignored, so a client cannot choose its own
// address to dodge the login throttle. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace huiyin::http {

// One trusted proxy: an exact address ("10.0.0.5", "::1") or an IPv4 block ("10.0.0.0/8").
bool address_matches(std::string_view address, std::string_view pattern);

// `trusted`: the configured list. Falls back to the peer address when the header is absent or
// holds nothing usable.
std::string client_address(const Request& req, const std::vector<std::string>& trusted);

// "10.0.0.1, 10.0.0.0/8 ::1" → list (commas and spaces separate).
std::vector<std::string> parse_address_list(std::string_view text);

}  // namespace huiyin::http
