// The stable English codes of the domain (used in JSON, the database and the CLI) and their
// Chinese labels (shown to people). Codes are a contract: extend the lists, never rename.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace huiyin {

enum class MatterStatus {
  submitted, accepted, rejected, assigned, signed_, returned, resolved, verified, closed,
  reopened, merged
};
enum class Action {
  accept, reject, assign, sign, return_, resolve, verify, close, reopen, merge,
  extend_request, extend_decide, evaluate, transfer, object, object_decide,
  urge, supervise, answer, review_request, recheck_request,
  instruct, delegate, review_reply,
  verify_timeout, callback_failed, spot_check
};
// admin, security_admin and audit_admin are the three separate administrators (三员分立):
// system (orgs, users, categories, settings), security (roles, passwords, throttles, keys) and
// audit (reads the audit log and verify results, nothing else).
enum class Role {
  citizen, collector, dispatcher, handler, unit_leader, supervisor, leader, admin,
  security_admin, audit_admin
};
enum class Channel {
  web, hotline, visit, petition, onsite_office, night_talk, enterprise, process_walk, patrol,
  open311, joint_meeting
};
enum class Kind { problem, demand, suggestion, complaint, help, consultation, praise };
enum class HandlingClass { immediate, phased, campaign, long_term };
enum class Satisfaction { satisfied, basically_satisfied, dissatisfied };
enum class OrgKind { area, dept };
enum class MeasureStatus { planned, in_progress, done, cancelled };
// The stage a petition's written reply belongs to (信访工作条例): 处理意见 of the handling office,
// 复查意见 of the office above it, 复核意见 above that — the last word.
enum class PetitionStage { handle, review, recheck };

// code/label lookups; parse_* return nullopt for an unknown code.
std::string_view code(MatterStatus);
std::string_view code(Action);
std::string_view code(Role);
std::string_view code(Channel);
std::string_view code(Kind);
std::string_view code(HandlingClass);
std::string_view code(Satisfaction);
std::string_view code(OrgKind);
std::string_view code(MeasureStatus);
std::string_view code(PetitionStage);

std::string_view label(MatterStatus);
std::string_view label(Action);
std::string_view label(Role);
std::string_view label(Channel);
std::string_view label(Kind);
std::string_view label(HandlingClass);
std::string_view label(Satisfaction);
std::string_view label(OrgKind);
std::string_view label(MeasureStatus);
std::string_view label(PetitionStage);

std::optional<MatterStatus> parse_status(std::string_view);
// The statuses in which a matter's deadline runs: a unit has it (assigned, signed, reopened) or
// handed it back (returned). Overdue lists, figures and the escalation ladder read this one list.
const std::vector<MatterStatus>& deadline_running_statuses();
bool deadline_runs(MatterStatus s);
std::optional<Action> parse_action(std::string_view);
std::optional<Role> parse_role(std::string_view);
std::optional<Channel> parse_channel(std::string_view);
std::optional<Kind> parse_kind(std::string_view);
std::optional<HandlingClass> parse_handling_class(std::string_view);
std::optional<Satisfaction> parse_satisfaction(std::string_view);
std::optional<OrgKind> parse_org_kind(std::string_view);
std::optional<MeasureStatus> parse_measure_status(std::string_view);
std::optional<PetitionStage> parse_petition_stage(std::string_view);

template <typename E>
const std::vector<E>& all();  // every value of E, in declaration order

}  // namespace huiyin
