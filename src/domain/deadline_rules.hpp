// Deadline rules: how long a matter may take, per channel and handling class, in working days
// over a WorkCalendar or in calendar days. The most specific rule wins (channel and class, then
// class only, then channel only, then the default). Petitions follow the 信访工作条例: notice of
// acceptance within 15 days, handling within 60 days, one extension of at most 30 days.
// Rules are data (TSV `channel<TAB>handling_class<TAB>days<TAB>unit`, `*` for any; unit
// `working` or `calendar`). Immutable after construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/codes.hpp"

namespace huiyin {

struct DeadlineRule {
  std::optional<Channel> channel;               // nullopt: any channel
  std::optional<HandlingClass> handling_class;  // nullopt: any class
  int days = 0;
  bool working_days = true;
};

constexpr int kPetitionAcknowledgeDays = 15;  // 告知受理, calendar days
constexpr int kPetitionHandleDays = 60;       // 办结, calendar days

class DeadlineRules {
 public:
  DeadlineRules() = default;
  explicit DeadlineRules(std::vector<DeadlineRule> rules) : rules_(std::move(rules)) {}

  // The rule that applies; a built-in default (15 working days) when no row matches.
  DeadlineRule rule_for(Channel ch, HandlingClass hc) const;
  // The deadline instant (end of the local day) for a matter assigned at `from`.
  Instant due(Instant from, Channel ch, HandlingClass hc, const WorkCalendar& cal) const;
  // Extends `deadline` by `days` in the unit of the rule that applies.
  Instant extend(Instant deadline, int days, Channel ch, HandlingClass hc,
                 const WorkCalendar& cal) const;
  const std::vector<DeadlineRule>& rules() const { return rules_; }

  static Result<DeadlineRules> parse_tsv(std::string_view text);
  std::string to_tsv() const;

 private:
  std::vector<DeadlineRule> rules_;
};

// When a petition-channel matter must be acknowledged (15 calendar days after intake).
Instant petition_acknowledge_due(Instant received);

// Deadline wording as offices use it: "剩余3个工作日", "今日到期", "超期2个工作日" (working days
// both ways; a matter past its deadline is at least 1 working day late).
std::string describe_deadline(Instant deadline, Instant now, const WorkCalendar& cal);
// How a resolved matter met its deadline: "按期办结", or "超期2个工作日办结" counted from the
// deadline to the day it was resolved; it no longer counts down.
std::string describe_resolution(Instant deadline, Instant resolved_at, const WorkCalendar& cal);

}  // namespace huiyin
