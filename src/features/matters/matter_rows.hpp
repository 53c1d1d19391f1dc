// Mapping between huiyin::Matter and the `matters` table: the column lists, the insert,
// update and select statements built from them once, and row decoding. Pure; thread-safe.
#pragma once

#include <string>

#include "domain/model.hpp"
#include "store/sql.hpp"

namespace huiyin::sql {

// INSERT of every written column ($1..$N from matter_params) RETURNING id.
const std::string& matter_insert_sql();
// UPDATE of every written column, version bumped, WHERE id = $N+1 AND version = $N+2.
const std::string& matter_update_sql();
// SELECT <matter columns> FROM matters m — append WHERE/ORDER BY.
const std::string& matter_select_sql();
// The matter columns with table alias `m.`, in matter_from's order.
const std::string& matter_columns();

Params matter_params(const Matter& m);
Matter matter_from(const Row& r);

std::string_view matter_org_role_code(MatterOrgRole r);
MatterOrgRole parse_matter_org_role(std::string_view s);

}  // namespace huiyin::sql
