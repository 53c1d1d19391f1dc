// The audit chain: each event's hash is SHA-256 over its canonical content and the previous
// event's hash, so editing or deleting any stored event breaks every hash after it.
// Pure functions (libsodium for SHA-256); thread-safe.
#pragma once

#include <optional>
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

// Checks a chain fed event by event in seq order: seq gap-free from 1, each prev_hash equal to
// the previous event's hash (kGenesisHash first) and each hash equal to event_hash(). After
// the first failure it keeps that failure. Not thread-safe (one verifier per walk).
class ChainVerifier {
 public:
  bool feed(const Event& e);  // false once the chain is broken
  bool ok() const { return !first_bad_; }
  std::optional<std::int64_t> first_bad_seq() const { return first_bad_; }
  const std::string& problem() const { return problem_; }  // Chinese text
  std::int64_t count() const { return count_; }

 private:
  std::int64_t count_ = 0;
  std::int64_t last_seq_ = 0;
  std::string last_hash_ = kGenesisHash;
  std::optional<std::int64_t> first_bad_;
  std::string problem_;
};

}  // namespace huiyin
