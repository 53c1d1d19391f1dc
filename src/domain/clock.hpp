// Time: every rule reads "now" from an injected Clock so tests can fix it. Instants are UTC
// seconds since the epoch; China keeps one offset (UTC+8, no daylight saving) for local dates.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace huiyin {

using Instant = std::int64_t;  // UTC seconds since 1970-01-01
constexpr std::int64_t kShanghaiOffset = 8 * 3600;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock tests set by hand. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant t) : t_(t) {}
  Instant now() const override { return t_.load(); }
  void set(Instant t) { t_.store(t); }
  void advance(std::int64_t seconds) { t_.fetch_add(seconds); }

 private:
  std::atomic<Instant> t_;
};

}  // namespace huiyin
