// WHERE-clause pieces shared by the ledger list and the statistics: org scope, org subtree,
// category subtree and keyword search. Each appends " AND (...)" to a QueryBuilder with its
// values bound. The matters table must be aliased `m`. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "domain/scope.hpp"
#include "store/tx.hpp"

namespace huiyin::sql {

// Visible when the area org, the lead org or any linked org (lead/co/subject) lies under one
// of scope.org_paths; everything when scope.all; nothing when the scope is empty.
void add_scope(QueryBuilder& q, const Scope& scope);
// Lead org or area org inside the subtree of org `id`.
void add_org_subtree(QueryBuilder& q, Id id);
// The category or any of its descendants (up to three levels).
void add_category(QueryBuilder& q, Id id);
// Where a list reads matters from: the FROM clause (matters aliased `m`), an extra WHERE
// condition, the column keyset paging compares and the ORDER BY. By default: matters by id,
// newest first.
struct ListSource {
  std::string from = " FROM matters m";
  std::string where;  // empty, or a condition to AND in
  std::string id = "m.id";
  std::string order = " ORDER BY m.id DESC";
  bool ranked = false;  // relevance order: one page, no cursor
};
// Keyword search: the one place that decides how `keyword` matches. It is normalised like the
// stored search key (NFKC, Traditional -> Simplified, punctuation folded) and split into words;
// every word must occur in the title or content: a word of two or more characters as a phrase of
// its consecutive bigrams, a single character as itself (characters are indexed too), both
// served by the full-text index. Newest first, SQLite reads the index in descending id order
// and joins each hit to its matter, so a page stops after 20 hits however common the word;
// PostgreSQL's planner picks between the GIN index and the id order by its statistics. With
// `ranked`, the best matches come first (bm25 / ts_rank). A keyword with no letter or digit at
// all (e.g. "%") falls back to a plain substring match on title and content.
ListSource keyword_source(QueryBuilder& q, const Dialect& d, const std::string& keyword,
                          bool ranked);
// The matter's deadline runs: it has one and is open with a unit (assigned, signed, reopened,
// returned). The condition on `m` that overdue lists, figures and escalation share, from
// domain/codes.hpp deadline_running_statuses().
const std::string& deadline_runs_condition();
// The deadline runs and has passed at `now`.
std::string overdue_condition(QueryBuilder& q, Instant now);
// A petition whose 受理告知书 (event notice_issued) is not issued and past acknowledge_due.
std::string notice_overdue_condition(QueryBuilder& q, Instant now);

}  // namespace huiyin::sql
