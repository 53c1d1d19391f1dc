// Throttling of failed logins, anonymous uploads and public intakes (等保2.0 登录失败处理).
// The counts live in the database (table throttle_counts, migration 023) when the throttle is
// given a store — as Services always do — so every app node sharing that database counts the
// same tries: behind a proxy with two nodes an attacker gets the same number of guesses as with
// one, and the security administrator's list and 解除 see and lift what every node counted.
// Without a store (unit tests) they live in this process's memory. The rules are the same
// either way.
//
// Login failures are counted in fixed windows (15 minutes by default) at three levels:
// - per (account, source address): after `per_account_source` failures that pair waits for the
//   rest of the window — a stranger elsewhere cannot lock the real user out;
// - per source address, whatever the account: after `per_source` failures the source waits;
// - per account over all sources: after `account_free` failures each further failure delays
//   the account's next try by a growing time (1, 2, 4 … s, at most `account_max_delay`) — a
//   delay, never a lockout.
// Unknown usernames count exactly like real ones. A refused try is answered before any password
// hash is computed and is not counted again. Anonymous uploads are counted per source.
// Wrong 查询码 guesses (a matter code with a short query code that does not match, or a code
// that does not exist) are counted per source address only — never per matter, which would let
// anyone lock a citizen out of their own matter.
// The lookup of a reporter's matters by phone (one-time code) is counted per phone and per
// source address: code requests (`phone_send`, every request counts, whether or not the phone has
// matters) and wrong codes (`phone_verify_failed`). A phone refused for too many requests or
// wrong codes — possibly a stranger's doing — is free again at the end of its window (15
// minutes after the first counted try): a third party can delay the real reporter by at most one
// window at a time, never lock the phone for good, and each of its addresses is held to its own
// per-source limit.
// Each call is one step over the counters it names: in one write transaction with those rows
// locked (PostgreSQL: SELECT ... FOR UPDATE; SQLite: BEGIN IMMEDIATE), or under one mutex in
// memory; so of two nodes counting the same failure at once each sees the other's count, and the
// failure that reaches a limit (and writes the one audit event) is exactly one. Phones are kept
// only as keyed hashes (with their masked form for the list). Thread-safe. A database failure
// while counting is logged and lets the request go on (it then fails on its own store access).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/model.hpp"

namespace huiyin {

class Store;

struct ThrottleRules {
  Instant window = 15 * 60;    // seconds
  int per_account_source = 10;
  int per_source = 100;
  int account_free = 20;
  Instant account_max_delay = 60;
  int uploads_per_source = 30;  // anonymous uploads per source per window
  // Public intakes (the citizen's form, not staff recording a call) per source per window, against
  // floods; 0: no limit. Loopback sources are exempt unless intake_limit_loopback (a benchmark
  // on the same machine measures the server, not the limit).
  int intakes_per_source = 60;
  bool intake_limit_loopback = false;
  int query_code_failures_per_source = 20;  // wrong 查询码 guesses per source per window
  // The lookup by phone, per window: code requests per phone and per source, wrong codes per
  // phone and per source.
  int phone_sends_per_phone = 5;
  int phone_sends_per_source = 20;
  int phone_failures_per_phone = 10;
  int phone_failures_per_source = 20;
};

// Which throttle a failure engaged (for its one audit event).
enum class ThrottleLevel { account_source, source, account };
const char* code(ThrottleLevel level);

struct ThrottleEngaged {
  ThrottleLevel level;
  int failures = 0;
  Instant until = 0;
};

// One throttle in force, for the security administrator's list.
struct ThrottleView {
  // account_source | source | account | upload | intake | query_code | phone_send | phone_verify
  std::string level;
  std::string account;  // empty for source and upload; the masked phone for a phone's throttle
  std::string source;   // empty for account
  int failures = 0;
  Instant until = 0;
};

class Throttle {
 public:
  // `store`: where the counts live (null: this process's memory); `secret`: the bytes the phone
  // hash key is derived from (nodes sharing a database share it: the audit key).
  explicit Throttle(ThrottleRules rules = {}, Store* store = nullptr, std::string_view secret = {});

  // Seconds before a login try of `account` from `source` may go ahead (0: now).
  Instant login_wait(const std::string& account, const std::string& source, Instant now);
  // Counts a failed login; returns the throttles this failure engaged (usually none).
  std::vector<ThrottleEngaged> login_failed(const std::string& account, const std::string& source,
                                            Instant now);
  // A good password from this source ends the pair's count.
  void login_succeeded(const std::string& account, const std::string& source);

  // Counts an anonymous upload from `source`; returns the seconds to wait when refused (0: ok).
  Instant upload(const std::string& source, Instant now);
  // Counts a public intake from `source` (by the rules above); the seconds to wait when refused.
  Instant intake(const std::string& source, Instant now);

  // Seconds before `source` may try a 查询码 again (0: now); counts a wrong guess.
  Instant query_code_wait(const std::string& source, Instant now);
  void query_code_failed(const std::string& source, Instant now);

  // Counts a request for a one-time code to `phone` from `source`; the seconds to wait when
  // refused (0: go ahead). A refused request is not counted again.
  Instant phone_send(const std::string& phone, const std::string& source, Instant now);
  // Seconds before a code for `phone` may be checked from `source` (0: now); counts a wrong one.
  Instant phone_verify_wait(const std::string& phone, const std::string& source, Instant now);
  void phone_verify_failed(const std::string& phone, const std::string& source, Instant now);

  std::vector<ThrottleView> active(Instant now) const;
  // Lifts every throttle naming `account` (when non-empty) and every one naming `source` (when
  // non-empty; a phone's own throttles end with their window). Returns how many were lifted.
  int lift(const std::string& account, const std::string& source);

  const ThrottleRules& rules() const { return rules_; }

 private:
  // One count: kind (account_source | source | account | upload | intake | query_code |
  // phone_send | phone_send_source | phone_verify | phone_verify_source), its subject (account,
  // or a phone's keyed hash) and source; `shown`: the subject as the list shows it.
  struct Key {
    std::string kind, subject, source, shown;
    bool operator<(const Key& o) const {
      return std::tie(kind, subject, source) < std::tie(o.kind, o.subject, o.source);
    }
  };
  struct Counter {
    Instant start = 0;
    int count = 0;
    Instant until = 0;
    bool operator==(const Counter&) const = default;
  };
  using StepFn = std::function<void(std::vector<Counter>&)>;
  // Runs f over the counters of `keys` (zero when absent) as one step; when `write`, what f
  // leaves is stored (a zero counter is removed).
  void step(const std::vector<Key>& keys, bool write, Instant now, const StepFn& f);
  void step_memory(const std::vector<Key>& keys, bool write, Instant now, const StepFn& f);
  void step_store(const std::vector<Key>& keys, bool write, Instant now, const StepFn& f);
  Key phone_key(const char* kind, const std::string& phone) const;
  void sweep_memory(Instant now);
  void sweep_store(Instant now);
  // Counts one request of `source` under `kind`; the seconds to wait once past `limit` (0: ok).
  Instant count_source(const char* kind, const std::string& source, int limit, Instant now);
  bool count_in(Counter& c, Instant now, int limit) const;

  ThrottleRules rules_;
  Store* store_ = nullptr;
  unsigned char phone_key_[32];
  mutable std::mutex mu_;
  std::map<Key, Counter> counts_;  // without a store
  std::atomic<std::size_t> since_sweep_{0};
};

}  // namespace huiyin
