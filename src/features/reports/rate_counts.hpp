// The counts behind every rate (domain/rates.hpp) for the matters of a figure: the column counts
// the matters feature adds up in SQL (matter_stats_store.hpp), and each matter's timeline (its
// assignment, sign, return, resolve, extension and reopen events) read in one query and added up
// here, whole or per group key. Thread-safe.
#pragma once

#include <map>
#include <string>

#include "domain/calendar.hpp"
#include "domain/rates.hpp"
#include "features/matters/matter_stats_store.hpp"
#include "store/tx.hpp"

namespace huiyin {

// The rate counts that come from the matters' columns.
RateCounts column_rate_counts(const StatsCounts& c);

// The sign-for limit in force: the setting sign_for_working_days, else 1 working day.
int sign_for_working_days(Tx& tx);

struct TimelineSetup {
  int sign_days = kDefaultSignForWorkingDays;
  const WorkCalendar* calendar = nullptr;
};

}  // namespace huiyin

namespace huiyin::db {

// The timeline counts of the filter's matters: one entry keyed "" when `by` is empty, else one per
// group key (as stats_grouped keys them).
std::map<std::string, RateCounts> timeline_counts(Tx& tx, const StatsFilter& f,
                                                  std::optional<GroupBy> by, const TimelineSetup& s);

}  // namespace huiyin::db
