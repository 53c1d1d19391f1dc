#include "domain/rates.hpp"

#include <gtest/gtest.h>

namespace huiyin {
namespace {

Instant at(const char* day, int hour) { return start_of_local_day(*parse_date(day)) + hour * 3600; }
Instant end_of(const char* day) { return end_of_local_day(*parse_date(day)); }

TimelineEvent ev(const char* type, Instant when, const char* to = "",
                 std::optional<Instant> deadline = std::nullopt) {
  return {type, when, to, deadline};
}

TEST(Rates, AFractionWithoutDenominatorHasNoValue) {
  EXPECT_FALSE((Fraction{0, 0}).value());
  EXPECT_DOUBLE_EQ(*(Fraction{1, 4}).value(), 0.25);
}

TEST(Rates, EveryRateHasADefinition) {
  for (const auto& d : rate_definitions()) {
    EXPECT_FALSE(d.label.empty());
    EXPECT_FALSE(d.definition.empty());
  }
  EXPECT_FALSE(definition_of(RateKey::returned).higher_is_better);
  RateCounts c;
  EXPECT_EQ(rates_of(c).spot_check_failed.denominator, 0);
}

// Regression: a 回头看 failure reopens the matter through a spot_check event, which the timeline
// first did not read, so neither 重办率 nor 回头看不合格率 saw it.
TEST(Rates, ASpotCheckFailureCountsAsCheckedFailedAndReopened) {
  WorkCalendar cal;
  const Instant t = start_of_local_day(*parse_date("2026-11-02")) + 9 * 3600;
  std::vector<TimelineEvent> failed = {{"assign", t, "assigned", std::nullopt},
                                       {"sign", t + 3600, "signed", std::nullopt},
                                       {"resolve", t + 7200, "resolved", std::nullopt},
                                       {"verify", t + 86400, "verified", std::nullopt},
                                       {"spot_check", t + 5 * 86400, "reopened", std::nullopt}};
  std::vector<TimelineEvent> passed = failed;
  passed.back().to_status = "verified";
  RateCounts c;
  add_timeline(c, failed, std::nullopt, std::nullopt, 1, cal, t + 6 * 86400);
  add_timeline(c, passed, t + 7200, std::nullopt, 1, cal, t + 6 * 86400);
  EXPECT_EQ(c.spot_checked, 2);
  EXPECT_EQ(c.spot_failed, 1);
  EXPECT_EQ(c.reopened, 1);
  EXPECT_EQ(c.resolved_ever, 2);
  const RateSet r = rates_of(c);
  EXPECT_EQ(r.spot_check_failed.numerator, 1);
  EXPECT_EQ(r.spot_check_failed.denominator, 2);
}

TEST(Rates, SignForLimitIsTheEndOfTheNextWorkingDay) {
  WorkCalendar cal;
  // Friday 2026-11-27: the next working day is Monday 11-30.
  EXPECT_EQ(sign_for_limit(at("2026-11-27", 10), 1, cal), end_of("2026-11-30"));
  cal.set(*parse_date("2026-11-30"), DayType::holiday);
  EXPECT_EQ(sign_for_limit(at("2026-11-27", 10), 1, cal), end_of("2026-12-01"));
  EXPECT_EQ(sign_for_limit(at("2026-11-27", 10), 0, cal), end_of("2026-11-27"));
}

TEST(Rates, SignedLateOnTimeReturnedOrPending) {
  WorkCalendar cal;
  const Instant now = at("2026-12-10", 9);
  RateCounts c;
  add_timeline(c, {ev("assign", at("2026-11-23", 10)), ev("sign", at("2026-11-24", 17))},
               std::nullopt, std::nullopt, 1, cal, now);
  add_timeline(c, {ev("assign", at("2026-11-23", 10)), ev("sign", at("2026-11-26", 9))},
               std::nullopt, std::nullopt, 1, cal, now);
  // Returned unsigned: left to 退回率.
  add_timeline(c, {ev("assign", at("2026-11-23", 10)), ev("return", at("2026-11-23", 11))},
               std::nullopt, std::nullopt, 1, cal, now);
  // Unsigned within the limit: not yet counted; past it: counted, not in time.
  add_timeline(c, {ev("assign", at("2026-12-10", 8))}, std::nullopt, std::nullopt, 1, cal, now);
  add_timeline(c, {ev("assign", at("2026-12-01", 8))}, std::nullopt, std::nullopt, 1, cal, now);
  EXPECT_EQ(c.sign_counted, 3);
  EXPECT_EQ(c.signed_in_time, 1);
}

TEST(Rates, AnExtensionAfterTheDeadlinePassedIsShownApart) {
  WorkCalendar cal;
  const Instant now = at("2026-12-10", 9);
  RateCounts c;
  // Extended before the deadline, resolved within the new one: on time.
  add_timeline(c,
               {ev("assign", at("2026-11-23", 10), "assigned", end_of("2026-11-25")),
                ev("extend_decide", at("2026-11-25", 9), "signed", end_of("2026-11-30")),
                ev("resolve", at("2026-11-27", 9), "resolved")},
               at("2026-11-27", 9), end_of("2026-11-30"), 1, cal, now);
  // Extended after the deadline passed, then resolved within the new one: apart.
  add_timeline(c,
               {ev("assign", at("2026-11-23", 10), "assigned", end_of("2026-11-25")),
                ev("extend_decide", at("2026-11-26", 9), "signed", end_of("2026-12-01")),
                ev("resolve", at("2026-11-30", 9), "resolved")},
               at("2026-11-30", 9), end_of("2026-12-01"), 1, cal, now);
  // Resolved after its deadline: late; reopened afterwards, resolved again in time: on time.
  add_timeline(c,
               {ev("assign", at("2026-11-23", 10), "assigned", end_of("2026-11-25")),
                ev("resolve", at("2026-11-26", 9), "resolved"),
                ev("evaluate", at("2026-11-27", 9), "reopened", end_of("2026-12-04")),
                ev("resolve", at("2026-12-01", 9), "resolved")},
               at("2026-12-01", 9), end_of("2026-12-04"), 1, cal, now);
  add_timeline(c,
               {ev("assign", at("2026-11-23", 10), "assigned", end_of("2026-11-25")),
                ev("resolve", at("2026-11-26", 9), "resolved")},
               at("2026-11-26", 9), end_of("2026-11-25"), 1, cal, now);
  EXPECT_EQ(c.resolved_with_deadline, 4);
  EXPECT_EQ(c.on_time, 2);
  EXPECT_EQ(c.on_time_after_extension, 1);
  EXPECT_EQ(c.late, 1);
  EXPECT_EQ(c.resolved_ever, 4);
  EXPECT_EQ(c.reopened, 1);
  const RateSet r = rates_of(c);
  EXPECT_DOUBLE_EQ(*r.on_time.value(), 0.5);
  EXPECT_DOUBLE_EQ(*r.reopened.value(), 0.25);
}

}  // namespace
}  // namespace huiyin
