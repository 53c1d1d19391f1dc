// Building the views of matters (names of orgs and categories resolved through the catalog
// snapshot, deadline wording) from rows loaded in one transaction. Internal to the service
// layer; pure over its inputs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/state_machine.hpp"
#include "kernel/actor.hpp"
#include "kernel/catalog_snapshot.hpp"
#include "kernel/views.hpp"
#include "store/store.hpp"

namespace huiyin {

bool is_open(MatterStatus s);  // not yet answered: counts for overdue
MatterFacts facts_of(const Matter& m);
// The actions `a` may take on `m` now, each with the roles that apply to it (not evaluate).
std::vector<Action> actions_for(const Actor& a, const Matter& m, const OrgIndex& orgs);
MatterSummary summarize(const Matter& m, const CatalogSnapshot& c, Instant now,
                        const WorkCalendar& cal);

}  // namespace huiyin
