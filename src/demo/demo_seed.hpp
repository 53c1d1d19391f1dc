// Demo data of a real prefecture-level city, 株洲市 (Zhuzhou, 430200): its districts, counties,
// streets, townships and communities, ~35 municipal and a few district departments, one demo
// user per role (password kDemoPassword) and a few hundred matters in natural Chinese over the
// last three months, in every status and from every channel.
//
// The matters are not written into tables: they are replayed through the service use cases
// (intake, accept, assign, sign, measures, resolve, evaluation, close, ...) by the right demo
// users, with a clock set back to each step's time, so events, deadlines, rates and the audit
// chain are exactly what a real office would have produced. Texts come from the templates in
// share/data/demo combined with a fixed seed: the same demo on every machine.
//
// Idempotent: nothing happens when the demo city already exists. Call it once, from one thread,
// on a migrated store (it writes as it goes; a failure leaves what was written before it).
#pragma once

#include <cstdint>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "kernel/services.hpp"

namespace huiyin {

inline constexpr const char* kDemoPassword = "Huiyin@2026";
inline constexpr const char* kDemoCityCode = "430200";

struct DemoSeedOptions {
  int matters = 400;
  std::uint64_t seed = 20261122;
  int days = 90;    // matters are reported over this many days before "now"
  Instant now = 0;  // 0: the clock of the Services passed in
};

struct DemoSeedReport {
  bool seeded = false;  // false when the demo city was already there
  int orgs = 0, users = 0, campaigns = 0, matters = 0, steps = 0, records = 0;
  int verified_by_timeout = 0;  // 超时默认 at the demo's present
  std::string spot_check;       // the 回头看 of last month (one failure), its code
};

Result<DemoSeedReport> seed_demo(Services& s, const DemoSeedOptions& options);
Status seed_demo(Services& s);

}  // namespace huiyin
