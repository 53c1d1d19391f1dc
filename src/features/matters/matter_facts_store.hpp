// The stored per-matter figures (table matter_facts, migration 022): one narrow row per matter
// with what its columns and its timeline contribute to the rates (domain/rates.hpp), rewritten
// in the same transaction as the events that change the matter (the store's commit hook, set by
// Services, calls refresh_matter_facts for the matters the transaction touched). A figure over a
// period then reads these rows with the same filters and groupings as the matters
// (matter_stats_store.hpp) — one query, no events, no evaluations — and only what depends on the
// clock (超期 now, a sign-for limit passed) or on the calendar in force (the sign-for limit of
// each day) is worked out when read. db::stats/stats_grouped plus timeline_counts stay the full
// recount these must equal (tests, `huiyin stats check`).
// Published by the matters feature to the reports feature.
#pragma once

#include <cstdint>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/rates.hpp"
#include "features/matters/matter_stats_store.hpp"
#include "store/tx.hpp"

namespace huiyin {

// The counts of one set of matters from their stored figures: the column counts and the
// timeline counts (the column rate counts are derived from the former, see rate_counts.hpp).
struct FactFigures {
  StatsCounts counts;
  RateCounts timeline;
};

// How the sign-for limit is read: working days after the day of assignment, on this calendar.
struct SignForRule {
  int sign_days = kDefaultSignForWorkingDays;
  const WorkCalendar* calendar = nullptr;
};

}  // namespace huiyin

namespace huiyin::db {

// Recomputes the stored figures of these matters from their rows and timelines.
void refresh_matter_facts(Tx& tx, const std::vector<Id>& ids);
// Recomputes every matter's stored figures, in batches; returns the number of matters.
std::int64_t rebuild_matter_facts(Tx& tx);
// Whether some matter has no stored figures (a database filled before migration 022, or by a
// path that bypassed the commit hook): compares the counts and the largest ids.
bool matter_facts_behind(Tx& tx);

// The figures of the filter's matters from their stored figures, whole, and grouped (in the
// order and with the keys of stats_grouped).
FactFigures fact_figures(Tx& tx, const StatsFilter& f, const SignForRule& rule);
std::vector<std::pair<std::string, FactFigures>> fact_figures_grouped(Tx& tx, const StatsFilter& f,
                                                                      GroupBy by,
                                                                      const SignForRule& rule);

}  // namespace huiyin::db
