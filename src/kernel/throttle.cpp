#include "kernel/throttle.hpp"

#include <algorithm>

#include "kernel/privacy_mask.hpp"

namespace huiyin {
namespace {

constexpr std::size_t kSweepEvery = 1024;

template <typename C>
void roll(C& c, Instant now, Instant window) {
  if (c.count == 0 || now >= c.start + window) {
    c.start = now;
    c.count = 0;
  }
}

Instant wait_of(Instant until, Instant now) { return until > now ? until - now : 0; }

}  // namespace

const char* code(ThrottleLevel level) {
  switch (level) {
    case ThrottleLevel::account_source: return "account_source";
    case ThrottleLevel::source: return "source";
    case ThrottleLevel::account: return "account";
  }
  return "account_source";
}

Instant Throttle::login_wait(const std::string& account, const std::string& source, Instant now) {
  std::lock_guard lock(mu_);
  Instant wait = 0;
  if (auto it = pairs_.find({account, source}); it != pairs_.end())
    wait = std::max(wait, wait_of(it->second.until, now));
  if (auto it = sources_.find(source); it != sources_.end())
    wait = std::max(wait, wait_of(it->second.until, now));
  if (auto it = accounts_.find(account); it != accounts_.end())
    wait = std::max(wait, wait_of(it->second.until, now));
  return wait;
}

std::vector<ThrottleEngaged> Throttle::login_failed(const std::string& account,
                                                    const std::string& source, Instant now) {
  std::lock_guard lock(mu_);
  if (++since_sweep_ >= kSweepEvery) sweep(now);
  std::vector<ThrottleEngaged> out;
  const Instant w = rules_.window;

  Counter& pair = pairs_[{account, source}];
  roll(pair, now, w);
  if (++pair.count == rules_.per_account_source) {
    pair.until = pair.start + w;
    out.push_back({ThrottleLevel::account_source, pair.count, pair.until});
  }

  Counter& src = sources_[source];
  roll(src, now, w);
  if (++src.count == rules_.per_source) {
    src.until = src.start + w;
    out.push_back({ThrottleLevel::source, src.count, src.until});
  }

  Counter& acc = accounts_[account];
  roll(acc, now, w);
  if (++acc.count >= rules_.account_free) {
    const int over = std::min(acc.count - rules_.account_free, 30);
    const Instant delay = std::min<Instant>(Instant{1} << over, rules_.account_max_delay);
    acc.until = now + delay;
    if (acc.count == rules_.account_free) out.push_back({ThrottleLevel::account, acc.count, acc.until});
  }
  return out;
}

void Throttle::login_succeeded(const std::string& account, const std::string& source) {
  std::lock_guard lock(mu_);
  pairs_.erase({account, source});
}

Instant Throttle::count_source(std::map<std::string, Counter>& m, const std::string& source, int limit,
                               Instant now) {
  std::lock_guard lock(mu_);
  if (++since_sweep_ >= kSweepEvery) sweep(now);
  Counter& c = m[source];
  if (Instant wait = wait_of(c.until, now)) return wait;
  roll(c, now, rules_.window);
  if (++c.count > limit) {
    c.until = c.start + rules_.window;
    return wait_of(c.until, now);
  }
  return 0;
}

Instant Throttle::upload(const std::string& source, Instant now) {
  return count_source(uploads_, source, rules_.uploads_per_source, now);
}

Instant Throttle::intake(const std::string& source, Instant now) {
  if (rules_.intakes_per_source <= 0) return 0;
  const bool loopback = source.rfind("127.", 0) == 0 || source == "::1" || source.rfind("::ffff:127.", 0) == 0;
  if (loopback && !rules_.intake_limit_loopback) return 0;
  return count_source(intakes_, source, rules_.intakes_per_source, now);
}

Instant Throttle::query_code_wait(const std::string& source, Instant now) {
  std::lock_guard lock(mu_);
  auto it = query_codes_.find(source);
  return it == query_codes_.end() ? 0 : wait_of(it->second.until, now);
}

void Throttle::query_code_failed(const std::string& source, Instant now) {
  std::lock_guard lock(mu_);
  if (++since_sweep_ >= kSweepEvery) sweep(now);
  Counter& c = query_codes_[source];
  if (wait_of(c.until, now)) return;  // a refused try is not counted again
  roll(c, now, rules_.window);
  if (++c.count >= rules_.query_code_failures_per_source) c.until = c.start + rules_.window;
}

// One count in a fixed window; true when the count reached `limit` (the key then waits for the
// rest of the window).
bool Throttle::count_in(Counter& c, Instant now, int limit) {
  roll(c, now, rules_.window);
  if (++c.count >= limit) {
    c.until = c.start + rules_.window;
    return true;
  }
  return false;
}

Instant Throttle::phone_send(const std::string& phone, const std::string& source, Instant now) {
  std::lock_guard lock(mu_);
  if (++since_sweep_ >= kSweepEvery) sweep(now);
  Counter& p = phone_sends_[phone];
  Counter& s = phone_send_sources_[source];
  if (Instant wait = std::max(wait_of(p.until, now), wait_of(s.until, now))) return wait;
  // The try that reaches a limit still goes ahead; the next one waits.
  count_in(p, now, rules_.phone_sends_per_phone + 1);
  count_in(s, now, rules_.phone_sends_per_source + 1);
  if (p.until > now || s.until > now) return std::max(wait_of(p.until, now), wait_of(s.until, now));
  return 0;
}

Instant Throttle::phone_verify_wait(const std::string& phone, const std::string& source,
                                    Instant now) {
  std::lock_guard lock(mu_);
  Instant wait = 0;
  if (auto it = phone_failures_.find(phone); it != phone_failures_.end())
    wait = std::max(wait, wait_of(it->second.until, now));
  if (auto it = phone_failure_sources_.find(source); it != phone_failure_sources_.end())
    wait = std::max(wait, wait_of(it->second.until, now));
  return wait;
}

void Throttle::phone_verify_failed(const std::string& phone, const std::string& source,
                                   Instant now) {
  std::lock_guard lock(mu_);
  if (++since_sweep_ >= kSweepEvery) sweep(now);
  Counter& p = phone_failures_[phone];
  if (!wait_of(p.until, now)) count_in(p, now, rules_.phone_failures_per_phone);
  Counter& s = phone_failure_sources_[source];
  if (!wait_of(s.until, now)) count_in(s, now, rules_.phone_failures_per_source);
}

std::vector<ThrottleView> Throttle::active(Instant now) const {
  std::lock_guard lock(mu_);
  std::vector<ThrottleView> out;
  for (const auto& [k, c] : pairs_)
    if (c.until > now) out.push_back({"account_source", k.first, k.second, c.count, c.until});
  for (const auto& [k, c] : sources_)
    if (c.until > now) out.push_back({"source", "", k, c.count, c.until});
  for (const auto& [k, c] : accounts_)
    if (c.until > now) out.push_back({"account", k, "", c.count, c.until});
  for (const auto& [k, c] : uploads_)
    if (c.until > now) out.push_back({"upload", "", k, c.count, c.until});
  for (const auto& [k, c] : intakes_)
    if (c.until > now) out.push_back({"intake", "", k, c.count, c.until});
  for (const auto& [k, c] : query_codes_)
    if (c.until > now) out.push_back({"query_code", "", k, c.count, c.until});
  for (const auto& [k, c] : phone_sends_)
    if (c.until > now) out.push_back({"phone_send", mask_phone(k), "", c.count, c.until});
  for (const auto& [k, c] : phone_send_sources_)
    if (c.until > now) out.push_back({"phone_send", "", k, c.count, c.until});
  for (const auto& [k, c] : phone_failures_)
    if (c.until > now) out.push_back({"phone_verify", mask_phone(k), "", c.count, c.until});
  for (const auto& [k, c] : phone_failure_sources_)
    if (c.until > now) out.push_back({"phone_verify", "", k, c.count, c.until});
  return out;
}

int Throttle::lift(const std::string& account, const std::string& source) {
  std::lock_guard lock(mu_);
  int n = 0;
  for (auto it = pairs_.begin(); it != pairs_.end();) {
    const bool hit = (!account.empty() && it->first.first == account) ||
                     (!source.empty() && it->first.second == source);
    if (hit) {
      n += it->second.until > 0 ? 1 : 0;
      it = pairs_.erase(it);
    } else {
      ++it;
    }
  }
  auto drop = [&](std::map<std::string, Counter>& m, const std::string& key) {
    if (key.empty()) return;
    if (auto it = m.find(key); it != m.end()) {
      n += it->second.until > 0 ? 1 : 0;
      m.erase(it);
    }
  };
  drop(accounts_, account);
  drop(sources_, source);
  drop(uploads_, source);
  drop(intakes_, source);
  drop(query_codes_, source);
  drop(phone_send_sources_, source);
  drop(phone_failure_sources_, source);
  return n;
}

void Throttle::sweep(Instant now) {
  since_sweep_ = 0;
  auto stale = [&](const Counter& c) {
    return now >= c.start + rules_.window && c.until <= now;
  };
  std::erase_if(pairs_, [&](const auto& kv) { return stale(kv.second); });
  std::erase_if(sources_, [&](const auto& kv) { return stale(kv.second); });
  std::erase_if(accounts_, [&](const auto& kv) { return stale(kv.second); });
  std::erase_if(uploads_, [&](const auto& kv) { return stale(kv.second); });
  std::erase_if(intakes_, [&](const auto& kv) { return stale(kv.second); });
  std::erase_if(query_codes_, [&](const auto& kv) { return stale(kv.second); });
  for (auto* m : {&phone_sends_, &phone_send_sources_, &phone_failures_, &phone_failure_sources_})
    std::erase_if(*m, [&](const auto& kv) { return stale(kv.second); });
}

}  // namespace huiyin
