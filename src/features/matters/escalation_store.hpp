// Store functions of the escalation ladder (migration 013): which rules fired against which
// deadline of a matter. A row per (matter, deadline, rule); inserting one that exists does
// nothing, so a tick run twice, or by two nodes at once, escalates each step once.
#pragma once

#include <string>
#include <vector>

#include "domain/escalation.hpp"
#include "domain/model.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct EscalationCandidate {
  Id id = 0;
  Instant start = 0;     // when the deadline started to run (assignment)
  Instant deadline = 0;
};

struct FiredEscalation {
  Instant deadline = 0;
  std::string rule;
  EscalationLevel level = EscalationLevel::none;
  Instant fired_at = 0;
};

}  // namespace huiyin

namespace huiyin::db {

// Every matter whose deadline runs (matter_filter.hpp: deadline_runs_condition), by id.
std::vector<EscalationCandidate> escalation_candidates(Tx& tx);
// The rules already fired against the current deadline of those matters: (matter id, rule).
std::vector<std::pair<Id, std::string>> fired_against_current_deadline(Tx& tx);
// False when the row exists already (nothing written).
bool insert_escalation(Tx& tx, Id matter_id, const FiredEscalation& e);
// The condition on `m`: its deadline runs and the highest step fired against its current
// deadline is exactly `level`.
std::string escalation_condition(sql::QueryBuilder& q, EscalationLevel level);
// Matters answered (resolved) and not yet verified: (id, resolved_at), by id (超时默认).
std::vector<std::pair<Id, Instant>> awaiting_verification(Tx& tx);
// Every step fired against any deadline of the matter, oldest deadline first.
std::vector<FiredEscalation> escalations_of(Tx& tx, Id matter_id);

}  // namespace huiyin::db
