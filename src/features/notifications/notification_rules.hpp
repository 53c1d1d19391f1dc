// What an audit event tells whom: one table (notification_rules.cpp) maps an event's action —
// and, where the action says several things, one payload field's value (an escalation's level,
// an extension decision's approve) — to the staff who get an inbox item and the webhook event
// type sent out. Adding a notification is a row, not an if. Pure data; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace huiyin {

// Whose inbox an event lands in (never the actor's own).
enum class InboxRecipients {
  none,
  lead_unit,            // handlers and the unit leader of the matter's lead unit
  lead_leaders,         // the lead unit's leaders only
  dispatch_unit,        // the dispatchers of the office that dispatched the matter
  extension_requester,  // who asked for the extension being decided
  delegated_handler,    // the handler a matter was given to by name (分办: payload handler_id)
  reply_author,         // the handler whose reply was held for review (审核答复)
};

struct NotificationRule {
  std::string_view action;      // the audit event's type (assign, escalate, extend_decide...)
  std::string_view when_field;  // a payload field to match; empty: always
  std::string_view when_value;  // its value (strings as text, booleans true|false)
  InboxRecipients inbox;
  std::string_view label;          // the inbox line's heading (新交办, 督办...)
  std::string_view webhook_event;  // matter.assigned...; empty: no webhook
  // reporter.*: sent only when the matter has a reporter with a phone, and carries that phone
  // (for an SMS gateway) and the tracking link.
  bool to_reporter = false;
  std::string_view reporter_text;  // the SMS text's middle ("已签收,正在办理")
};

// Every row, in table order.
const std::vector<NotificationRule>& notification_rules();
// The rows an event matches (payload: the event's JSON payload text).
std::vector<const NotificationRule*> rules_for(const Event& e);
// Every webhook event type, once, in table order (for the admin page and `--events` checks).
std::vector<std::string> webhook_event_types();

}  // namespace huiyin
