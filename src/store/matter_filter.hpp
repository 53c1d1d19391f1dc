// WHERE-clause pieces shared by the ledger list and the statistics: org scope, org subtree,
// category subtree and keyword search. Each appends " AND (...)" to a QueryBuilder with its
// values bound. The matters table must be aliased `m`. Pure; thread-safe.
#pragma once

#include <string>

#include "store/sql_tx.hpp"

namespace huiyin::sql {

// Visible when the area org, the lead org or any linked org (lead/co/subject) lies under one
// of scope.org_paths; everything when scope.all; nothing when the scope is empty.
void add_scope(QueryBuilder& q, const Scope& scope);
// Lead org or area org inside the subtree of org `id`.
void add_org_subtree(QueryBuilder& q, Id id);
// The category or any of its descendants (up to three levels).
void add_category(QueryBuilder& q, Id id);
// Keyword search: the one place that decides how `q` matches (LIKE on title, content and
// the normalised search_text for now; full-text search replaces this function).
void add_keyword(QueryBuilder& q, const std::string& keyword);
// Open (assigned, signed, reopened, returned) and past its deadline at `now`.
std::string overdue_condition(QueryBuilder& q, Instant now);

}  // namespace huiyin::sql
