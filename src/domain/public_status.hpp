// The words the public sees for a matter's state and its steps (the 回音壁 and the reporter's
// track page, issue 9): plain wording instead of the internal workflow's (被退回, 已回访, 已销号…).
//
//   待受理 (submitted)             the report arrived, not yet looked at
//   已受理 (accepted)              taken on, a unit is being chosen
//   不予受理 (rejected)            not taken on (the reason is shown)
//   办理中 (assigned, signed, returned)  a unit is handling it — a return to the dispatcher for
//                                  another unit is internal, the public sees it still in hand
//   已办结待确认 (resolved)        the unit answered; waiting for the reporter's confirmation
//   已解决 (verified, closed)      the reporter (or a 回访 call) confirmed it solved
//   未解决重办 (reopened)          confirmed not solved; handled again
//   已合并办理 (merged)            handled together with the same matter reported earlier
#pragma once

#include <string_view>

#include "domain/codes.hpp"

namespace huiyin {

std::string_view public_label(MatterStatus s);
// The step of a public timeline event (`type`: an action code, submit, evaluate, merged…).
std::string_view public_event_label(std::string_view type);

}  // namespace huiyin
