// Store functions: evaluations (the verification of a matter: solved, satisfaction).
#include "features/matters/matter_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kMatterExists = "SELECT 1 FROM matters WHERE id = $1";

constexpr const char* kInsertEvaluation =
    "INSERT INTO evaluations (matter_id, solved, satisfaction, comment, source, by_user, at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr const char* kEvaluationsOf =
    "SELECT id, matter_id, solved, satisfaction, comment, source, by_user, at FROM evaluations "
    "WHERE matter_id = $1 ORDER BY id";

}  // namespace

Result<Id> insert_evaluation(Tx& tx, const Evaluation& e) {
  if (tx.conn().query(kMatterExists, {e.matter_id}).empty()) return not_found("事项不存在");
  Id id = tx.conn().query(kInsertEvaluation, {e.matter_id, e.solved, code(e.satisfaction), e.comment,
                                       e.source, e.by_user, e.at})
              .at(0)
              .integer(0);
  tx.seal(kSealEvaluations, id);
  return id;
}

std::vector<Evaluation> evaluations_of(Tx& tx, Id matter_id) {
  std::vector<Evaluation> out;
  for (const auto& r : tx.conn().query(kEvaluationsOf, {matter_id})) {
    Evaluation e;
    e.id = r.integer(0);
    e.matter_id = r.integer(1);
    e.solved = r.integer(2) != 0;
    e.satisfaction = parse_satisfaction(r.text(3)).value_or(Satisfaction::satisfied);
    e.comment = r.text(4);
    e.source = r.text(5);
    e.by_user = r.opt_integer(6);
    e.at = r.integer(7);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace huiyin::db
