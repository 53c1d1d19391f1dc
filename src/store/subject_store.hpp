// Store functions for the org links of any subject other than a matter (a matter keeps its own
// links in matter_orgs, read with the matter): lead / co / subject / place, and the 条块 scope
// condition lists of such subjects use. Kernel tables.
#pragma once

#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "domain/scope.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

struct SubjectOrg {
  Id org_id = 0;
  SubjectOrgRole role = SubjectOrgRole::place;
  bool operator==(const SubjectOrg&) const = default;
};

std::string_view subject_org_role_code(SubjectOrgRole r);

// Replaces the subject's org links (sealed as one group).
Status set_subject_orgs(Tx& tx, const SubjectRef& subject, const std::vector<SubjectOrg>& links);
std::vector<SubjectOrg> subject_orgs_of(Tx& tx, const SubjectRef& subject);

// Appends " AND (...)" to q: the subject (of `kind`, its id in column `id_column`) has an org
// link inside one of the scope's subtrees; nothing when the scope is empty, no condition when
// it is all.
void add_subject_scope(sql::QueryBuilder& q, const std::string& kind, const char* id_column,
                       const Scope& scope);

}  // namespace huiyin::db
