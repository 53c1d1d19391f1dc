#include "store/audit_chain.hpp"

#include <sodium.h>

#include <stdexcept>

namespace huiyin {
namespace {

constexpr char kSep = '\x1f';  // unit separator: cannot appear in codes; payload goes last-but-one

void init_sodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium initialisation failed");
}

}  // namespace

namespace {

std::string canonical_fields(const Event& e, const char* version) {
  std::string s;
  auto field = [&](const std::string& v) {
    s += v;
    s += kSep;
  };
  field(version);
  field(std::to_string(e.seq));
  // The subject slot: a matter's id as since v1 (so every existing hash stays valid), another
  // kind as "kind:id".
  if (!e.subject.empty() && e.subject.kind != kSubjectMatter)
    field(e.subject.kind + ":" + std::to_string(e.subject.id));
  else
    field(e.matter_id ? std::to_string(*e.matter_id) : "");
  field(e.type);
  field(e.actor_user ? std::to_string(*e.actor_user) : "");
  field(e.actor_label);
  field(std::to_string(e.at));
  field(e.from_status ? std::string(code(*e.from_status)) : "");
  field(e.to_status ? std::string(code(*e.to_status)) : "");
  field(e.is_public ? "1" : "0");
  // Length-prefixed so a payload containing the separator cannot forge the next field.
  field(std::to_string(e.payload.size()) + ":" + e.payload);
  return s;
}

std::string to_hex(const unsigned char* p, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), p, n);
  hex.resize(n * 2);
  return hex;
}

}  // namespace

std::string canonical_event(const Event& e) {
  std::string s = canonical_fields(e, "huiyin-event-v1");
  s += e.prev_hash;
  return s;
}

std::string canonical_event_v2(const Event& e) {
  std::string s = canonical_fields(e, "huiyin-event-v2");
  s += std::to_string(e.seals.size()) + ":" + e.seals;
  s += kSep;
  s += e.prev_hash;
  return s;
}

std::string keyed_event_hash(const Event& e, const std::string& key) {
  init_sodium();
  if (key.size() != kAuditKeyBytes) throw std::invalid_argument("audit key must be 32 bytes");
  const std::string bytes = canonical_event_v2(e);
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(bytes.data()),
                                bytes.size());
  crypto_auth_hmacsha256_final(&st, out);
  return to_hex(out, sizeof out);
}

std::string sha256_hex(const std::string& bytes) {
  init_sodium();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string event_hash(const Event& e) { return sha256_hex(canonical_event(e)); }

bool ChainVerifier::feed(const Event& e) {
  if (first_bad_) return false;
  ++count_;
  if (e.seq != last_seq_ + 1) {
    first_bad_ = e.seq;
    problem_ = "事件序号不连续：应为 " + std::to_string(last_seq_ + 1) + "，实为 " +
               std::to_string(e.seq) + "（记录可能被删除）";
  } else if (e.prev_hash != last_hash_) {
    first_bad_ = e.seq;
    problem_ = "事件 " + std::to_string(e.seq) + " 的前序哈希与上一事件不符";
  } else if (!key_.empty() && e.hash == keyed_event_hash(e, key_)) {
    if (!keyed_++) first_keyed_ = e.seq;
  } else if (keyed_ > 0 || !e.seals.empty() || e.hash != event_hash(e)) {
    first_bad_ = e.seq;
    problem_ = "事件 " + std::to_string(e.seq) + " 的内容与哈希不符（记录可能被篡改）";
  }
  last_seq_ = e.seq;
  last_hash_ = e.hash;
  return !first_bad_;
}

}  // namespace huiyin
