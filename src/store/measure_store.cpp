// Store functions: measures (整改措施), versioned like matters.
#include "store/measure_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kMeasureColumns =
    "id, matter_id, content, owner_org_id, owner_name, deadline, progress, status, evidence, "
    "created_at, updated_at, version, subject_kind, subject_id";
const std::string kSelectMeasure = std::string("SELECT ") + kMeasureColumns + " FROM measures";
constexpr const char* kInsertMeasure =
    "INSERT INTO measures (matter_id, content, owner_org_id, owner_name, deadline, progress, "
    "status, evidence, created_at, updated_at, version, subject_kind, subject_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12) RETURNING id";
constexpr const char* kUpdateMeasure =
    "UPDATE measures SET content = $1, owner_org_id = $2, owner_name = $3, deadline = $4, "
    "progress = $5, status = $6, evidence = $7, updated_at = $8, version = version + 1 "
    "WHERE id = $9 AND version = $10";
constexpr const char* kMatterExists = "SELECT 1 FROM matters WHERE id = $1";

Measure measure_from(const Row& r) {
  Measure m;
  m.id = r.integer(0);
  m.matter_id = r.opt_integer(1).value_or(0);
  m.content = r.text(2);
  m.owner_org_id = r.opt_integer(3);
  m.owner_name = r.text(4);
  m.deadline = r.opt_integer(5);
  m.progress = static_cast<int>(r.integer(6));
  m.status = parse_measure_status(r.text(7)).value_or(MeasureStatus::planned);
  m.evidence = r.text(8);
  m.created_at = r.integer(9);
  m.updated_at = r.integer(10);
  m.version = r.integer(11);
  m.subject = {r.text(12), r.integer(13)};
  return m;
}

}  // namespace

Result<Id> insert_measure(Tx& tx, const Measure& in) {
  // The owner: a subject, or (as before subjects) the matter of matter_id.
  Measure m = in;
  if (m.subject.empty()) m.subject = {kSubjectMatter, m.matter_id};
  if (m.subject.kind == kSubjectMatter) {
    m.matter_id = m.subject.id;
    if (tx.conn().query(kMatterExists, {m.matter_id}).empty()) return not_found("事项不存在");
  } else {
    m.matter_id = 0;
  }
  const Value matter = m.matter_id ? Value(m.matter_id) : Value();
  Id id = tx.conn().query(kInsertMeasure, {matter, m.content, m.owner_org_id, m.owner_name,
                                    m.deadline, m.progress, code(m.status), m.evidence,
                                    m.created_at, m.updated_at, m.subject.kind, m.subject.id})
              .at(0)
              .integer(0);
  tx.seal(kSealMeasures, id);
  return id;
}

Status update_measure(Tx& tx, const Measure& m, std::int64_t expected_version) {
  auto n = tx.conn().exec(kUpdateMeasure, {m.content, m.owner_org_id, m.owner_name, m.deadline,
                                    m.progress, code(m.status), m.evidence, m.updated_at, m.id,
                                    expected_version});
  if (n == 0) {
    if (!measure_by_id(tx, m.id)) return not_found("整改措施不存在");
    return conflict("该整改措施已被他人修改，请刷新后重试");
  }
  tx.seal(kSealMeasures, m.id);
  return ok();
}

std::optional<Measure> measure_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(kSelectMeasure + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return measure_from(rows[0]);
}

std::vector<Measure> measures_of(Tx& tx, Id matter_id) {
  std::vector<Measure> out;
  for (const auto& r : tx.conn().query(kSelectMeasure + " WHERE matter_id = $1 ORDER BY id", {matter_id}))
    out.push_back(measure_from(r));
  return out;
}

std::vector<Measure> measures_of(Tx& tx, const SubjectRef& subject) {
  std::vector<Measure> out;
  for (const auto& r : tx.conn().query(kSelectMeasure + " WHERE subject_kind = $1 AND "
                                                        "subject_id = $2 ORDER BY id",
                                       {subject.kind, subject.id}))
    out.push_back(measure_from(r));
  return out;
}

}  // namespace huiyin::db
