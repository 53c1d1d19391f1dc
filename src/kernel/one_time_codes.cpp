#include "kernel/one_time_codes.hpp"

#include <sodium.h>

namespace huiyin {
namespace {

constexpr std::size_t kSweepEvery = 256;
constexpr int kCodeDigits = 6;

}  // namespace

OneTimeCodes::OneTimeCodes(OneTimeCodeRules rules) : rules_(rules) {
  if (sodium_init() < 0) std::abort();
  randombytes_buf(secret_, sizeof secret_);
}

std::string OneTimeCodes::hash(std::string_view domain, std::string_view key,
                               std::string_view secret) const {
  std::string in;
  in.append(domain).append(1, '\0').append(key).append(1, '\0').append(secret);
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                     secret_, sizeof secret_);
  return std::string(reinterpret_cast<const char*>(h), sizeof h);
}

std::string OneTimeCodes::issue(const std::string& key, Instant now) {
  std::string code;
  for (int i = 0; i < kCodeDigits; ++i) code += static_cast<char>('0' + randombytes_uniform(10));
  std::lock_guard lock(mu_);
  if (++since_sweep_ >= kSweepEvery) sweep(now);
  codes_[key] = Live{hash("otp", key, code), now + rules_.ttl, 0};
  return code;
}

CodeCheck OneTimeCodes::verify(const std::string& key, std::string_view code, Instant now) {
  std::string typed;
  for (char c : code)
    if (c != ' ') typed += c;
  const std::string h = hash("otp", key, typed);
  std::lock_guard lock(mu_);
  auto it = codes_.find(key);
  if (it == codes_.end()) return CodeCheck::none;
  if (now >= it->second.expires) {
    codes_.erase(it);
    return CodeCheck::none;
  }
  if (sodium_memcmp(h.data(), it->second.hash.data(), h.size()) == 0) {
    codes_.erase(it);  // single use
    return CodeCheck::ok;
  }
  if (++it->second.failures >= rules_.max_failures) codes_.erase(it);
  return CodeCheck::wrong;
}

std::string OneTimeCodes::grant(std::set<std::string> codes, Instant now) {
  unsigned char raw[24];
  randombytes_buf(raw, sizeof raw);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : raw) {
    token += kHex[b >> 4];
    token += kHex[b & 15];
  }
  std::lock_guard lock(mu_);
  if (++since_sweep_ >= kSweepEvery) sweep(now);
  grants_[hash("grant", token, "")] = Grant{std::move(codes), now + rules_.grant_ttl};
  return token;
}

bool OneTimeCodes::grants(const std::string& token, const std::string& code, Instant now) const {
  if (token.empty()) return false;
  const std::string h = hash("grant", token, "");
  std::lock_guard lock(mu_);
  auto it = grants_.find(h);
  return it != grants_.end() && now < it->second.expires && it->second.codes.contains(code);
}

void OneTimeCodes::sweep(Instant now) {
  since_sweep_ = 0;
  std::erase_if(codes_, [&](const auto& kv) { return now >= kv.second.expires; });
  std::erase_if(grants_, [&](const auto& kv) { return now >= kv.second.expires; });
}

}  // namespace huiyin
