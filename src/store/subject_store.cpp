// Store functions: org links of subjects (subject_orgs) and the scope condition over them.
#include "store/subject_store.hpp"

#include <algorithm>

namespace huiyin::db {
using namespace huiyin::sql;
namespace {

constexpr const char* kDelete = "DELETE FROM subject_orgs WHERE subject_kind = $1 AND subject_id = $2";
constexpr const char* kInsert =
    "INSERT INTO subject_orgs (subject_kind, subject_id, org_id, role) VALUES ($1, $2, $3, $4)";
constexpr const char* kOf =
    "SELECT org_id, role FROM subject_orgs WHERE subject_kind = $1 AND subject_id = $2 "
    "ORDER BY role, org_id";

SubjectOrgRole parse_role(std::string_view s) {
  if (s == "lead") return SubjectOrgRole::lead;
  if (s == "co") return SubjectOrgRole::co;
  if (s == "subject") return SubjectOrgRole::subject;
  return SubjectOrgRole::place;
}

std::string group_key(const SubjectRef& s) { return s.kind + ":" + std::to_string(s.id); }

}  // namespace

std::string_view subject_org_role_code(SubjectOrgRole r) {
  switch (r) {
    case SubjectOrgRole::lead: return "lead";
    case SubjectOrgRole::co: return "co";
    case SubjectOrgRole::subject: return "subject";
    case SubjectOrgRole::place: return "place";
  }
  return "place";
}

Status set_subject_orgs(Tx& tx, const SubjectRef& subject, const std::vector<SubjectOrg>& links) {
  if (subject.empty()) return invalid("对象不能为空");
  tx.conn().exec(kDelete, {subject.kind, subject.id});
  std::vector<SubjectOrg> unique;
  for (const auto& l : links)
    if (std::find(unique.begin(), unique.end(), l) == unique.end()) unique.push_back(l);
  for (const auto& l : unique)
    tx.conn().exec(kInsert, {subject.kind, subject.id, l.org_id,
                             std::string(subject_org_role_code(l.role))});
  tx.seal(kSealSubjectOrgs, group_key(subject));
  return ok();
}

std::vector<SubjectOrg> subject_orgs_of(Tx& tx, const SubjectRef& subject) {
  std::vector<SubjectOrg> out;
  for (const auto& r : tx.conn().query(kOf, {subject.kind, subject.id}))
    out.push_back({r.integer(0), parse_role(r.text(1))});
  return out;
}

void add_subject_scope(QueryBuilder& q, const std::string& kind, const char* id_column,
                       const Scope& scope) {
  if (scope.all) return;
  if (scope.org_paths.empty()) {
    q.sql += " AND 1 = 0";
    return;
  }
  q.sql += " AND EXISTS (SELECT 1 FROM subject_orgs so JOIN orgs o ON o.id = so.org_id "
           "WHERE so.subject_kind = " + q.bind(kind) + " AND so.subject_id = " + id_column +
           " AND " + path_prefix_condition(q, "o.path", scope.org_paths) + ")";
}

}  // namespace huiyin::db
