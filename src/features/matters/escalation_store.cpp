#include "features/matters/escalation_store.hpp"

#include "features/matters/matter_filter.hpp"

namespace huiyin::db {

std::vector<EscalationCandidate> escalation_candidates(Tx& tx) {
  const std::string sql =
      "SELECT m.id, COALESCE(m.assigned_at, m.accepted_at, m.created_at), m.deadline "
      "FROM matters m WHERE " + sql::deadline_runs_condition() + " ORDER BY m.id";
  std::vector<EscalationCandidate> out;
  for (const auto& r : tx.conn().query(sql)) out.push_back({r.integer(0), r.integer(1), r.integer(2)});
  return out;
}

std::vector<std::pair<Id, std::string>> fired_against_current_deadline(Tx& tx) {
  const std::string sql =
      "SELECT e.matter_id, e.rule FROM matter_escalations e JOIN matters m ON m.id = e.matter_id "
      "AND e.deadline = m.deadline WHERE " + sql::deadline_runs_condition();
  std::vector<std::pair<Id, std::string>> out;
  for (const auto& r : tx.conn().query(sql)) out.emplace_back(r.integer(0), r.text(1));
  return out;
}

std::string escalation_condition(sql::QueryBuilder& q, EscalationLevel level) {
  const std::string fired =
      "SELECT 1 FROM matter_escalations e WHERE e.matter_id = m.id AND e.deadline = m.deadline AND ";
  std::string higher;
  for (int l = static_cast<int>(level) + 1; l <= static_cast<int>(EscalationLevel::talk); ++l)
    higher += (higher.empty() ? "" : ", ") + q.bind(std::string(code(static_cast<EscalationLevel>(l))));
  std::string cond = "(" + sql::deadline_runs_condition() + " AND EXISTS (" + fired +
                     "e.level = " + q.bind(std::string(code(level))) + ")";
  if (!higher.empty()) cond += " AND NOT EXISTS (" + fired + "e.level IN (" + higher + "))";
  return cond + ")";
}

bool insert_escalation(Tx& tx, Id matter_id, const FiredEscalation& e) {
  const bool inserted = sql::without_duplicate(tx.conn(), [&] {
    tx.conn().exec(
        "INSERT INTO matter_escalations (matter_id, rule, deadline, level, fired_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {matter_id, e.rule, e.deadline, std::string(code(e.level)), e.fired_at});
  });
  if (inserted) tx.seal(sql::kSealMatterEscalations, matter_id);
  return inserted;
}

std::vector<std::pair<Id, Instant>> awaiting_verification(Tx& tx) {
  std::vector<std::pair<Id, Instant>> out;
  for (const auto& r : tx.conn().query(
           "SELECT id, resolved_at FROM matters WHERE status = 'resolved' AND resolved_at IS NOT NULL "
           "ORDER BY id"))
    out.emplace_back(r.integer(0), r.integer(1));
  return out;
}

std::vector<FiredEscalation> escalations_of(Tx& tx, Id matter_id) {
  std::vector<FiredEscalation> out;
  for (const auto& r : tx.conn().query(
           "SELECT deadline, rule, level, fired_at FROM matter_escalations WHERE matter_id = $1 "
           "ORDER BY deadline, fired_at, rule",
           {matter_id})) {
    FiredEscalation e{r.integer(0), r.text(1), EscalationLevel::none, r.integer(3)};
    if (auto l = parse_escalation_level(r.text(2))) e.level = *l;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace huiyin::db
