// The rates leaders read (README "The three rates"), defined once: each a fraction of counts of
// matters (numerator ÷ denominator, no value when the denominator is 0), with its Chinese name
// and its definition as the dashboard and the docs print it. The counts come from the matters of
// a period (features/reports/rate_counts.cpp adds them up); what one matter contributes beyond
// plain columns is decided here from its timeline, so the SQL only reads rows:
//  - 及时签收 (signed_in_time): its latest assignment signed by the end of the `sign_days`-th
//    working day after the day of assignment; counted once signed, or once that limit passed
//    unsigned; an assignment the unit returned unsigned is left to 退回率;
//  - 按期办结 (on_time): its last resolution on or before the deadline then in force; resolved in
//    time only after an extension granted once an earlier deadline had passed is
//    on_time_after_extension (shown apart, not on time); after the deadline: late;
//  - 重办 (reopened): it went back to the unit (reopened) after a resolution; denominator: every
//    matter resolved at least once.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"

namespace huiyin {

struct Fraction {
  std::int64_t numerator = 0, denominator = 0;
  std::optional<double> value() const;  // nullopt when the denominator is 0
};

// The counts every rate is made of, over one set of matters.
struct RateCounts {
  // From the matters' columns (features/matters/matter_stats_store.hpp StatsCounts).
  std::int64_t collected = 0, responded_in_time = 0;
  std::int64_t evaluated = 0, solved = 0, satisfied = 0;  // verifications by timeout left out
  std::int64_t assigned = 0, returned = 0;                // matters ever assigned; ever returned
  std::int64_t overdue_open = 0, overdue_resolved = 0;    // open past deadline now; resolved late
  // From each matter's timeline (add_timeline).
  std::int64_t sign_counted = 0, signed_in_time = 0;
  std::int64_t resolved_with_deadline = 0, on_time = 0, on_time_after_extension = 0, late = 0;
  std::int64_t resolved_ever = 0, reopened = 0;
  // 回头看 (spot checks): the matters' re-verifications recorded, and those that failed.
  std::int64_t spot_checked = 0, spot_failed = 0;

  RateCounts& operator+=(const RateCounts& o);
};

enum class RateKey {
  response, resolution, satisfaction, signed_in_time, on_time, returned, reopened, spot_check_failed
};

struct RateDefinition {
  RateKey key;
  std::string_view code;        // JSON key: response, resolution ...
  std::string_view label;       // 响应率 ...
  std::string_view numerator;   // what the numerator counts, as the dashboard prints it
  std::string_view denominator;
  std::string_view definition;  // one sentence: numerator ÷ denominator, and what is left out
  bool higher_is_better = true;
};

// Every rate, in the order the dashboard shows them.
const std::vector<RateDefinition>& rate_definitions();
const RateDefinition& definition_of(RateKey k);
// 超期件数 is a count, not a rate: its definition.
inline constexpr std::string_view kOverdueLabel = "超期件数";
inline constexpr std::string_view kOverdueDefinition =
    "当前仍在办理且已过办理时限的件数,加上已办结但办结晚于时限的件数。";

struct RateSet {
  Fraction response, resolution, satisfaction, signed_in_time, on_time, returned, reopened,
      spot_check_failed;
  const Fraction& of(RateKey k) const;
};
RateSet rates_of(const RateCounts& c);

// One event of a matter's timeline as the rates read it.
struct TimelineEvent {
  std::string type;       // the action code: assign, sign, return, resolve, extend_decide ...
  Instant at = 0;
  std::string to_status;  // the status it left the matter in
  std::optional<Instant> deadline;  // the deadline it gave the matter (end of that local day)
};

// The default sign-for limit (签收时限), in working days after the day of assignment; the
// setting `sign_for_working_days` replaces it.
inline constexpr int kDefaultSignForWorkingDays = 1;
inline constexpr const char* kSignForSetting = "sign_for_working_days";
// The end of the sign-for limit of an assignment at `assigned_at`.
Instant sign_for_limit(Instant assigned_at, int sign_days, const WorkCalendar& cal);

// What one matter's timeline (its events oldest first) says, before any clock or calendar is
// applied: the latest giving to a unit and its first sign or unsigned return, whether an
// extension came after the deadline it replaced had passed, resolution and reopening, spot checks.
// The stored per-matter figures (features/matters/matter_facts_store.hpp) keep exactly this.
struct TimelineFacts {
  std::optional<Instant> given, signed_at;  // latest assign/review/recheck; its first sign
  bool returned_unsigned = false;           // returned before that sign
  bool extended_after_overdue = false;
  bool resolved_once = false, reopened = false;
  std::int64_t spot_checked = 0, spot_failed = 0;
};
TimelineFacts scan_timeline(const std::vector<TimelineEvent>& events);

// Whether the latest giving counts in 及时签收率 (signed, or its limit passed unsigned and not
// returned) and whether it was signed in time, `limit` being sign_for_limit() of `given`.
struct SignFor {
  bool counted = false, in_time = false;
};
SignFor sign_for(const TimelineFacts& t, Instant limit, Instant now);

// Adds what one matter's timeline (its events oldest first) contributes to `c`: sign-for,
// on-time resolution and reopening. `resolved_at`/`deadline` are its current columns: set when
// it stands resolved now.
void add_timeline(RateCounts& c, const std::vector<TimelineEvent>& events,
                  std::optional<Instant> resolved_at, std::optional<Instant> deadline,
                  int sign_days, const WorkCalendar& cal, Instant now);

// The event types add_timeline reads (the SQL fetches only these).
const std::vector<std::string_view>& timeline_event_types();
// Whether an action gives the matter its deadline (payload `deadline`, a local date): assign,
// extend_decide, reopen, verify/evaluate (unsolved, reopened), review_request, recheck_request.
bool sets_deadline(std::string_view event_type);
// Whether an action gives the matter to a unit to sign (assign, review_request, recheck_request).
bool gives_to_unit(std::string_view event_type);

}  // namespace huiyin
