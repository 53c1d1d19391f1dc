// The key a phone encrypts what it keeps offline with (the staff app's 待上传 queue): one per
// user, derived from the server's persistent secret (the audit key in <data_dir>/audit.key) and
// the user's id, so it is the same after a re-login and after a restart, and a phone without a
// signed-in session holds nothing that decrypts its queue. The audit key itself is never used
// for it: a sub-key is first derived under its own label (HMAC-SHA256), then the user's key
// from that sub-key and the id. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace huiyin {

inline constexpr std::size_t kDeviceKeyBytes = 32;

// 32 raw bytes; nullopt when the server has no secret (a store opened without an audit key).
// HMAC-SHA256 (libsodium) of `message` under `key`: 32 raw bytes. Device keys are derived with
// it; outbound webhook bodies are signed with it.
std::string hmac_sha256(std::string_view key, std::string_view message);

std::optional<std::string> device_key(const std::string& server_secret, Id user_id);

}  // namespace huiyin
