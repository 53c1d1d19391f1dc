#include "kernel/instructions.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace huiyin {

std::vector<InstructionView> instructions_of(const std::vector<Event>& events,
                                             const std::function<std::string(const Event&)>& who) {
  std::vector<InstructionView> out;
  for (const Event& e : events) {
    if (e.type != "instruct" && e.type != "answer") continue;
    auto p = nlohmann::json::parse(e.payload, nullptr, false);
    if (!p.is_object()) p = nlohmann::json::object();
    if (e.type == "instruct") {
      out.push_back({who(e), e.at, p.value("reason", ""), std::nullopt, ""});
      continue;
    }
    for (auto& i : out)
      if (!i.answered_at) {
        i.answered_at = e.at;
        i.answer = p.value("reply", "");
      }
  }
  return out;
}

bool instruction_pending(const std::vector<InstructionView>& list) {
  return std::any_of(list.begin(), list.end(),
                     [](const InstructionView& i) { return !i.answered_at; });
}

}  // namespace huiyin
