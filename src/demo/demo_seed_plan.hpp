// The demo matters as a plan: for each matter, what was reported (an IntakeRequest in natural
// Chinese), by whom, and the dated steps of its life — accept, assign, sign, measures, resolve,
// evaluation, close, and the detours real offices see (rejections, returns, extensions,
// reopenings, merged duplicates, late resolutions). A pure function of the demo data, the
// deadline rules, "now" and a seed: the seeder replays the steps in time order through the
// service use cases with a clock set to each step's time. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "demo/demo_seed_data.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matters.hpp"
#include "features/matters/measures.hpp"
#include "kernel/services.hpp"

namespace huiyin {

enum class DemoStepKind {
  submit,        // intake (public, or recorded by `actor`)
  act,           // MatterService::act with `action` by `actor`
  add_measures,  // MeasureService::add for each of `measures` by `actor`
  finish_measures,  // mark the matter's measures done with `evidence`, by `actor`
  evaluate,      // the reporter's own evaluation through the tracking token
  notice,        // a petition's 受理告知书 printed by `actor` (the receiving office: issued)
};

struct DemoStep {
  DemoStepKind kind = DemoStepKind::act;
  Instant at = 0;
  std::string actor;  // username; empty for the citizen
  ActionRequest action;
  int merge_into = -1;  // act/merge: index of the matter kept (its code is known only when run)
  std::vector<MeasureInput> measures;
  std::string evidence;
  EvaluationRequest evaluation;
};

struct DemoMatterPlan {
  int index = 0;
  IntakeRequest request;
  MatterStatus target = MatterStatus::submitted;  // the status after the last step
  std::vector<DemoStep> steps;                    // in time order
};

struct DemoPlanOptions {
  int matters = 400;
  std::uint64_t seed = 20261122;
  int days = 90;  // matters are reported over the last `days` days
  Instant now = 0;
};

std::vector<DemoMatterPlan> plan_demo_matters(const DemoData& data, const DeadlineSetup& deadlines,
                                              const DemoPlanOptions& options);

}  // namespace huiyin
