// Building the views of matters (names of orgs and categories resolved, deadline wording) from
// rows loaded in one transaction. Internal to the service layer; pure over its inputs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/state_machine.hpp"
#include "kernel/actor.hpp"
#include "kernel/views.hpp"
#include "store/store.hpp"

namespace huiyin {

// Everything a view needs besides the matter: loaded once per request.
struct Catalog {
  OrgIndex orgs;
  std::vector<Category> categories;
  std::vector<Campaign> campaigns;

  static Catalog load(Tx& tx);
  const Category* category(Id id) const;
  const Category* category_code(const std::string& code) const;
  const Campaign* campaign(Id id) const;
  const Campaign* campaign_code(const std::string& code) const;
  std::optional<OrgRef> org_ref(std::optional<Id> id) const;
};

bool is_open(MatterStatus s);  // not yet answered: counts for overdue
MatterFacts facts_of(const Matter& m);
// The actions `a` may take on `m` now, each with the roles that apply to it (not evaluate).
std::vector<Action> actions_for(const Actor& a, const Matter& m, const OrgIndex& orgs);
MatterSummary summarize(const Matter& m, const Catalog& c, Instant now, const WorkCalendar& cal);

}  // namespace huiyin
