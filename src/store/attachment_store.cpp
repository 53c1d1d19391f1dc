// Store functions: attachment rows (the bytes live on disk by hash).
#include "store/attachment_store.hpp"
#include "store/measure_store.hpp"

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kMatterExists = "SELECT 1 FROM matters WHERE id = $1";

constexpr const char* kAttachmentColumns =
    "id, matter_id, sha256, mime, size, original_name, created_at, handle, uploaded_by, "
    "measure_id, subject_kind, subject_id";
const std::string kSelectAttachment =
    std::string("SELECT ") + kAttachmentColumns + " FROM attachments";
constexpr const char* kInsertAttachment =
    "INSERT INTO attachments (matter_id, sha256, mime, size, original_name, created_at, handle, "
    "uploaded_by, subject_kind, subject_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "RETURNING id";
// Linking takes only an upload that is still unlinked, so two requests cannot both claim it.
constexpr const char* kLinkAttachment =
    "UPDATE attachments SET matter_id = $1, subject_kind = 'matter', subject_id = $1 "
    "WHERE id = $2 AND matter_id IS NULL AND subject_kind IS NULL";
constexpr const char* kLinkEvidence =
    "UPDATE attachments SET matter_id = $1, measure_id = $2, subject_kind = 'matter', "
    "subject_id = $1 WHERE id = $3 AND matter_id IS NULL AND subject_kind IS NULL";
constexpr const char* kLinkSubject =
    "UPDATE attachments SET subject_kind = $1, subject_id = $2 "
    "WHERE id = $3 AND matter_id IS NULL AND subject_kind IS NULL";
constexpr const char* kUnlinkedBefore =
    "SELECT id, sha256 FROM attachments WHERE matter_id IS NULL AND subject_kind IS NULL "
    "AND created_at < $1 ORDER BY created_at, id LIMIT $2";
constexpr const char* kDeleteUnlinked =
    "DELETE FROM attachments WHERE id = $1 AND matter_id IS NULL AND subject_kind IS NULL";
constexpr const char* kShaInUse = "SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1";

Attachment attachment_from(const Row& r) {
  Attachment a{r.integer(0), r.opt_integer(1), r.text(2),        r.text(3),
               r.integer(4), r.text(5),        r.integer(6),     r.text(7),
               r.opt_integer(8), r.opt_integer(9)};
  if (!r.null(10)) a.subject = {r.text(10), r.integer(11)};
  return a;
}

}  // namespace

Result<Id> insert_attachment(Tx& tx, const Attachment& a) {
  if (a.matter_id && tx.conn().query(kMatterExists, {*a.matter_id}).empty())
    return not_found("事项不存在");
  Id id = tx.conn().query(kInsertAttachment,
                   {a.matter_id, a.sha256, a.mime, a.size, a.original_name, a.created_at,
                    a.handle, a.uploaded_by,
                    a.matter_id ? Value(std::string(kSubjectMatter)) : Value(),
                    a.matter_id ? Value(*a.matter_id) : Value()})
              .at(0)
              .integer(0);
  tx.seal(kSealAttachments, id);
  return id;
}

Status link_attachment(Tx& tx, Id attachment_id, Id matter_id) {
  if (tx.conn().query(kMatterExists, {matter_id}).empty()) return not_found("事项不存在");
  if (tx.conn().exec(kLinkAttachment, {matter_id, attachment_id}) == 0)
    return not_found("附件不存在或已被使用");
  tx.seal(kSealAttachments, attachment_id);
  return ok();
}

Status link_attachment_to(Tx& tx, Id attachment_id, const SubjectRef& subject) {
  if (subject.empty() || subject.kind == kSubjectMatter)
    return invalid("附件归属对象无效", "attachments");
  if (tx.conn().exec(kLinkSubject, {subject.kind, subject.id, attachment_id}) == 0)
    return not_found("附件不存在或已被使用");
  tx.seal(kSealAttachments, attachment_id);
  return ok();
}

std::vector<Attachment> attachments_of(Tx& tx, const SubjectRef& subject) {
  std::vector<Attachment> out;
  for (const auto& r : tx.conn().query(kSelectAttachment + " WHERE subject_kind = $1 AND "
                                                           "subject_id = $2 ORDER BY id",
                                       {subject.kind, subject.id}))
    out.push_back(attachment_from(r));
  return out;
}

std::vector<Attachment> attachments_of(Tx& tx, Id matter_id) {
  std::vector<Attachment> out;
  for (const auto& r :
       tx.conn().query(kSelectAttachment + " WHERE matter_id = $1 AND measure_id IS NULL ORDER BY id",
                {matter_id}))
    out.push_back(attachment_from(r));
  return out;
}

std::optional<Attachment> attachment_by_id(Tx& tx, Id id) {
  auto rows = tx.conn().query(kSelectAttachment + " WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return attachment_from(rows[0]);
}

std::optional<Attachment> attachment_by_handle(Tx& tx, const std::string& handle) {
  if (handle.empty()) return std::nullopt;
  auto rows = tx.conn().query(kSelectAttachment + " WHERE handle = $1", {handle});
  if (rows.empty()) return std::nullopt;
  return attachment_from(rows[0]);
}

Status link_evidence(Tx& tx, Id attachment_id, Id measure_id) {
  auto ms = measure_by_id(tx, measure_id);
  if (!ms) return not_found("整改措施不存在");
  if (tx.conn().exec(kLinkEvidence, {ms->matter_id, measure_id, attachment_id}) == 0)
    return not_found("附件不存在或已被使用");
  tx.seal(kSealAttachments, attachment_id);
  return ok();
}

std::vector<Attachment> evidence_of(Tx& tx, Id measure_id) {
  std::vector<Attachment> out;
  for (const auto& r :
       tx.conn().query(kSelectAttachment + " WHERE measure_id = $1 ORDER BY id", {measure_id}))
    out.push_back(attachment_from(r));
  return out;
}

std::vector<std::pair<Id, std::string>> unlinked_attachments_before(Tx& tx, Instant before,
                                                                           int limit) {
  std::vector<std::pair<Id, std::string>> out;
  for (const auto& r : tx.conn().query(kUnlinkedBefore, {before, std::int64_t{limit}}))
    out.emplace_back(r.integer(0), r.text(1));
  return out;
}

Status delete_unlinked_attachment(Tx& tx, Id id) {
  if (tx.conn().exec(kDeleteUnlinked, {id}) > 0) tx.seal(kSealAttachments, id);  // sealed as deleted
  return ok();
}

bool attachment_sha_in_use(Tx& tx, const std::string& sha256) {
  return !tx.conn().query(kShaInUse, {sha256}).empty();
}


}  // namespace huiyin::db
