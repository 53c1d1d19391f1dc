#include "kernel/throttle.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

#include "kernel/privacy_mask.hpp"
#include "store/store.hpp"

namespace huiyin {
namespace {

constexpr std::size_t kSweepEvery = 1024;
constexpr const char* kPhoneKeyContext = "huiyin throttle phones v1";

void roll(auto& c, Instant now, Instant window) {
  if (c.count == 0 || now >= c.start + window) {
    c.start = now;
    c.count = 0;
  }
}

Instant wait_of(Instant until, Instant now) { return until > now ? until - now : 0; }

// The kinds a lift by account / by source removes (a phone's own counts end with their window).
bool lifted_by_account(const std::string& kind) {
  return kind == "account_source" || kind == "account";
}
bool lifted_by_source(const std::string& kind) {
  return kind == "account_source" || kind == "source" || kind == "upload" || kind == "intake" ||
         kind == "query_code" || kind == "phone_send_source" || kind == "phone_verify_source";
}

// The list's order: kind by kind as below, then subject and source.
int kind_rank(const std::string& kind) {
  static const char* kOrder[] = {"account_source", "source",     "account",
                                 "upload",         "intake",     "query_code",
                                 "phone_send",     "phone_send_source", "phone_verify",
                                 "phone_verify_source"};
  for (int i = 0; i < 10; ++i)
    if (kind == kOrder[i]) return i;
  return 10;
}

ThrottleView view_of(const std::string& kind, const std::string& subject,
                     const std::string& source, const std::string& shown, int count,
                     Instant until) {
  ThrottleView v;
  v.level = kind == "phone_send_source" ? "phone_send"
            : kind == "phone_verify_source" ? "phone_verify"
                                            : kind;
  v.account = (kind == "phone_send" || kind == "phone_verify") ? shown : subject;
  v.source = source;
  v.failures = count;
  v.until = until;
  return v;
}

}  // namespace

const char* code(ThrottleLevel level) {
  switch (level) {
    case ThrottleLevel::account_source: return "account_source";
    case ThrottleLevel::source: return "source";
    case ThrottleLevel::account: return "account";
  }
  return "account_source";
}

Throttle::Throttle(ThrottleRules rules, Store* store, std::string_view secret)
    : rules_(rules), store_(store) {
  if (sodium_init() < 0) std::abort();
  crypto_generichash(phone_key_, sizeof phone_key_,
                     reinterpret_cast<const unsigned char*>(kPhoneKeyContext),
                     std::char_traits<char>::length(kPhoneKeyContext),
                     secret.empty() ? nullptr : reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.empty() ? 0 : std::min<std::size_t>(secret.size(), crypto_generichash_KEYBYTES_MAX));
}

Throttle::Key Throttle::phone_key(const char* kind, const std::string& phone) const {
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(phone.data()),
                     phone.size(), phone_key_, sizeof phone_key_);
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return {kind, std::string(hex, sizeof h * 2), "", mask_phone(phone)};
}

// ---- steps -------------------------------------------------------------------------------

void Throttle::step(const std::vector<Key>& keys, bool write, Instant now, const StepFn& f) {
  if (store_)
    step_store(keys, write, now, f);
  else
    step_memory(keys, write, now, f);
}

void Throttle::step_memory(const std::vector<Key>& keys, bool write, Instant now,
                           const StepFn& f) {
  std::lock_guard lock(mu_);
  if (write && ++since_sweep_ >= kSweepEvery) sweep_memory(now);
  std::vector<Counter> cs;
  cs.reserve(keys.size());
  for (const auto& k : keys) {
    auto it = counts_.find(k);
    cs.push_back(it == counts_.end() ? Counter{} : it->second);
  }
  f(cs);
  if (!write) return;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (cs[i] == Counter{})
      counts_.erase(keys[i]);
    else
      counts_.insert_or_assign(keys[i], cs[i]);
  }
}

void Throttle::step_store(const std::vector<Key>& keys, bool write, Instant now,
                          const StepFn& f) {
  // Rows are locked in one order (kind, subject, source) on every node.
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return keys[a] < keys[b]; });
  auto body = [&](Tx& tx) -> Status {
    auto& c = tx.conn();
    const bool pg = tx.dialect().kind == sql::Dialect::Kind::postgresql;
    const std::string select =
        std::string("SELECT window_start, tries, until_at FROM throttle_counts "
                    "WHERE kind = $1 AND subject = $2 AND source = $3") +
        (pg && write ? " FOR UPDATE" : "");
    std::vector<Counter> cs(keys.size());
    for (std::size_t i : order) {
      const Key& k = keys[i];
      auto rows = c.query(select, {k.kind, k.subject, k.source});
      if (rows.empty() && write) {
        // A row to lock: the first node inserts it, a second one waits for it and finds it.
        c.exec("INSERT INTO throttle_counts (kind, subject, source, shown, window_start, tries, "
               "until_at) VALUES ($1, $2, $3, $4, 0, 0, 0) ON CONFLICT (kind, subject, source) "
               "DO NOTHING",
               {k.kind, k.subject, k.source, k.shown});
        rows = c.query(select, {k.kind, k.subject, k.source});
      }
      if (!rows.empty())
        cs[i] = {rows[0].integer(0), static_cast<int>(rows[0].integer(1)), rows[0].integer(2)};
    }
    const std::vector<Counter> before = cs;
    f(cs);
    if (!write) return ok();
    for (std::size_t i : order) {
      const Key& k = keys[i];
      if (cs[i] == Counter{})
        c.exec("DELETE FROM throttle_counts WHERE kind = $1 AND subject = $2 AND source = $3",
               {k.kind, k.subject, k.source});
      else if (!(cs[i] == before[i]))
        c.exec("UPDATE throttle_counts SET window_start = $4, tries = $5, until_at = $6 "
               "WHERE kind = $1 AND subject = $2 AND source = $3",
               {k.kind, k.subject, k.source, cs[i].start, static_cast<std::int64_t>(cs[i].count),
                cs[i].until});
    }
    return ok();
  };
  Status st = write ? store_->write(body) : store_->read(body);
  if (!st) spdlog::warn("登录与频次限制计数失败: {}", st.error().detail);
  if (write && ++since_sweep_ >= kSweepEvery) sweep_store(now);
}

// ---- the rules -----------------------------------------------------------------------------

Instant Throttle::login_wait(const std::string& account, const std::string& source, Instant now) {
  Instant wait = 0;
  step({{"account_source", account, source, account}, {"source", "", source, ""},
        {"account", account, "", account}},
       false, now, [&](std::vector<Counter>& c) {
         wait = 0;
         for (const auto& x : c) wait = std::max(wait, wait_of(x.until, now));
       });
  return wait;
}

std::vector<ThrottleEngaged> Throttle::login_failed(const std::string& account,
                                                    const std::string& source, Instant now) {
  std::vector<ThrottleEngaged> out;
  const Instant w = rules_.window;
  step({{"account_source", account, source, account}, {"source", "", source, ""},
        {"account", account, "", account}},
       true, now, [&](std::vector<Counter>& c) {
         out.clear();
         Counter& pair = c[0];
         roll(pair, now, w);
         if (++pair.count == rules_.per_account_source) {
           pair.until = pair.start + w;
           out.push_back({ThrottleLevel::account_source, pair.count, pair.until});
         }
         Counter& src = c[1];
         roll(src, now, w);
         if (++src.count == rules_.per_source) {
           src.until = src.start + w;
           out.push_back({ThrottleLevel::source, src.count, src.until});
         }
         Counter& acc = c[2];
         roll(acc, now, w);
         if (++acc.count >= rules_.account_free) {
           const int over = std::min(acc.count - rules_.account_free, 30);
           const Instant delay = std::min<Instant>(Instant{1} << over, rules_.account_max_delay);
           acc.until = now + delay;
           if (acc.count == rules_.account_free)
             out.push_back({ThrottleLevel::account, acc.count, acc.until});
         }
       });
  return out;
}

void Throttle::login_succeeded(const std::string& account, const std::string& source) {
  if (!store_) {
    std::lock_guard lock(mu_);
    counts_.erase({"account_source", account, source, ""});
    return;
  }
  Status st = store_->write([&](Tx& tx) -> Status {
    tx.conn().exec("DELETE FROM throttle_counts WHERE kind = 'account_source' AND subject = $1 "
                   "AND source = $2",
                   {account, source});
    return ok();
  });
  if (!st) spdlog::warn("登录与频次限制计数失败: {}", st.error().detail);
}

Instant Throttle::count_source(const char* kind, const std::string& source, int limit,
                               Instant now) {
  Instant wait = 0;
  step({{kind, "", source, ""}}, true, now, [&](std::vector<Counter>& cs) {
    Counter& c = cs[0];
    wait = wait_of(c.until, now);
    if (wait) return;
    roll(c, now, rules_.window);
    if (++c.count > limit) {
      c.until = c.start + rules_.window;
      wait = wait_of(c.until, now);
    }
  });
  return wait;
}

Instant Throttle::upload(const std::string& source, Instant now) {
  return count_source("upload", source, rules_.uploads_per_source, now);
}

Instant Throttle::intake(const std::string& source, Instant now) {
  if (rules_.intakes_per_source <= 0) return 0;
  const bool loopback = source.rfind("127.", 0) == 0 || source == "::1" || source.rfind("::ffff:127.", 0) == 0;
  if (loopback && !rules_.intake_limit_loopback) return 0;
  return count_source("intake", source, rules_.intakes_per_source, now);
}

Instant Throttle::query_code_wait(const std::string& source, Instant now) {
  Instant wait = 0;
  step({{"query_code", "", source, ""}}, false, now,
       [&](std::vector<Counter>& c) { wait = wait_of(c[0].until, now); });
  return wait;
}

void Throttle::query_code_failed(const std::string& source, Instant now) {
  step({{"query_code", "", source, ""}}, true, now, [&](std::vector<Counter>& cs) {
    Counter& c = cs[0];
    if (wait_of(c.until, now)) return;  // a refused try is not counted again
    roll(c, now, rules_.window);
    if (++c.count >= rules_.query_code_failures_per_source) c.until = c.start + rules_.window;
  });
}

// One count in a fixed window; true when the count reached `limit` (the key then waits for the
// rest of the window).
bool Throttle::count_in(Counter& c, Instant now, int limit) const {
  roll(c, now, rules_.window);
  if (++c.count >= limit) {
    c.until = c.start + rules_.window;
    return true;
  }
  return false;
}

Instant Throttle::phone_send(const std::string& phone, const std::string& source, Instant now) {
  Instant wait = 0;
  step({phone_key("phone_send", phone), {"phone_send_source", "", source, ""}}, true, now,
       [&](std::vector<Counter>& c) {
         Counter& p = c[0];
         Counter& s = c[1];
         wait = std::max(wait_of(p.until, now), wait_of(s.until, now));
         if (wait) return;
         // The try that reaches a limit still goes ahead; the next one waits.
         count_in(p, now, rules_.phone_sends_per_phone + 1);
         count_in(s, now, rules_.phone_sends_per_source + 1);
         if (p.until > now || s.until > now)
           wait = std::max(wait_of(p.until, now), wait_of(s.until, now));
       });
  return wait;
}

Instant Throttle::phone_verify_wait(const std::string& phone, const std::string& source,
                                    Instant now) {
  Instant wait = 0;
  step({phone_key("phone_verify", phone), {"phone_verify_source", "", source, ""}}, false, now,
       [&](std::vector<Counter>& c) {
         wait = std::max(wait_of(c[0].until, now), wait_of(c[1].until, now));
       });
  return wait;
}

void Throttle::phone_verify_failed(const std::string& phone, const std::string& source,
                                   Instant now) {
  step({phone_key("phone_verify", phone), {"phone_verify_source", "", source, ""}}, true, now,
       [&](std::vector<Counter>& c) {
         Counter& p = c[0];
         if (!wait_of(p.until, now)) count_in(p, now, rules_.phone_failures_per_phone);
         Counter& s = c[1];
         if (!wait_of(s.until, now)) count_in(s, now, rules_.phone_failures_per_source);
       });
}

// ---- the security administrator's list and 解除 --------------------------------------------

std::vector<ThrottleView> Throttle::active(Instant now) const {
  struct Row {
    std::string kind, subject, source, shown;
    int count;
    Instant until;
  };
  std::vector<Row> rows;
  if (!store_) {
    std::lock_guard lock(mu_);
    for (const auto& [k, c] : counts_)
      if (c.until > now) rows.push_back({k.kind, k.subject, k.source, k.shown, c.count, c.until});
  } else {
    Status st = store_->read([&](Tx& tx) -> Status {
      rows.clear();
      for (const auto& r : tx.conn().query(
               "SELECT kind, subject, source, shown, tries, until_at FROM throttle_counts "
               "WHERE until_at > $1",
               {now}))
        rows.push_back({r.text(0), r.text(1), r.text(2), r.text(3),
                        static_cast<int>(r.integer(4)), r.integer(5)});
      return ok();
    });
    if (!st) spdlog::warn("读取登录与频次限制失败: {}", st.error().detail);
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tuple(kind_rank(a.kind), a.subject, a.source) <
           std::tuple(kind_rank(b.kind), b.subject, b.source);
  });
  std::vector<ThrottleView> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back(view_of(r.kind, r.subject, r.source, r.shown, r.count, r.until));
  return out;
}

int Throttle::lift(const std::string& account, const std::string& source) {
  auto hit = [&](const std::string& kind, const std::string& subject, const std::string& src) {
    return (!account.empty() && lifted_by_account(kind) && subject == account) ||
           (!source.empty() && lifted_by_source(kind) && src == source);
  };
  int n = 0;
  if (!store_) {
    std::lock_guard lock(mu_);
    for (auto it = counts_.begin(); it != counts_.end();) {
      if (hit(it->first.kind, it->first.subject, it->first.source)) {
        n += it->second.until > 0 ? 1 : 0;
        it = counts_.erase(it);
      } else {
        ++it;
      }
    }
    return n;
  }
  Status st = store_->write([&](Tx& tx) -> Status {
    n = 0;
    auto& c = tx.conn();
    auto rows = c.query(
        "SELECT kind, subject, source, until_at FROM throttle_counts WHERE subject = $1 OR "
        "source = $2",
        {account.empty() ? std::string("\x01") : account,
         source.empty() ? std::string("\x01") : source});
    for (const auto& r : rows) {
      if (!hit(r.text(0), r.text(1), r.text(2))) continue;
      c.exec("DELETE FROM throttle_counts WHERE kind = $1 AND subject = $2 AND source = $3",
             {r.text(0), r.text(1), r.text(2)});
      n += r.integer(3) > 0 ? 1 : 0;
    }
    return ok();
  });
  if (!st) spdlog::warn("解除登录与频次限制失败: {}", st.error().detail);
  return n;
}

// ---- sweeping ------------------------------------------------------------------------------

void Throttle::sweep_memory(Instant now) {
  since_sweep_ = 0;
  std::erase_if(counts_, [&](const auto& kv) {
    return now >= kv.second.start + rules_.window && kv.second.until <= now;
  });
}

void Throttle::sweep_store(Instant now) {
  since_sweep_ = 0;
  Status st = store_->write([&](Tx& tx) -> Status {
    tx.conn().exec("DELETE FROM throttle_counts WHERE window_start <= $1 AND until_at <= $2",
                   {now - rules_.window, now});
    return ok();
  });
  if (!st) spdlog::warn("清理登录与频次限制计数失败: {}", st.error().detail);
}

}  // namespace huiyin
