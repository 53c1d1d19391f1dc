#include "domain/calendar.hpp"

#include <gtest/gtest.h>

#include "domain/test_calendars.hpp"

namespace huiyin {
namespace {

using testing::national_day_2026;
Date d(const char* s) { return testing::day(s); }

TEST(Calendar, WeekendsRestHolidaysRestMakeUpDaysWork) {
  auto cal = national_day_2026();
  EXPECT_TRUE(cal.is_working_day(d("2026-09-30")));   // Wednesday
  EXPECT_FALSE(cal.is_working_day(d("2026-10-01")));  // holiday on a Thursday
  EXPECT_FALSE(cal.is_working_day(d("2026-10-03")));  // Saturday, holiday
  EXPECT_TRUE(cal.is_working_day(d("2026-10-10")));   // Saturday, make-up workday
  EXPECT_TRUE(cal.is_working_day(d("2026-09-20")));   // Sunday, make-up workday
  EXPECT_FALSE(cal.is_working_day(d("2026-10-11")));  // ordinary Sunday
}

TEST(Calendar, AddingWorkingDaysSkipsTheHolidayAndCountsTheMakeUpDay) {
  auto cal = national_day_2026();
  // From Wed 09-30: the holiday week is skipped; Thu 10-08, Fri 10-09, Sat 10-10 (make-up).
  EXPECT_EQ(cal.add_working_days(d("2026-09-30"), 1), d("2026-10-08"));
  EXPECT_EQ(cal.add_working_days(d("2026-09-30"), 3), d("2026-10-10"));
  EXPECT_EQ(cal.add_working_days(d("2026-09-30"), 4), d("2026-10-12"));
  EXPECT_EQ(cal.add_working_days(d("2026-09-30"), 0), d("2026-09-30"));
  EXPECT_EQ(cal.working_days_between(d("2026-09-30"), d("2026-10-12")), 4);
  EXPECT_EQ(cal.working_days_between(d("2026-10-12"), d("2026-09-30")), -4);
  // Without the calendar the same span is plain weekdays.
  WorkCalendar plain;
  EXPECT_EQ(plain.add_working_days(d("2026-09-30"), 4), d("2026-10-06"));
}

TEST(Calendar, ParsesAndWritesTsvAndRejectsBadRows) {
  auto cal = national_day_2026();
  auto again = WorkCalendar::parse_tsv(cal.to_tsv());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->days().size(), 9u);
  EXPECT_FALSE(WorkCalendar::parse_tsv("2026-13-01\tholiday\tx\n").ok());
  EXPECT_FALSE(WorkCalendar::parse_tsv("2026-10-01\trest\tx\n").ok());
  EXPECT_FALSE(WorkCalendar::parse_tsv("not a row\n").ok());
}

TEST(Calendar, LocalDatesAreShanghaiDates) {
  // 2026-10-01 16:30 UTC is 2026-10-02 00:30 in Shanghai.
  Instant t = start_of_local_day(d("2026-10-02")) + 30 * 60;
  EXPECT_EQ(local_date(t), d("2026-10-02"));
  EXPECT_EQ(local_date(t - 3600), d("2026-10-01"));
  EXPECT_EQ(format_local_time(t), "2026-10-02 00:30");
  EXPECT_EQ(end_of_local_day(d("2026-10-01")) + 1, start_of_local_day(d("2026-10-02")));
}

}  // namespace
}  // namespace huiyin
