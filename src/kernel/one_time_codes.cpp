#include "kernel/one_time_codes.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>

namespace huiyin {
namespace {

constexpr int kCodeDigits = 6;
constexpr const char* kKeyContext = "huiyin one-time codes v1";

std::string hex(const unsigned char* p, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

}  // namespace

OneTimeCodes::OneTimeCodes(OneTimeCodeRules rules, std::string_view secret) : rules_(rules) {
  if (sodium_init() < 0) std::abort();
  // The hash key: BLAKE2b of a fixed context keyed by the shared secret (unkeyed without one).
  crypto_generichash(key_, sizeof key_, reinterpret_cast<const unsigned char*>(kKeyContext),
                     std::char_traits<char>::length(kKeyContext),
                     secret.empty() ? nullptr : reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.empty() ? 0 : std::min<std::size_t>(secret.size(), crypto_generichash_KEYBYTES_MAX));
}

std::string OneTimeCodes::hash(std::string_view domain, std::string_view key,
                               std::string_view secret) const {
  std::string in;
  in.append(domain).append(1, '\0').append(key).append(1, '\0').append(secret);
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                     key_, sizeof key_);
  return hex(h, sizeof h);
}

std::string OneTimeCodes::issue(Tx& tx, const std::string& key, Instant now) const {
  std::string code;
  for (int i = 0; i < kCodeDigits; ++i) code += static_cast<char>('0' + randombytes_uniform(10));
  auto& c = tx.conn();
  c.exec("DELETE FROM one_time_codes WHERE expires_at <= $1", {now});
  const std::string k = hash("otp-key", key, "");
  c.exec("DELETE FROM one_time_codes WHERE key_hash = $1", {k});
  c.exec("INSERT INTO one_time_codes (key_hash, code_hash, expires_at, failures) "
         "VALUES ($1, $2, $3, 0)",
         {k, hash("otp", key, code), now + rules_.ttl});
  return code;
}

CodeCheck OneTimeCodes::verify(Tx& tx, const std::string& key, std::string_view code,
                               Instant now) const {
  std::string typed;
  for (char ch : code)
    if (ch != ' ') typed += ch;
  auto& c = tx.conn();
  const std::string k = hash("otp-key", key, "");
  // Used up by the statement that finds it right: a second node's DELETE finds no row.
  if (c.exec("DELETE FROM one_time_codes WHERE key_hash = $1 AND code_hash = $2 AND expires_at > $3",
             {k, hash("otp", key, typed), now}) > 0)
    return CodeCheck::ok;
  auto rows = c.query("UPDATE one_time_codes SET failures = failures + 1 "
                      "WHERE key_hash = $1 AND expires_at > $2 RETURNING failures",
                      {k, now});
  if (rows.empty()) return CodeCheck::none;
  if (rows[0].integer(0) >= rules_.max_failures)
    c.exec("DELETE FROM one_time_codes WHERE key_hash = $1", {k});
  return CodeCheck::wrong;
}

std::string OneTimeCodes::grant(Tx& tx, const std::set<std::string>& codes, Instant now) const {
  unsigned char raw[24];
  randombytes_buf(raw, sizeof raw);
  const std::string token = hex(raw, sizeof raw);
  std::string list;
  for (const auto& code : codes) list.append(code).append(1, '\n');
  auto& c = tx.conn();
  c.exec("DELETE FROM access_grants WHERE expires_at <= $1", {now});
  c.exec("INSERT INTO access_grants (token_hash, codes, expires_at) VALUES ($1, $2, $3)",
         {hash("grant", token, ""), list, now + rules_.grant_ttl});
  return token;
}

bool OneTimeCodes::grants(Tx& tx, const std::string& token, const std::string& code,
                          Instant now) const {
  if (token.empty() || code.empty()) return false;
  auto rows = tx.conn().query(
      "SELECT codes FROM access_grants WHERE token_hash = $1 AND expires_at > $2",
      {hash("grant", token, ""), now});
  if (rows.empty()) return false;
  const std::string list = rows[0].text(0);
  for (std::size_t at = 0; at < list.size();) {
    std::size_t end = list.find('\n', at);
    if (end == std::string::npos) break;
    if (list.compare(at, end - at, code) == 0) return true;
    at = end + 1;
  }
  return false;
}

}  // namespace huiyin
