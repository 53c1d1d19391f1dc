// Applying a decided action to a matter inside a write transaction: the effects on the row, the
// evaluation row for verify/evaluate, and the one audit event. Shared by staff actions
// (MatterService) and the citizen's evaluation (IntakeService). Internal to the service layer.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/state_machine.hpp"
#include "features/matters/matter_views.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct ActionContext {
  Tx& tx;
  const DeadlineSetup& deadlines;
  const CatalogSnapshot& catalog;
  const Actor* actor;         // nullptr for the citizen
  std::string comment;        // verify/evaluate comment
  std::vector<Id> subjects;   // assign: subject orgs (empty keeps the current ones)
  std::optional<Id> category; // accept/assign: classification
  std::optional<Id> merge_target;
  Instant now = 0;
  nlohmann::json payload_extra = nlohmann::json::object();  // merged into the event payload
  // Set: the event is of this type instead of the action's, not public, and a resolve keeps the
  // reply out of the row (a reply held for review, unit_duties.hpp kReplyForReview).
  std::string event_type{};
  std::string actor_label = "citizen";  // with no actor: "citizen", or "system" (the scheduler)
};

// Whether the event of `a` appears on the citizen's timeline.
bool is_public_action(Action a);

// Applies `a` (already decided to lead to `to`) to `m` and stores it with the version check.
// Returns the matter as stored (version bumped).
Result<Matter> apply_action(ActionContext& c, Matter m, Action a, const ActionInput& in,
                            MatterStatus to);

}  // namespace huiyin
