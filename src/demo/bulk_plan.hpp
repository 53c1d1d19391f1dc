// One generated matter as a plan: what was reported (text, channel, kind, category, place,
// reporter) and the dated actions of its life up to the present, drawn from the demo's text
// templates and realistic shares (hotline most, closed most; recent matters are still open).
// A pure function of the demo data, the org tree, the deadline rules, the matter's index and the
// seed, so any matter of a run can be planned on its own. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "demo/bulk_orgs.hpp"
#include "demo/demo_seed_data.hpp"
#include "domain/state_machine.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct BulkStep {
  Action action = Action::accept;
  Instant at = 0;
  ActionInput input;
  bool by_unit = false;  // the lead unit's handler acts (sign, return, resolve), else a dispatcher
};

struct BulkMatterPlan {
  Matter matter;  // title, content, channel, kind, category code below, area, address...
  std::string category;  // sub-category code (the catalog gives its id)
  std::string lead;      // org code of the lead unit, when it is assigned
  Reporter reporter;
  Instant created_at = 0;
  std::vector<BulkStep> steps;  // in time order, none after `now`
  bool merge = false;           // the last step merges it into an earlier matter
};

struct BulkPlanSpan {
  Instant from = 0, now = 0;  // matters are reported in [from, now)
  std::int64_t count = 1;     // matters in the run; index i is reported at from + i/count of it
  std::uint64_t seed = 1;
};

BulkMatterPlan plan_bulk_matter(const DemoData& d, const BulkTree& tree,
                                const DeadlineSetup& deadlines, const BulkPlanSpan& span,
                                std::int64_t index);

}  // namespace huiyin
