// The audit chain: each event's hash covers its canonical content and the previous event's
// hash, so editing or deleting any stored event breaks every hash after it. Since migration
// 003 the hash is keyed — HMAC-SHA256 under a 32-byte key kept outside the database
// (<data_dir>/audit.key) — over canonical content v2, which also covers the event's row seals;
// so nobody without the key can recompute the chain after an edit. Events written before the
// upgrade keep their plain SHA-256 (v1) hashes; the upgrade's keyed seal event links to them.
// Pure functions (libsodium); thread-safe.
#pragma once

#include <optional>
#include <string>

#include "domain/model.hpp"

namespace huiyin {

// The bytes that are hashed: seq, matter, type, actor, time, statuses, public flag, payload
// and prev_hash, joined with unit separators so no field can bleed into another.
std::string canonical_event(const Event& e);
std::string sha256_hex(const std::string& bytes);
std::string event_hash(const Event& e);  // sha256_hex(canonical_event(e)): the v1 chain
// v2: the v1 fields, then the row seals (length-prefixed), then prev_hash.
std::string canonical_event_v2(const Event& e);
// HMAC-SHA256 of canonical_event_v2 under `key` (32 bytes), as 64 hex digits.
std::string keyed_event_hash(const Event& e, const std::string& key);
inline constexpr std::size_t kAuditKeyBytes = 32;

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Checks a chain fed event by event in seq order: seq gap-free from 1, each prev_hash equal to
// the previous event's hash (kGenesisHash first) and each hash equal to keyed_event_hash()
// (with a key) or event_hash() (v1 events, allowed only before the first keyed one). After
// the first failure it keeps that failure. Not thread-safe (one verifier per walk).
class ChainVerifier {
 public:
  ChainVerifier() = default;
  explicit ChainVerifier(std::string key) : key_(std::move(key)) {}
  bool feed(const Event& e);  // false once the chain is broken
  std::int64_t keyed_count() const { return keyed_; }
  std::int64_t first_keyed_seq() const { return first_keyed_; }
  std::int64_t last_seq() const { return last_seq_; }
  const std::string& last_hash() const { return last_hash_; }
  bool ok() const { return !first_bad_; }
  std::optional<std::int64_t> first_bad_seq() const { return first_bad_; }
  const std::string& problem() const { return problem_; }  // Chinese text
  std::int64_t count() const { return count_; }

 private:
  std::string key_;
  std::int64_t count_ = 0, keyed_ = 0, first_keyed_ = 0;
  std::int64_t last_seq_ = 0;
  std::string last_hash_ = kGenesisHash;
  std::optional<std::int64_t> first_bad_;
  std::string problem_;
};

}  // namespace huiyin
