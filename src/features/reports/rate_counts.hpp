// The counts behind every rate (domain/rates.hpp) for the matters of a figure: the column counts
// the matters feature adds up in SQL (matter_stats_store.hpp), and each matter's timeline (its
// assignment, sign, return, resolve, extension and reopen events) read in one query and added up
// here, whole or per group key. Thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/rates.hpp"
#include "features/matters/matter_facts_store.hpp"
#include "features/matters/matter_stats_store.hpp"
#include "store/tx.hpp"

namespace huiyin {

// The rate counts that come from the matters' columns.
RateCounts column_rate_counts(const StatsCounts& c);

// The sign-for limit in force: the setting sign_for_working_days, else 1 working day.
int sign_for_working_days(Tx& tx);

// The sign-for rule in force (features/matters/matter_facts_store.hpp SignForRule).
using TimelineSetup = SignForRule;

}  // namespace huiyin

namespace huiyin::db {

// The timeline counts of the filter's matters: one entry keyed "" when `by` is empty, else one per
// group key (as stats_grouped keys them).
std::map<std::string, RateCounts> timeline_counts(Tx& tx, const StatsFilter& f,
                                                  std::optional<GroupBy> by, const TimelineSetup& s);

// The stored per-matter figures (matter_facts_store.hpp) held against a full recount of every
// matter (stats, stats_grouped and timeline_counts) at `now`, with the sign-for rule and the
// calendar stored: whole, and by lead unit, category, channel, status and day. Returns the
// differences found (at most `limit`, each "分组 键: 项目 底表 N ≠ 重算 M"); empty when they agree.
std::vector<std::string> stored_figures_differences(Tx& tx, Instant now, std::size_t limit = 20);

}  // namespace huiyin::db
