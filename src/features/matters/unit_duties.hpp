// What a matter's lead unit owes and who in it has the matter, read from the matter's events:
// a 督办 or a leader's 批示 waiting for the unit's 答复 (one answer answers whatever waits), the
// handler a unit leader gave it to (分办), and a handler's reply held for review (审核答复,
// where the unit turns review on: the reply has not gone out). A new unit (assignment, return,
// 复查) has nobody handling it and nothing under review; a 督办 lapses with a new assignment, a
// 批示 waits for whoever has the matter next. Pure over the events; the labels come from the caller.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "kernel/views.hpp"

namespace huiyin {

// The event of a handler's reply held for review; the unit leader's review_reply approves it
// (then the matter is resolved as by the handler) or sends it back.
inline constexpr std::string_view kReplyForReview = "reply_for_review";

// The setting that turns 审核答复 on for a unit: "review_reply:<org code>" = "on".
std::string review_reply_setting(std::string_view org_code);

struct UnitDuties {
  bool supervision_pending = false;
  bool instruction_pending = false;
  std::vector<InstructionView> instructions;
  std::optional<HandlerRef> handler;
  ReplyReview review;
};

// `who` names an event's actor as people read them.
UnitDuties unit_duties(const std::vector<Event>& events,
                       const std::function<std::string(const Event&)>& who);

}  // namespace huiyin
