// Escalation rules (the 预警 → 提醒 → 督办 → 通报 → 约谈 ladder): when each step is due for a
// matter whose deadline runs, from the time it was given (its assignment) and its deadline, over
// the working-day calendar. Rules are data (TSV `code<TAB>level<TAB>anchor<TAB>amount<TAB>label`):
//   anchor `share`    — at `amount`% of the time between assignment and deadline (预警 at 80%);
//   anchor `last_day` — at the start of the last working day on or before the deadline's day;
//   anchor `overdue`  — at the start of the `amount`-th working day after the deadline's day
//                       (1: the first working day the matter is late).
// A matter's level is the highest level among the rules that fired against its current deadline.
// Immutable after construction; pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/result.hpp"

namespace huiyin {

enum class EscalationLevel { none, warned, reminded, supervised, circulated, talk };

std::string_view code(EscalationLevel l);   // none, warned, reminded, supervised, circulated, talk
std::string_view label(EscalationLevel l);  // 无, 预警, 提醒, 督办(黄牌), 通报(红牌), 约谈
std::optional<EscalationLevel> parse_escalation_level(std::string_view s);

enum class EscalationAnchor { share, last_day, overdue };

struct EscalationRule {
  std::string code;   // names the rule in the audit event (warn_80, supervise_3 ...)
  EscalationLevel level = EscalationLevel::warned;
  EscalationAnchor anchor = EscalationAnchor::overdue;
  int amount = 0;     // percent (share) or working days (overdue); unused for last_day
  std::string label;  // as people read it: 超期3个工作日督办
};

class EscalationRules {
 public:
  EscalationRules() = default;
  explicit EscalationRules(std::vector<EscalationRule> rules) : rules_(std::move(rules)) {}

  const std::vector<EscalationRule>& rules() const { return rules_; }
  const EscalationRule* find(std::string_view code) const;
  // When `r` fires for a matter given at `start` with `deadline` (end of a local day).
  static Instant trigger(const EscalationRule& r, Instant start, Instant deadline,
                         const WorkCalendar& cal);
  // The rules whose trigger is at or before `now`, in rule order.
  std::vector<const EscalationRule*> due(Instant start, Instant deadline, Instant now,
                                         const WorkCalendar& cal) const;

  // The shipped ladder is share/data/escalation_rules.tsv (the setting escalation_rules
  // replaces it); an empty table escalates nothing.
  static Result<EscalationRules> parse_tsv(std::string_view text);

 private:
  std::vector<EscalationRule> rules_;
};

}  // namespace huiyin
