#include "features/matters/matter_actions.hpp"

#include <algorithm>

#include "domain/deadline_rules.hpp"
#include "domain/state_machine.hpp"
#include "kernel/support.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin {
namespace {

std::string org_code(const CatalogSnapshot& c, Id id) {
  const Org* o = c.orgs().find(id);
  return o ? o->code : std::to_string(id);
}

std::string org_name(const CatalogSnapshot& c, Id id) {
  const Org* o = c.orgs().find(id);
  return o ? o->name : "";
}

HandlingClass class_of(const Matter& m) {
  return m.handling_class.value_or(HandlingClass::phased);
}

Instant new_deadline(const ActionContext& c, const Matter& m) {
  return c.deadlines.rules.due(c.now, m.channel, class_of(m), c.deadlines.calendar);
}

}  // namespace

bool is_public_action(Action a) {
  switch (a) {
    case Action::return_:
    case Action::extend_request:
    case Action::extend_decide:
    case Action::object:
    case Action::object_decide:
    case Action::urge:
    case Action::supervise:
    case Action::answer:
    case Action::instruct:
    case Action::delegate:
    case Action::review_reply:
    case Action::callback_failed:
      return false;
    default:
      return true;
  }
}

Result<Matter> apply_action(ActionContext& c, Matter m, Action a, const ActionInput& in,
                            MatterStatus to) {
  const MatterStatus from = m.status;
  const std::int64_t expected = m.version;
  nlohmann::json p = nlohmann::json::object();
  if (!in.note.empty()) p["note"] = in.note;
  if (c.category && (a == Action::accept || a == Action::assign)) {
    m.category_id = *c.category;
    if (const Category* cat = c.catalog.category(*c.category)) p["category"] = cat->code;
  }

  for (const auto& [k, v] : c.payload_extra.items()) p[k] = v;

  switch (a) {
    case Action::accept:
      m.accepted_at = c.now;
      break;
    case Action::reject:
      p["reason"] = in.reason;
      p["public_note"] = in.reason;
      break;
    case Action::assign: {
      if (!m.accepted_at) m.accepted_at = c.now;
      std::vector<MatterOrg> orgs;
      orgs.push_back({*in.lead_org, MatterOrgRole::lead});
      nlohmann::json co = nlohmann::json::array();
      for (Id id : in.co_orgs) {
        orgs.push_back({id, MatterOrgRole::co});
        co.push_back(org_code(c.catalog, id));
      }
      for (const auto& mo : m.orgs)  // a transfer stays in force
        if (mo.role == MatterOrgRole::dispatch) orgs.push_back(mo);
      nlohmann::json subjects = nlohmann::json::array();
      if (c.subjects.empty()) {
        for (const auto& mo : m.orgs)
          if (mo.role == MatterOrgRole::subject) orgs.push_back(mo);
      } else {
        for (Id id : c.subjects) {
          orgs.push_back({id, MatterOrgRole::subject});
          subjects.push_back(org_code(c.catalog, id));
        }
      }
      m.orgs = std::move(orgs);
      m.lead_org_id = *in.lead_org;
      m.handling_class = *in.handling_class;
      m.deadline = *in.deadline;
      m.assigned_at = c.now;
      m.signed_at.reset();
      p["lead_org"] = org_code(c.catalog, *in.lead_org);
      p["co_orgs"] = co;
      if (!subjects.empty()) p["subject_orgs"] = subjects;
      p["handling_class"] = std::string(code(*in.handling_class));
      p["deadline"] = format_date(local_date(*in.deadline));
      p["public_note"] = "已交办至" + org_name(c.catalog, *in.lead_org) + "办理";
      break;
    }
    case Action::transfer: {
      if (auto from = dispatch_org(m)) p["from_org"] = org_code(c.catalog, *from);
      m.orgs.erase(std::remove_if(m.orgs.begin(), m.orgs.end(),
                                  [](const MatterOrg& mo) { return mo.role == MatterOrgRole::dispatch; }),
                   m.orgs.end());
      m.orgs.push_back({*in.transfer_to, MatterOrgRole::dispatch});
      p["reason"] = in.reason;
      p["to_org"] = org_code(c.catalog, *in.transfer_to);
      p["public_note"] = "已转交" + org_name(c.catalog, *in.transfer_to) + "办理";
      break;
    }
    case Action::sign:
      m.signed_at = c.now;
      break;
    case Action::return_:
      m.return_count += 1;
      p["reason"] = in.reason;
      if (m.lead_org_id) p["lead_org"] = org_code(c.catalog, *m.lead_org_id);
      m.orgs.erase(std::remove_if(m.orgs.begin(), m.orgs.end(),
                                  [](const MatterOrg& mo) { return mo.role == MatterOrgRole::lead; }),
                   m.orgs.end());
      m.lead_org_id.reset();
      m.signed_at.reset();
      break;
    case Action::resolve:
      if (!c.event_type.empty()) {  // held for review: nothing reaches the row yet
        p["reply"] = in.reply;
        break;
      }
      m.reply = in.reply;
      m.resolved_at = c.now;
      m.extension_pending = false;
      p["reply"] = in.reply;
      p["public_note"] = in.reply;
      break;
    case Action::verify:
    case Action::evaluate: {
      Evaluation e;
      e.matter_id = m.id;
      e.solved = *in.solved;
      e.satisfaction = *in.satisfaction;
      e.comment = c.comment;
      e.source = a == Action::evaluate ? "citizen" : "staff_call";
      if (c.actor) e.by_user = c.actor->user_id;
      e.at = c.now;
      auto eid = db::insert_evaluation(c.tx, e);
      if (!eid) return eid.error();
      m.solved = *in.solved;
      m.satisfaction = *in.satisfaction;
      p["solved"] = *in.solved;
      p["satisfaction"] = std::string(code(*in.satisfaction));
      if (!c.comment.empty()) p["comment"] = c.comment;
      if (to == MatterStatus::reopened) {
        m.deadline = new_deadline(c, m);
        m.signed_at.reset();
        m.resolved_at.reset();
        p["deadline"] = format_date(local_date(*m.deadline));
        p["public_note"] = "问题未解决,已重新交办";
      } else {
        m.verified_at = c.now;
      }
      break;
    }
    case Action::verify_timeout: {
      // 超时默认: the row records the rule's default verdict (solved, satisfied) with source
      // "timeout"; the matter's solved / satisfaction stay what a person last answered (none
      // for a reporter never reached), so the rule counts in neither 解决率 nor 满意率.
      Evaluation e;
      e.matter_id = m.id;
      e.solved = true;
      e.satisfaction = Satisfaction::satisfied;
      e.source = "timeout";
      e.at = c.now;
      auto eid = db::insert_evaluation(c.tx, e);
      if (!eid) return eid.error();
      m.verified_at = c.now;
      p["source"] = "timeout";
      p["public_note"] = "办结后在规定期限内未收到评价,按超时默认办结";
      break;
    }
    case Action::callback_failed:
      p["reason"] = in.reason;
      break;
    case Action::spot_check:
      p["passed"] = *in.solved;
      if (m.lead_org_id) p["lead_org"] = org_code(c.catalog, *m.lead_org_id);
      if (to != MatterStatus::reopened) break;
      p["public_note"] = "回头看复查发现问题未解决,已重新交办";
      [[fallthrough]];
    case Action::reopen:
      m.deadline = new_deadline(c, m);
      m.signed_at.reset();
      m.resolved_at.reset();
      m.verified_at.reset();
      m.closed_at.reset();
      if (a == Action::reopen) p["reason"] = in.reason;
      p["deadline"] = format_date(local_date(*m.deadline));
      break;
    case Action::close:
      m.closed_at = c.now;
      break;
    case Action::merge:
      m.merged_into = *c.merge_target;
      p["into"] = in.into;
      break;
    case Action::object:
    case Action::urge:
    case Action::supervise:
    case Action::instruct:
      p["reason"] = in.reason;
      if (m.lead_org_id) p["lead_org"] = org_code(c.catalog, *m.lead_org_id);
      break;
    case Action::answer:
      p["reply"] = in.reply;
      break;
    case Action::delegate:  // the handler's username and name come in payload_extra
      if (m.lead_org_id) p["lead_org"] = org_code(c.catalog, *m.lead_org_id);
      break;
    case Action::review_reply:
      p["approve"] = *in.approve;
      if (!in.reason.empty()) p["reason"] = in.reason;
      break;
    case Action::object_decide:
      p["approve"] = *in.approve;
      if (m.lead_org_id) p["lead_org"] = org_code(c.catalog, *m.lead_org_id);
      if (*in.approve) {  // back to the forwarding office to be assigned again, as a return
        m.orgs.erase(std::remove_if(m.orgs.begin(), m.orgs.end(),
                                    [](const MatterOrg& mo) { return mo.role == MatterOrgRole::lead; }),
                     m.orgs.end());
        m.lead_org_id.reset();
        m.signed_at.reset();
      }
      break;
    case Action::review_request:
    case Action::recheck_request: {
      // The office above takes the petition afresh (复查 / 复核) within 30 calendar days; the
      // office complained about and the dispatching office stay linked, the former units not.
      std::vector<MatterOrg> orgs;
      for (const auto& mo : m.orgs)
        if (mo.role == MatterOrgRole::dispatch || mo.role == MatterOrgRole::subject) orgs.push_back(mo);
      orgs.push_back({*in.lead_org, MatterOrgRole::lead});
      m.orgs = std::move(orgs);
      m.lead_org_id = *in.lead_org;
      m.deadline = end_of_local_day(local_date(c.now) + std::chrono::days{kPetitionReviewDays});
      m.assigned_at = c.now;
      m.signed_at.reset();
      m.resolved_at.reset();
      m.verified_at.reset();
      m.closed_at.reset();
      m.extension_pending = false;
      m.reply.clear();
      p["reason"] = in.reason;
      p["lead_org"] = org_code(c.catalog, *in.lead_org);
      p["deadline"] = format_date(local_date(*m.deadline));
      p["public_note"] = std::string(a == Action::review_request ? "复查" : "复核") + "请求已受理,由" +
                         org_name(c.catalog, *in.lead_org) + (a == Action::review_request ? "复查" : "复核") +
                         ",期限至" + format_date(local_date(*m.deadline));
      break;
    }
    case Action::extend_request:
      m.extension_pending = true;
      m.extension_days_requested = *in.extend_days;
      p["reason"] = in.reason;
      p["days"] = *in.extend_days;
      break;
    case Action::extend_decide:
      p["approve"] = *in.approve;
      p["days"] = m.extension_days_requested;
      if (!in.reason.empty()) p["reason"] = in.reason;
      if (*in.approve) {
        Instant base = m.deadline.value_or(c.now);
        m.deadline = c.deadlines.rules.extend(base, m.extension_days_requested, m.channel,
                                              class_of(m), c.deadlines.calendar);
        m.extensions_granted += 1;
        p["deadline"] = format_date(local_date(*m.deadline));
      }
      m.extension_pending = false;
      m.extension_days_requested = 0;
      break;
  }

  m.status = to;
  m.updated_at = c.now;
  if (Status st = db::update_matter(c.tx, m, expected); !st) return st.error();
  m.version = expected + 1;

  const bool held = !c.event_type.empty();
  Event e = make_event(held ? c.event_type : std::string(code(a)), m.id, c.actor, c.actor_label,
                       c.now, p, !held && is_public_action(a));
  e.from_status = from;
  e.to_status = to;
  auto ev = c.tx.append_event(e);
  if (!ev) return ev.error();
  return m;
}

}  // namespace huiyin
