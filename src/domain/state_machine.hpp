// The matter state machine (DESIGN §3) as data: one table row per action says from which
// statuses it may be taken, by which roles, what the actor must supply, and where it leads.
// decide() is a pure function over that table; the service layer works out which of the
// actor's roles apply to a given matter (org scope) and records the event it returns.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/codes.hpp"
#include "domain/result.hpp"

namespace huiyin {

// What the actor supplied with an action. Unused fields stay empty.
struct ActionInput {
  std::string reason;  // reject, return, reopen, extend_request, object
  std::string reply;   // resolve
  std::string note;    // optional remark on any action
  std::optional<std::int64_t> lead_org;  // assign
  std::vector<std::int64_t> co_orgs;     // assign
  std::optional<HandlingClass> handling_class;  // assign
  std::optional<Instant> deadline;              // assign (the service fills the rule's default)
  std::optional<bool> solved;                   // verify, evaluate
  std::optional<Satisfaction> satisfaction;     // verify, evaluate
  std::string into;                             // merge: code of the matter kept
  std::optional<bool> approve;                  // extend_decide, object_decide
  std::optional<int> extend_days;               // extend_request (calendar or working days per rule)
  std::optional<std::int64_t> transfer_to;      // transfer: the area org whose dispatchers take over
  std::optional<std::int64_t> handler;          // delegate: the user of the unit who handles it
};

// The parts of a matter's state the rules look at.
struct MatterFacts {
  MatterStatus status = MatterStatus::submitted;
  bool extension_pending = false;  // an extend_request awaits a decision
  int extensions_granted = 0;
  bool petition = false;           // channel is petition: one extension of at most 30 days
  // 信访工作条例 Art. 23: the unit a petition is forwarded to may object within 5 working days
  // of the assignment, once per assignment; the forwarding office decides.
  bool objection_period_open = false;  // within those 5 working days (the service reckons them)
  bool objected = false;               // an objection was already raised against this assignment
  bool objection_pending = false;      // it awaits the forwarding office's decision
  // A 督办 (by hand or a leader's) that the unit has not answered yet.
  bool supervision_pending = false;
  // A leader's 批示 the unit has not answered yet; one 答复 answers whatever waits.
  bool instruction_pending = false;
  // 审核答复: a handler's reply waits for the unit leader's approval (it has not gone out).
  bool review_pending = false;
  // 复查 / 复核: the stage whose written reply the matter carries, and whether the 30 calendar
  // days after that reply (within which the next stage may be asked for) are still running.
  PetitionStage petition_stage = PetitionStage::handle;
  bool request_window_open = false;
};

enum Need : unsigned {
  kNeedNothing = 0,
  kNeedReason = 1u << 0,
  kNeedReply = 1u << 1,
  kNeedLeadOrg = 1u << 2,
  kNeedHandlingClass = 1u << 3,
  kNeedDeadline = 1u << 4,
  kNeedSolved = 1u << 5,
  kNeedSatisfaction = 1u << 6,
  kNeedInto = 1u << 7,
  kNeedApprove = 1u << 8,
  kNeedExtendDays = 1u << 9,
  kNeedTransferTo = 1u << 10,
  kNeedHandler = 1u << 11,
};

struct TransitionRule {
  Action action;
  std::vector<MatterStatus> from;
  MatterStatus to;  // for verify/evaluate with solved=false the result is `reopened` instead
  std::vector<Role> roles;
  unsigned needs;
  bool keeps_status = false;  // the matter stays in the status it was in (transfer)
};

const std::vector<TransitionRule>& transition_table();
const TransitionRule& rule_for(Action);

constexpr int kPetitionMaxExtensionDays = 30;
// 复查 / 复核 (信访工作条例): asked for within 30 calendar days of the written reply, answered by
// the office above the one that replied within 30 calendar days of the request.
constexpr int kPetitionRequestDays = 30;
constexpr int kPetitionReviewDays = 30;
constexpr int kObjectionWorkingDays = 5;  // 信访工作条例 Art. 23
constexpr std::size_t kMaxReasonChars = 2000;

// Decides whether `roles` may take `action` on a matter in `facts` with `input`; returns the
// status it leads to. Errors: forbidden (role), conflict (wrong status now), invalid (missing
// or bad input, named by field).
Result<MatterStatus> decide(const MatterFacts& facts, Action action, const ActionInput& input,
                            std::span<const Role> roles);

// The request that opens the stage after `stage` (review_request after the 处理意见,
// recheck_request after the 复查意见); none after the 复核意见, which is final.
std::optional<Action> next_petition_request(PetitionStage stage);
// The stage a granted request opens.
PetitionStage stage_after(Action request);

// The actions `roles` may take now (ignoring input requirements), in table order.
std::vector<Action> available_actions(const MatterFacts& facts, std::span<const Role> roles);
// Whether some rule lets one of `roles` take `action` from `status`, whatever the matter's other
// facts: when not, available_actions never offers it there (the workbench skips such a card).
bool may_take(Action action, MatterStatus status, std::span<const Role> roles);

}  // namespace huiyin
