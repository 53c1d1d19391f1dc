// Leaders' 批示 on any subject (a matter, a field record): each `instruct` event's text, and the
// `answer` event that answers every one still waiting. Read from the subject's events, so every
// subject kind tracks them the same way. Pure; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "kernel/views.hpp"

namespace huiyin {

// `who` names an event's actor as people read them.
std::vector<InstructionView> instructions_of(const std::vector<Event>& events,
                                             const std::function<std::string(const Event&)>& who);
// Whether one of them still waits for its answer.
bool instruction_pending(const std::vector<InstructionView>& list);

}  // namespace huiyin
