#include "features/matters/unit_duties.hpp"

#include <nlohmann/json.hpp>

#include "kernel/instructions.hpp"

namespace huiyin {

std::string review_reply_setting(std::string_view org_code) {
  return "review_reply:" + std::string(org_code);
}

UnitDuties unit_duties(const std::vector<Event>& events,
                       const std::function<std::string(const Event&)>& who) {
  UnitDuties d;
  auto is = [](const Event& e, Action a) { return e.type == code(a); };
  for (const Event& e : events) {
    auto p = nlohmann::json::parse(e.payload, nullptr, false);
    if (!p.is_object()) p = nlohmann::json::object();
    if (is(e, Action::supervise)) {
      d.supervision_pending = true;
    } else if (is(e, Action::answer)) {
      d.supervision_pending = false;
    } else if (is(e, Action::assign) || is(e, Action::return_) || is(e, Action::review_request) ||
               is(e, Action::recheck_request) || is(e, Action::object_decide)) {
      // Another unit (or none) has it now: its 督办 lapses (as SupervisionState reads it) and
      // nobody handles it; a leader's 批示 is on the matter and waits for whoever has it next.
      if (!is(e, Action::object_decide) || p.value("approve", false)) {
        if (is(e, Action::assign)) d.supervision_pending = false;
        d.handler.reset();
        d.review = {};
      }
    } else if (is(e, Action::delegate)) {
      d.handler = HandlerRef{p.value("handler_id", Id{0}), p.value("handler", ""),
                             p.value("handler_name", "")};
    } else if (e.type == kReplyForReview) {
      d.review.pending = true;
      d.review.reply = p.value("reply", "");
      d.review.by = who(e);
      d.review.at = e.at;
    } else if (is(e, Action::review_reply)) {
      d.review.pending = false;
      if (!p.value("approve", false)) {
        d.review.returned_note = p.value("reason", "");
        d.review.returned_by = who(e);
        d.review.returned_at = e.at;
      }
    } else if (is(e, Action::resolve) || is(e, Action::reopen) || is(e, Action::verify) ||
               is(e, Action::evaluate)) {
      d.review.pending = false;
    }
  }
  d.instructions = instructions_of(events, who);
  d.instruction_pending = instruction_pending(d.instructions);
  return d;
}

}  // namespace huiyin
