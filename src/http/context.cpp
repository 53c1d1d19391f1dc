// The request context handlers read: path parameters and the client address.
#include "http/context.hpp"

#include "http/client_address.hpp"

namespace huiyin::http {

const std::string& Context::param(const char* name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::string Context::client() const { return client_address(req, config.trusted_proxies); }

}  // namespace huiyin::http
