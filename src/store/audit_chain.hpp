// The audit chain: each event's hash is SHA-256 over its canonical content and the previous
// event's hash, so editing or deleting any stored event breaks every hash after it.
// Pure functions (libsodium for SHA-256); thread-safe.
#pragma once

#include <string>

#include "domain/model.hpp"

namespace huiyin {

// The bytes that are hashed: seq, matter, type, actor, time, statuses, public flag, payload
// and prev_hash, joined with unit separators so no field can bleed into another.
std::string canonical_event(const Event& e);
std::string sha256_hex(const std::string& bytes);
std::string event_hash(const Event& e);  // sha256_hex(canonical_event(e))

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace huiyin
