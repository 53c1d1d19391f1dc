#include "domain/escalation.hpp"

#include <array>
#include <charconv>

#include "domain/table.hpp"

namespace huiyin {

namespace {
struct LevelName {
  EscalationLevel level;
  std::string_view code, label;
};
constexpr std::array<LevelName, 6> kLevels{{
    {EscalationLevel::none, "none", "无"},
    {EscalationLevel::warned, "warned", "预警"},
    {EscalationLevel::reminded, "reminded", "提醒"},
    {EscalationLevel::supervised, "supervised", "督办(黄牌)"},
    {EscalationLevel::circulated, "circulated", "通报(红牌)"},
    {EscalationLevel::talk, "talk", "约谈"},
}};

Date last_working_day_on_or_before(Date d, const WorkCalendar& cal) {
  for (int i = 0; i < 60 && !cal.is_working_day(d); ++i) d -= std::chrono::days{1};
  return d;
}
}  // namespace

std::string_view code(EscalationLevel l) { return kLevels[static_cast<int>(l)].code; }
std::string_view label(EscalationLevel l) { return kLevels[static_cast<int>(l)].label; }
std::optional<EscalationLevel> parse_escalation_level(std::string_view s) {
  for (const auto& n : kLevels)
    if (n.code == s) return n.level;
  return std::nullopt;
}

const EscalationRule* EscalationRules::find(std::string_view c) const {
  for (const auto& r : rules_)
    if (r.code == c) return &r;
  return nullptr;
}

Instant EscalationRules::trigger(const EscalationRule& r, Instant start, Instant deadline,
                                 const WorkCalendar& cal) {
  const Date day = local_date(deadline);
  switch (r.anchor) {
    case EscalationAnchor::share: {
      const Instant span = deadline > start ? deadline - start : 0;
      return start + span * r.amount / 100;
    }
    case EscalationAnchor::last_day:
      return start_of_local_day(last_working_day_on_or_before(day, cal));
    case EscalationAnchor::overdue:
      return start_of_local_day(cal.add_working_days(day, r.amount));
  }
  return deadline;
}

std::vector<const EscalationRule*> EscalationRules::due(Instant start, Instant deadline,
                                                        Instant now,
                                                        const WorkCalendar& cal) const {
  std::vector<const EscalationRule*> out;
  for (const auto& r : rules_)
    if (trigger(r, start, deadline, cal) <= now) out.push_back(&r);
  return out;
}

Result<EscalationRules> EscalationRules::parse_tsv(std::string_view text) {
  std::vector<EscalationRule> rules;
  for (const TableRow& row : read_tsv(text, {.comments = true})) {
    if (row[0] == "code" && row.size() > 1) continue;  // the header line
    auto bad = [&](const std::string& why) {
      return invalid("督办规则第" + std::to_string(row.line()) + "行无效: " + why, "escalation_rules");
    };
    if (row.size() < 5) return bad("应有5列(代码、级别、起算、数值、名称)");
    EscalationRule r;
    r.code = row[0];
    if (r.code.empty()) return bad("缺少代码");
    for (const auto& o : rules)
      if (o.code == r.code) return bad("代码“" + r.code + "”重复");
    auto lv = parse_escalation_level(row[1]);
    if (!lv || *lv == EscalationLevel::none) return bad("级别“" + row[1] + "”无效");
    r.level = *lv;
    if (row[2] == "share")
      r.anchor = EscalationAnchor::share;
    else if (row[2] == "last_day")
      r.anchor = EscalationAnchor::last_day;
    else if (row[2] == "overdue")
      r.anchor = EscalationAnchor::overdue;
    else
      return bad("起算“" + row[2] + "”无效(share、last_day 或 overdue)");
    const std::string& n = row[3];
    auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), r.amount);
    if (ec != std::errc{} || p != n.data() + n.size() || r.amount < 0 ||
        (r.anchor == EscalationAnchor::share && (r.amount < 1 || r.amount > 99)) ||
        (r.anchor == EscalationAnchor::overdue && (r.amount < 1 || r.amount > 365)))
      return bad("数值“" + n + "”无效");
    r.label = row[4];
    if (r.label.empty()) return bad("缺少名称");
    rules.push_back(std::move(r));
  }
  return EscalationRules(std::move(rules));
}

}  // namespace huiyin
