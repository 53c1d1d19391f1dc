#include "features/supervision/ladder.hpp"

namespace huiyin {

Result<std::vector<LadderStep>> escalation_ladder(MatterService& matters, const Actor& actor,
                                                  const std::string& org) {
  std::vector<LadderStep> out;
  for (EscalationLevel l : {EscalationLevel::warned, EscalationLevel::reminded,
                            EscalationLevel::supervised, EscalationLevel::circulated,
                            EscalationLevel::talk}) {
    MatterQuery q;
    q.org = org;
    q.escalation = std::string(code(l));
    q.limit = 1;
    q.with_total = true;
    auto list = matters.list(actor, q);
    if (!list) return list.error();
    out.push_back({l, list->total.value_or(0)});
  }
  return out;
}

}  // namespace huiyin
