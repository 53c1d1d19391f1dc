// The client's address as the application should believe it: the peer address of the TCP
// connection, unless that peer is one of the configured trusted reverse proxies
// (`trusted_proxies`), in which case the nearest address in X-Forwarded-For that is not itself a
// trusted proxy. A header from anyone else is ignored, so a client cannot choose its own
// address to dodge the login throttle. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/address_list.hpp"
#include "http/message.hpp"

namespace huiyin::http {

// `trusted`: the configured proxies (addresses and networks, address_list.hpp). Falls back to
// the peer address when the header is absent or holds nothing usable.
std::string client_address(const Request& req, const AddressList& trusted);

}  // namespace huiyin::http
