#include "features/matters/matter_views.hpp"

#include "domain/deadline_rules.hpp"

#include <algorithm>

namespace huiyin {

bool is_open(MatterStatus s) {
  switch (s) {
    case MatterStatus::submitted:
    case MatterStatus::accepted:
    case MatterStatus::assigned:
    case MatterStatus::signed_:
    case MatterStatus::returned:
    case MatterStatus::reopened:
      return true;
    default:
      return false;
  }
}

MatterFacts facts_of(const Matter& m) {
  return {m.status, m.extension_pending, m.extensions_granted, m.channel == Channel::petition};
}

std::vector<Action> actions_for(const Actor& a, const Matter& m, const OrgIndex& orgs) {
  return actions_for(a, m, orgs, facts_of(m));
}

std::vector<Action> actions_for(const Actor& a, const Matter& m, const OrgIndex& orgs,
                                const MatterFacts& facts) {
  std::vector<Action> out;
  for (Action act : all<Action>()) {
    if (act == Action::evaluate) continue;
    auto roles = roles_for(a, m, act, orgs);
    if (roles.empty()) continue;
    auto avail = available_actions(facts, roles);
    if (std::find(avail.begin(), avail.end(), act) != avail.end()) out.push_back(act);
  }
  return out;
}

const std::vector<WorkCard>& work_cards() {
  using S = MatterStatus;
  static const std::vector<WorkCard> cards = {
      {"to_accept", "待受理", {S::submitted}, false, Action::accept},
      {"to_sign", "待签收", {S::assigned, S::reopened}, false, Action::sign},
      {"in_progress", "办理中", {S::signed_}, false, Action::resolve},
      {"returned", "被退回", {S::returned}, false, Action::assign, true},
      {"to_verify", "待回访", {S::resolved}, false, Action::verify},
      {"to_close", "待销号", {S::verified}, false, Action::close},
      {"extension_requests", "延期申请", {S::signed_}, false, Action::extend_decide},
      {"overdue", "已超期", {}, true, std::nullopt, true},
      {"awaiting_answer", "督办待答复", {S::assigned, S::signed_, S::reopened}, false, std::nullopt,
       true, true, CardTest::answer_waits},
      {"to_delegate", "待分办", {S::assigned, S::signed_}, false, Action::delegate, false, true,
       CardTest::undelegated},
      {"to_review", "待审核答复", {S::signed_}, false, Action::review_reply, true, true},
      {"mine", "分办给我", {S::assigned, S::signed_, S::reopened}, false, std::nullopt, false, true,
       CardTest::mine},
  };
  return cards;
}

const WorkCard* work_card(std::string_view key) {
  for (const auto& c : work_cards())
    if (c.key == key) return &c;
  return nullptr;
}

bool in_card(const WorkCard& card, const Actor& a, const Matter& m, const OrgIndex& orgs,
             const MatterFacts& facts, const UnitDuties& duties) {
  switch (card.test) {
    case CardTest::none: break;
    case CardTest::answer_waits:
      if (!duties.supervision_pending && !duties.instruction_pending) return false;
      break;
    case CardTest::undelegated:
      if (duties.handler) return false;
      break;
    case CardTest::mine:
      if (!duties.handler || duties.handler->user_id != a.user_id) return false;
      break;
  }
  if (!card.action) return true;
  auto acts = actions_for(a, m, orgs, facts);
  return std::find(acts.begin(), acts.end(), *card.action) != acts.end();
}

std::string area_path(const OrgIndex& orgs, std::optional<Id> area) {
  std::vector<const Org*> chain;
  for (const Org* o = area ? orgs.find(*area) : nullptr; o; o = o->parent ? orgs.find(*o->parent) : nullptr)
    chain.push_back(o);
  // Below the city: the city itself is the same for every matter. A matter of the city alone
  // keeps its name.
  if (chain.size() > 1) chain.pop_back();
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) out += (out.empty() ? "" : " / ") + (*it)->name;
  return out;
}

MatterSummary summarize(const Matter& m, const CatalogSnapshot& c, Instant now,
                        const WorkCalendar& cal) {
  MatterSummary s;
  s.matter = m;
  if (m.category_id) {
    if (const Category* cat = c.category(*m.category_id)) {
      s.category_code = cat->code;
      s.category_name = cat->name;
    }
  }
  s.area = c.org_ref(m.area_org_id);
  s.area_path = area_path(c.orgs(), m.area_org_id);
  s.lead_org = c.org_ref(m.lead_org_id);
  if (m.campaign_id)
    if (const Campaign* camp = c.campaign(*m.campaign_id)) s.campaign_code = camp->code;
  if (m.deadline && is_open(m.status)) {
    s.overdue = *m.deadline < now;
    s.deadline_text = describe_deadline(*m.deadline, now, cal);
  } else if (m.deadline && m.resolved_at) {
    // 办结 and after: how it met the deadline, no longer a countdown (issue 9).
    s.deadline_text = describe_resolution(*m.deadline, *m.resolved_at, cal);
  }
  return s;
}

}  // namespace huiyin
