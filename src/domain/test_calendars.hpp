// Calendars the domain tests share (test code only).
#pragma once

#include <gtest/gtest.h>

#include "domain/calendar.hpp"

namespace huiyin::testing {

inline Date day(const char* s) { return *parse_date(s); }

// The 2026 National Day week: 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 make-up workdays.
inline WorkCalendar national_day_2026() {
  auto cal = WorkCalendar::parse_tsv(
      "date\ttype\tname\n2026-10-01\tholiday\t国庆节\n2026-10-02\tholiday\t国庆节\n"
      "2026-10-03\tholiday\t国庆节\n2026-10-04\tholiday\t国庆节\n2026-10-05\tholiday\t国庆节\n"
      "2026-10-06\tholiday\t国庆节\n2026-10-07\tholiday\t国庆节\n"
      "2026-09-20\tworkday\t国庆节调休上班\n2026-10-10\tworkday\t国庆节调休上班\n");
  EXPECT_TRUE(cal.ok());
  return *cal;
}

}  // namespace huiyin::testing
