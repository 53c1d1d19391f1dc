// SqlTx: the work around a matter — measures (versioned like matters), evaluations and
// attachment rows.
#include "store/sql_tx.hpp"

namespace huiyin::sql {
namespace {

constexpr const char* kMeasureColumns =
    "id, matter_id, content, owner_org_id, owner_name, deadline, progress, status, evidence, "
    "created_at, updated_at, version";
const std::string kSelectMeasure = std::string("SELECT ") + kMeasureColumns + " FROM measures";
constexpr const char* kInsertMeasure =
    "INSERT INTO measures (matter_id, content, owner_org_id, owner_name, deadline, progress, "
    "status, evidence, created_at, updated_at, version) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1) RETURNING id";
constexpr const char* kUpdateMeasure =
    "UPDATE measures SET content = $1, owner_org_id = $2, owner_name = $3, deadline = $4, "
    "progress = $5, status = $6, evidence = $7, updated_at = $8, version = version + 1 "
    "WHERE id = $9 AND version = $10";
constexpr const char* kMatterExists = "SELECT 1 FROM matters WHERE id = $1";

constexpr const char* kInsertEvaluation =
    "INSERT INTO evaluations (matter_id, solved, satisfaction, comment, source, by_user, at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr const char* kEvaluationsOf =
    "SELECT id, matter_id, solved, satisfaction, comment, source, by_user, at FROM evaluations "
    "WHERE matter_id = $1 ORDER BY id";

constexpr const char* kAttachmentColumns =
    "id, matter_id, sha256, mime, size, original_name, created_at, handle, uploaded_by, "
    "measure_id";
const std::string kSelectAttachment =
    std::string("SELECT ") + kAttachmentColumns + " FROM attachments";
constexpr const char* kInsertAttachment =
    "INSERT INTO attachments (matter_id, sha256, mime, size, original_name, created_at, handle, "
    "uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
// Linking takes only an upload that is still unlinked, so two requests cannot both claim it.
constexpr const char* kLinkAttachment =
    "UPDATE attachments SET matter_id = $1 WHERE id = $2 AND matter_id IS NULL";
constexpr const char* kLinkEvidence =
    "UPDATE attachments SET matter_id = $1, measure_id = $2 WHERE id = $3 AND matter_id IS NULL";
constexpr const char* kUnlinkedBefore =
    "SELECT id, sha256 FROM attachments WHERE matter_id IS NULL AND created_at < $1 "
    "ORDER BY created_at, id LIMIT $2";
constexpr const char* kDeleteUnlinked =
    "DELETE FROM attachments WHERE id = $1 AND matter_id IS NULL";
constexpr const char* kShaInUse = "SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1";

Measure measure_from(const Row& r) {
  Measure m;
  m.id = r.integer(0);
  m.matter_id = r.integer(1);
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
  return m;
}

Attachment attachment_from(const Row& r) {
  return {r.integer(0), r.opt_integer(1), r.text(2),        r.text(3),
          r.integer(4), r.text(5),        r.integer(6),     r.text(7),
          r.opt_integer(8), r.opt_integer(9)};
}

}  // namespace

Result<Id> SqlTx::insert_measure(const Measure& m) {
  if (c_.query(kMatterExists, {m.matter_id}).empty()) return not_found("事项不存在");
  Id id = c_.query(kInsertMeasure, {m.matter_id, m.content, m.owner_org_id, m.owner_name,
                                    m.deadline, m.progress, code(m.status), m.evidence,
                                    m.created_at, m.updated_at})
              .at(0)
              .integer(0);
  seal(kSealMeasures, id);
  return id;
}

Status SqlTx::update_measure(const Measure& m, std::int64_t expected_version) {
  auto n = c_.exec(kUpdateMeasure, {m.content, m.owner_org_id, m.owner_name, m.deadline,
                                    m.progress, code(m.status), m.evidence, m.updated_at, m.id,
                                    expected_version});
  if (n == 0) {
    if (!measure_by_id(m.id)) return not_found("整改措施不存在");
    return conflict("该整改措施已被他人修改，请刷新后重试");
  }
  seal(kSealMeasures, m.id);
  return ok();
}

std::optional<Measure> SqlTx::measure_by_id(Id id) {
  auto rows = c_.query(kSelectMeasure + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return measure_from(rows[0]);
}

std::vector<Measure> SqlTx::measures_of(Id matter_id) {
  std::vector<Measure> out;
  for (const auto& r : c_.query(kSelectMeasure + " WHERE matter_id = $1 ORDER BY id", {matter_id}))
    out.push_back(measure_from(r));
  return out;
}

Result<Id> SqlTx::insert_evaluation(const Evaluation& e) {
  if (c_.query(kMatterExists, {e.matter_id}).empty()) return not_found("事项不存在");
  Id id = c_.query(kInsertEvaluation, {e.matter_id, e.solved, code(e.satisfaction), e.comment,
                                       e.source, e.by_user, e.at})
              .at(0)
              .integer(0);
  seal(kSealEvaluations, id);
  return id;
}

std::vector<Evaluation> SqlTx::evaluations_of(Id matter_id) {
  std::vector<Evaluation> out;
  for (const auto& r : c_.query(kEvaluationsOf, {matter_id})) {
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

Result<Id> SqlTx::insert_attachment(const Attachment& a) {
  if (a.matter_id && c_.query(kMatterExists, {*a.matter_id}).empty())
    return not_found("事项不存在");
  Id id = c_.query(kInsertAttachment,
                   {a.matter_id, a.sha256, a.mime, a.size, a.original_name, a.created_at,
                    a.handle, a.uploaded_by})
              .at(0)
              .integer(0);
  seal(kSealAttachments, id);
  return id;
}

Status SqlTx::link_attachment(Id attachment_id, Id matter_id) {
  if (c_.query(kMatterExists, {matter_id}).empty()) return not_found("事项不存在");
  if (c_.exec(kLinkAttachment, {matter_id, attachment_id}) == 0)
    return not_found("附件不存在或已被使用");
  seal(kSealAttachments, attachment_id);
  return ok();
}

std::vector<Attachment> SqlTx::attachments_of(Id matter_id) {
  std::vector<Attachment> out;
  for (const auto& r :
       c_.query(kSelectAttachment + " WHERE matter_id = $1 AND measure_id IS NULL ORDER BY id",
                {matter_id}))
    out.push_back(attachment_from(r));
  return out;
}

std::optional<Attachment> SqlTx::attachment_by_id(Id id) {
  auto rows = c_.query(kSelectAttachment + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return attachment_from(rows[0]);
}

std::optional<Attachment> SqlTx::attachment_by_handle(const std::string& handle) {
  if (handle.empty()) return std::nullopt;
  auto rows = c_.query(kSelectAttachment + " WHERE handle = $1", {handle});
  if (rows.empty()) return std::nullopt;
  return attachment_from(rows[0]);
}

Status SqlTx::link_evidence(Id attachment_id, Id measure_id) {
  auto ms = measure_by_id(measure_id);
  if (!ms) return not_found("整改措施不存在");
  if (c_.exec(kLinkEvidence, {ms->matter_id, measure_id, attachment_id}) == 0)
    return not_found("附件不存在或已被使用");
  seal(kSealAttachments, attachment_id);
  return ok();
}

std::vector<Attachment> SqlTx::evidence_of(Id measure_id) {
  std::vector<Attachment> out;
  for (const auto& r :
       c_.query(kSelectAttachment + " WHERE measure_id = $1 ORDER BY id", {measure_id}))
    out.push_back(attachment_from(r));
  return out;
}

std::vector<std::pair<Id, std::string>> SqlTx::unlinked_attachments_before(Instant before,
                                                                           int limit) {
  std::vector<std::pair<Id, std::string>> out;
  for (const auto& r : c_.query(kUnlinkedBefore, {before, std::int64_t{limit}}))
    out.emplace_back(r.integer(0), r.text(1));
  return out;
}

Status SqlTx::delete_unlinked_attachment(Id id) {
  if (c_.exec(kDeleteUnlinked, {id}) > 0) seal(kSealAttachments, id);  // sealed as deleted
  return ok();
}

bool SqlTx::attachment_sha_in_use(const std::string& sha256) {
  return !c_.query(kShaInUse, {sha256}).empty();
}

}  // namespace huiyin::sql
