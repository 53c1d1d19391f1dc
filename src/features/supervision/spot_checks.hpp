// 回头看: a supervisor draws a random sample of a unit's verified matters of a period and
// re-verifies each; a failure reopens the matter (重办) and counts against the unit it was led
// by. The sample is reproducible: the population is the verified or closed matters led by a unit
// in the org's subtree and verified in [from, to], by matter id; the sample is
// draw_sample(population, size, seed) (domain/sampling.hpp). A seed not given is made at random
// and recorded; the same seed over the same data draws the same matters again.
// Scope: a supervisor whose role org holds the check's org (the city level: every org).
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "features/matters/matters.hpp"
#include "features/supervision/spot_check_store.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct SpotCheckDraw {
  std::string org;   // org code: the unit (its subtree)
  std::string from;  // YYYY-MM-DD, verified on or after
  std::string to;    // YYYY-MM-DD, verified on or before
  int size = 0;      // 1..200
  std::string seed;  // empty: made at random (and recorded)
};

struct SpotCheckItemView {
  SpotCheckItemRow row;
  std::string matter_code, title;
  MatterStatus status = MatterStatus::closed;  // the matter's status now
  std::optional<OrgRef> lead_org;
  std::string checked_by_name;
};

struct SpotCheckView {
  SpotCheckRow row;
  OrgRef org;
  std::string drawn_by_name;
  int population = -1;  // matters it was drawn from (only when just drawn; -1 otherwise)
  int checked = 0, failed = 0;
  std::vector<SpotCheckItemView> items;
};

class SpotCheckService {
 public:
  SpotCheckService(ServiceContext& ctx, MatterService& matters) : ctx_(ctx), matters_(matters) {}

  Result<SpotCheckView> draw(const Actor& actor, const SpotCheckDraw& in);
  // The checks of orgs in the actor's scope, newest first (items not filled).
  Result<std::vector<SpotCheckView>> list(const Actor& actor);
  Result<SpotCheckView> get(const Actor& actor, const std::string& code);
  // Records one sampled matter's re-verification: passed, or failed (the matter is reopened with
  // a new deadline; `note` required). Checked already: conflict.
  Result<SpotCheckView> record(const Actor& actor, const std::string& code,
                               const std::string& matter_code, std::optional<bool> passed,
                               const std::string& note);

 private:
  ServiceContext& ctx_;
  MatterService& matters_;
};

}  // namespace huiyin
