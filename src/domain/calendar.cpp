#include "domain/calendar.hpp"

#include <charconv>
#include <cstdio>
#include <sstream>

#include "domain/table.hpp"

namespace huiyin {

using namespace std::chrono;

void WorkCalendar::set(Date d, DayType t, std::string name) {
  days_[d] = CalendarDay{d, t, std::move(name)};
}

bool WorkCalendar::is_working_day(Date d) const {
  if (auto it = days_.find(d); it != days_.end()) return it->second.type == DayType::workday;
  weekday wd{d};
  return wd != Saturday && wd != Sunday;
}

Date WorkCalendar::add_working_days(Date start, int n) const {
  Date d = start;
  int step = n >= 0 ? 1 : -1;
  for (int left = n >= 0 ? n : -n; left > 0;) {
    d += std::chrono::days{step};
    if (is_working_day(d)) --left;
  }
  return d;
}

int WorkCalendar::working_days_between(Date a, Date b) const {
  if (b < a) return -working_days_between(b, a);
  int n = 0;
  for (Date d = a + std::chrono::days{1}; d <= b; d += std::chrono::days{1})
    if (is_working_day(d)) ++n;
  return n;
}

Result<WorkCalendar> WorkCalendar::parse_tsv(std::string_view text) {
  WorkCalendar cal;
  for (const TableRow& row : read_tsv(text, {.comments = true})) {
    if (row[0] == "date" && row.size() > 1) continue;  // the header line, wherever it is
    const std::string at = "日历第" + std::to_string(row.line()) + "行";
    if (row.size() < 2) return invalid(at + "格式错误", "calendar");
    auto date = parse_date(row[0]);
    if (!date) return invalid(at + "日期无效", "calendar");
    if (row[1] == "holiday")
      cal.set(*date, DayType::holiday, row[2]);
    else if (row[1] == "workday")
      cal.set(*date, DayType::workday, row[2]);
    else
      return invalid(at + "类型应为 holiday 或 workday", "calendar");
  }
  return cal;
}

std::string WorkCalendar::to_tsv() const {
  std::string out = "date\ttype\tname\n";
  for (const auto& [d, day] : days_) {
    out += format_date(d);
    out += day.type == DayType::holiday ? "\tholiday\t" : "\tworkday\t";
    out += day.name;
    out += '\n';
  }
  return out;
}

Date local_date(Instant t) {
  return floor<days>(sys_seconds{seconds{t + kShanghaiOffset}});
}

Instant start_of_local_day(Date d) {
  return sys_seconds{d}.time_since_epoch().count() - kShanghaiOffset;
}

Instant end_of_local_day(Date d) { return start_of_local_day(d) + 86400 - 1; }

std::string format_date(Date d) {
  year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

Result<Date> parse_date(std::string_view s) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return invalid("日期格式应为YYYY-MM-DD");
  auto num = [&](std::size_t pos, std::size_t len, auto& out) {
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return r.ec == std::errc{} && r.ptr == s.data() + pos + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return invalid("日期格式应为YYYY-MM-DD");
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return invalid("日期无效");
  return Date{ymd};
}

std::string format_local_time(Instant t) {
  sys_seconds local{seconds{t + kShanghaiOffset}};
  Date d = floor<days>(local);
  auto tod = local - d;
  hh_mm_ss hms{tod};
  char buf[8];
  std::snprintf(buf, sizeof buf, " %02d:%02d", int(hms.hours().count()),
                int(hms.minutes().count()));
  return format_date(d) + buf;
}

}  // namespace huiyin
