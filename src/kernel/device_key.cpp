#include "kernel/device_key.hpp"

#include <sodium.h>

#include <string_view>

namespace huiyin {

std::string hmac_sha256(std::string_view key, std::string_view message) {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&st, out);
  sodium_memzero(&st, sizeof st);
  std::string r(reinterpret_cast<const char*>(out), sizeof out);
  sodium_memzero(out, sizeof out);
  return r;
}

std::optional<std::string> device_key(const std::string& server_secret, Id user_id) {
  if (server_secret.empty() || user_id <= 0) return std::nullopt;
  std::string sub = hmac_sha256(server_secret, "huiyin device-key sub-key v1");
  std::string key = hmac_sha256(sub, "user:" + std::to_string(user_id));
  sodium_memzero(sub.data(), sub.size());
  return key;
}

}  // namespace huiyin
