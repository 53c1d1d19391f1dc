// Working-day calendar: weekends are rest days unless listed as make-up workdays (调休上班);
// listed holidays are rest days. The lists are data an administrator maintains (TSV:
// `date<TAB>type<TAB>name`, type `holiday` or `workday`). Dates are local (Asia/Shanghai).
// Immutable after construction; safe to share across threads.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "domain/result.hpp"

namespace huiyin {

using Date = std::chrono::sys_days;

enum class DayType { holiday, workday };

struct CalendarDay {
  Date date;
  DayType type;
  std::string name;
};

class WorkCalendar {
 public:
  WorkCalendar() = default;
  void set(Date d, DayType t, std::string name = {});
  bool is_working_day(Date d) const;
  // The date `n` working days after `start` (start itself not counted); n = 0 gives start.
  Date add_working_days(Date start, int n) const;
  // Working days in (a, b]; negative when b < a.
  int working_days_between(Date a, Date b) const;
  const std::map<Date, CalendarDay>& days() const { return days_; }

  static Result<WorkCalendar> parse_tsv(std::string_view text);
  std::string to_tsv() const;

 private:
  std::map<Date, CalendarDay> days_;
};

Date local_date(Instant t);          // the Asia/Shanghai date of an instant
Instant end_of_local_day(Date d);    // 23:59:59 Asia/Shanghai on d, as UTC seconds
Instant start_of_local_day(Date d);  // 00:00:00 Asia/Shanghai on d
std::string format_date(Date d);     // YYYY-MM-DD
Result<Date> parse_date(std::string_view s);  // YYYY-MM-DD
std::string format_local_time(Instant t);     // YYYY-MM-DD HH:MM (Asia/Shanghai)

}  // namespace huiyin
