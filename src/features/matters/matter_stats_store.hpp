// Store functions behind the three rates: counts of matters over a period, whole or grouped.
// Published by the matters feature to the reports feature.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/scope.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct StatsFilter {
  Scope scope;
  std::optional<Id> org;  // subtree
  Instant from = 0, to = 0;  // matters created in [from, to)
  Instant now = 0;
  std::string channel;           // channel code; empty: all
  std::optional<Id> category;    // category subtree
};

// Counts behind the three rates; every figure is a count of matters (see README for definitions).
// Merged duplicates are left out of every count (the matter they merged into carries them).
struct StatsCounts {
  std::int64_t collected = 0;           // created in the period (merged ones excluded)
  std::int64_t responded = 0;           // left `submitted` (accepted or rejected)
  std::int64_t responded_in_time = 0;   // ... within 24 hours of intake
  std::int64_t accepted = 0;            // accepted at some point
  std::int64_t rejected = 0;
  std::int64_t assigned = 0;
  std::int64_t resolved = 0;            // handler answered (resolved, verified, closed)
  std::int64_t evaluated = 0;           // verification recorded (by citizen or staff call; the
                                        // latest one by a timeout rule is not counted)
  std::int64_t solved = 0;              // verification said solved
  std::int64_t satisfied = 0;           // satisfied or basically satisfied
  std::int64_t closed = 0;
  std::int64_t overdue = 0;             // open past deadline now, or resolved after deadline
  std::int64_t returned = 0;            // returns (退回) suffered so far by the period's matters
  std::int64_t overdue_open = 0;        // of overdue: open past deadline now
  std::int64_t returned_matters = 0;    // matters returned at least once
};

enum class GroupBy { org_lead, category, channel, day, status };

struct GroupCount {
  std::string key;  // org id, category id, channel code, YYYY-MM-DD (local) or status code
  StatsCounts counts;
};

}  // namespace huiyin

namespace huiyin::db {

StatsCounts stats(Tx& tx, const StatsFilter& f);
std::vector<GroupCount> stats_grouped(Tx& tx, const StatsFilter& f, GroupBy by);

// What the figures share, for other queries over the same matters (features/reports): the group
// key expression of `by` with the joins it needs, and the WHERE of the filter (" WHERE ..." over
// matters `m`, merged duplicates left out), appended to q.sql.
struct GroupKey {
  const char* key;
  const char* joins;
};
GroupKey group_key(GroupBy by);
void add_stats_where(sql::QueryBuilder& q, const StatsFilter& f);
// The counts of a row whose columns from `first` on are those of stats(): the 13 column counts,
// then overdue and overdue_open (the stored figures' query reads its rows the same way).
StatsCounts stats_counts_of_row(const sql::Row& r, std::size_t first);
// A group key as read from a row: "" for NULL, YYYY-MM-DD for a day, else the text.
std::string group_key_text(const sql::Row& r, std::size_t i, GroupBy by);

}  // namespace huiyin::db
