#include "features/notifications/outbox.hpp"

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "features/matters/matter_store.hpp"
#include "features/matters/unit_duties.hpp"
#include "features/notifications/notification_rules.hpp"
#include "features/notifications/notification_store.hpp"
#include "http/json_util.hpp"
#include "store/catalog_store.hpp"

namespace huiyin {
namespace {

// Payload fields a webhook body repeats (never personal data: the reason and reply are the
// staff's words; the reporter's contact is added only for reporter.*).
constexpr const char* kDetailFields[] = {"level", "label", "rule", "approve", "days", "deadline",
                                         "reason", "content", "progress", "status"};

std::optional<Id> lead_org(const Matter& m) {
  if (m.lead_org_id) return m.lead_org_id;
  return std::nullopt;
}

std::optional<Id> dispatch_org(const Matter& m) {
  for (const auto& o : m.orgs)
    if (o.role == MatterOrgRole::dispatch) return o.org_id;
  return std::nullopt;
}

std::optional<Id> extension_requester(Tx& tx, Id matter_id) {
  std::optional<Id> who;
  for (const auto& e : tx.events_of(matter_id))
    if (e.type == "extend_request") who = e.actor_user;
  return who;
}

// The latest held reply's author (审核答复).
std::optional<Id> reply_author(Tx& tx, Id matter_id) {
  std::optional<Id> who;
  for (const auto& e : tx.events_of(matter_id))
    if (e.type == kReplyForReview) who = e.actor_user;
  return who;
}

std::optional<Id> payload_user(const nlohmann::json& p, const char* field) {
  auto it = p.find(field);
  if (it == p.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<Id>();
}

std::vector<Id> recipients(Tx& tx, InboxRecipients r, const Matter& m, const nlohmann::json& p) {
  switch (r) {
    case InboxRecipients::none: return {};
    case InboxRecipients::lead_unit:
      if (auto o = lead_org(m)) return db::users_with_roles_at(tx, *o, {"handler", "unit_leader"});
      return {};
    case InboxRecipients::lead_leaders:
      if (auto o = lead_org(m)) return db::users_with_roles_at(tx, *o, {"unit_leader"});
      return {};
    case InboxRecipients::dispatch_unit:
      if (auto o = dispatch_org(m)) return db::users_with_roles_at(tx, *o, {"dispatcher"});
      return {};
    case InboxRecipients::extension_requester:
      if (auto u = extension_requester(tx, m.id)) return {*u};
      return {};
    case InboxRecipients::delegated_handler:
      if (auto u = payload_user(p, "handler_id")) return {*u};
      return {};
    case InboxRecipients::reply_author:
      if (auto u = reply_author(tx, m.id)) return {*u};
      return {};
  }
  return {};
}

// One line of the event for the inbox: the escalation's label, the reason, the days.
std::string note_of(const nlohmann::json& p) {
  for (const char* f : {"label", "reason", "note"}) {
    auto it = p.find(f);
    if (it != p.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
  }
  return {};
}

nlohmann::json matter_json(const Matter& m, const CatalogSnapshot& cat) {
  nlohmann::json j{{"code", m.code}, {"title", m.title}, {"status", std::string(code(m.status))}};
  if (auto o = cat.org_ref(m.lead_org_id))
    j["lead_org"] = {{"code", o->code}, {"name", o->name}};
  else
    j["lead_org"] = nullptr;
  j["deadline"] = m.deadline ? nlohmann::json(format_date(local_date(*m.deadline))) : nlohmann::json();
  return j;
}

}  // namespace

bool subscribed(const std::vector<std::string>& events, const std::string& type) {
  if (events.empty()) return true;
  for (const auto& e : events) {
    if (e == type) return true;
    if (e.ends_with(".*") && type.starts_with(e.substr(0, e.size() - 1))) return true;
  }
  return false;
}

void NotificationOutbox::on_event(Tx& tx, const Event& e) {
  if (!e.matter_id) return;  // every rule today is about a matter
  const auto rules = rules_for(e);
  if (rules.empty()) return;
  auto m = db::matter_by_id(tx, *e.matter_id);
  if (!m) return;
  const nlohmann::json payload = nlohmann::json::parse(e.payload.empty() ? "{}" : e.payload, nullptr, false);
  const auto cat = ctx_.catalog(tx);
  std::optional<std::vector<Webhook>> hooks;
  for (const NotificationRule* r : rules) {
    for (Id user : recipients(tx, r->inbox, *m, payload)) {
      if (e.actor_user && *e.actor_user == user) continue;
      db::insert_inbox_item(tx, {0, user, e.seq, std::string(r->action), std::string(r->label),
                                 m->code, m->title, payload.is_object() ? note_of(payload) : "",
                                 e.at, std::nullopt});
    }
    if (r->webhook_event.empty()) continue;
    if (!hooks) hooks = db::list_webhooks(tx, true);
    const std::string type(r->webhook_event);
    bool any = false;
    for (const auto& h : *hooks) any = any || subscribed(h.events, type);
    if (!any) continue;
    std::string phone;
    if (r->to_reporter) {
      if (!m->reporter_id) continue;
      auto rep = db::reporter_by_id(tx, *m->reporter_id);
      if (!rep || rep->anonymous || rep->phone.empty()) continue;
      phone = rep->phone;
    }
    nlohmann::json body{{"event", type},
                        {"event_id", e.seq},
                        {"action", e.type},
                        {"occurred_at", http::iso_time(e.at)},
                        {"matter", matter_json(*m, *cat)}};
    nlohmann::json detail = nlohmann::json::object();
    if (payload.is_object())
      for (const char* f : kDetailFields)
        if (auto it = payload.find(f); it != payload.end()) detail[f] = *it;
    body["detail"] = std::move(detail);
    if (r->to_reporter) {
      std::string base = db::setting(tx, kPublicUrlSetting).value_or(kDefaultPublicUrl);
      while (base.ends_with("/")) base.pop_back();
      const std::string link = base + "/track/" + m->code;
      body["reporter"] = {{"phone", phone}};
      body["tracking_url"] = link;
      body["text"] = "【回音】您反映的问题(" + m->code + ")" + std::string(r->reporter_text) +
                     "。查看进度:" + link;
    }
    const std::string text = body.dump();
    for (const auto& h : *hooks) {
      if (!subscribed(h.events, type)) continue;
      Delivery d;
      d.webhook_id = h.id;
      d.event_seq = e.seq;
      d.event_type = type;
      d.matter_id = m->id;
      d.body = text;
      d.carries_phone = !phone.empty();
      d.next_at = e.at;
      d.created_at = e.at;
      db::insert_delivery(tx, d);
    }
  }
}

}  // namespace huiyin
