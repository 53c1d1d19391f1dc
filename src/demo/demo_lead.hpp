// The demo's units leading their work, seeded after the matters are replayed (at the seed's
// `now`): 市住建局 turns 审核答复 on and one of its handler's replies waits for the unit
// leader's review, 市城管局's unit leader has given a few matters to its handler by name (分办),
// and the city leader's 批示 on one of them waits for the unit's answer.
#pragma once

#include <map>
#include <string>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

Status seed_unit_leading(Services& s, const std::map<std::string, Actor>& actors);

}  // namespace huiyin
