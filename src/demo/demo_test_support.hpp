// What the demo tests share: a migrated store at a URL, keyed with the tests' audit key, and
// Services over a manual clock, the way `serve` opens them. Used by one test thread.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "domain/clock.hpp"
#include "kernel/services.hpp"
#include "store/store.hpp"

namespace huiyin::testing {

struct DemoTestStore {
  std::unique_ptr<Store> store;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<Services> services;
};

// The store's own chain events (seals) are dated `chain_at`, before the history the test writes;
// the services' clock stands at `now`. Failures are reported to gtest (members stay empty).
DemoTestStore open_demo_test_store(const std::string& url, const std::filesystem::path& data_dir,
                                   Instant now, Instant chain_at);

}  // namespace huiyin::testing
