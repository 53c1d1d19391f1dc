// 督办台账: how many matters stand at each step of the escalation ladder now (预警, 提醒, 督办,
// 通报 — the 通报 list — and 约谈 — the 约谈 proposal), each the total of the matter list
// `GET /api/v1/matters?escalation=<level>` for the same asker and org, so a count and the list
// it opens cannot differ. Scoped like the list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/escalation.hpp"
#include "domain/result.hpp"
#include "features/matters/matters.hpp"

namespace huiyin {

struct LadderStep {
  EscalationLevel level = EscalationLevel::warned;
  std::int64_t count = 0;
};

Result<std::vector<LadderStep>> escalation_ladder(MatterService& matters, const Actor& actor,
                                                  const std::string& org);

}  // namespace huiyin
