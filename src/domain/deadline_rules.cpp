#include "domain/deadline_rules.hpp"

#include <charconv>

#include "domain/table.hpp"

namespace huiyin {

using namespace std::chrono;

DeadlineRule DeadlineRules::rule_for(Channel ch, HandlingClass hc) const {
  const DeadlineRule* best = nullptr;
  int best_score = -1;
  for (const auto& r : rules_) {
    if (r.channel && *r.channel != ch) continue;
    if (r.handling_class && *r.handling_class != hc) continue;
    int score = (r.channel ? 2 : 0) + (r.handling_class ? 1 : 0);
    if (score > best_score) best = &r, best_score = score;
  }
  if (best) return *best;
  if (ch == Channel::petition) return {Channel::petition, std::nullopt, kPetitionHandleDays, false};
  return {std::nullopt, std::nullopt, 15, true};
}

Instant DeadlineRules::due(Instant from, Channel ch, HandlingClass hc,
                           const WorkCalendar& cal) const {
  DeadlineRule r = rule_for(ch, hc);
  Date start = local_date(from);
  Date end = r.working_days ? cal.add_working_days(start, r.days) : start + days{r.days};
  return end_of_local_day(end);
}

Instant DeadlineRules::extend(Instant deadline, int n, Channel ch, HandlingClass hc,
                              const WorkCalendar& cal) const {
  DeadlineRule r = rule_for(ch, hc);
  Date d = local_date(deadline);
  Date end = r.working_days ? cal.add_working_days(d, n) : d + days{n};
  return end_of_local_day(end);
}

Instant petition_acknowledge_due(Instant received) {
  return end_of_local_day(local_date(received) + days{kPetitionAcknowledgeDays});
}

Result<DeadlineRules> DeadlineRules::parse_tsv(std::string_view text) {
  std::vector<DeadlineRule> rules;
  for (const TableRow& row : read_tsv(text, {.comments = true})) {
    if (row[0] == "channel" && row.size() > 1) continue;  // the header line, wherever it is
    auto bad = [&] { return invalid("时限规则第" + std::to_string(row.line()) + "行无效", "rules"); };
    if (row.size() < 4) return bad();
    DeadlineRule r;
    if (row[0] != "*") {
      auto c = parse_channel(row[0]);
      if (!c) return bad();
      r.channel = *c;
    }
    if (row[1] != "*") {
      auto h = parse_handling_class(row[1]);
      if (!h) return bad();
      r.handling_class = *h;
    }
    const std::string_view days = row[2];
    auto [p, ec] = std::from_chars(days.data(), days.data() + days.size(), r.days);
    if (ec != std::errc{} || p != days.data() + days.size() || r.days <= 0 || r.days > 3650)
      return bad();
    if (row[3] == "working")
      r.working_days = true;
    else if (row[3] == "calendar")
      r.working_days = false;
    else
      return bad();
    rules.push_back(r);
  }
  return DeadlineRules(std::move(rules));
}

std::string DeadlineRules::to_tsv() const {
  std::string out = "channel\thandling_class\tdays\tunit\n";
  for (const auto& r : rules_) {
    out += r.channel ? std::string(code(*r.channel)) : "*";
    out += '\t';
    out += r.handling_class ? std::string(code(*r.handling_class)) : "*";
    out += '\t' + std::to_string(r.days) + '\t' + (r.working_days ? "working" : "calendar") + '\n';
  }
  return out;
}

std::string describe_deadline(Instant deadline, Instant now, const WorkCalendar& cal) {
  Date today = local_date(now), due = local_date(deadline);
  if (now > deadline) {
    int late = cal.working_days_between(due, today);
    return "超期" + std::to_string(late < 1 ? 1 : late) + "个工作日";
  }
  if (today == due) return "今日到期";
  return "剩余" + std::to_string(cal.working_days_between(today, due)) + "个工作日";
}

std::string describe_resolution(Instant deadline, Instant resolved_at, const WorkCalendar& cal) {
  if (resolved_at <= deadline) return "按期办结";
  int late = cal.working_days_between(local_date(deadline), local_date(resolved_at));
  return "超期" + std::to_string(late < 1 ? 1 : late) + "个工作日办结";
}

}  // namespace huiyin
