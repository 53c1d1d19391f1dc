// Building the views of matters (names of orgs and categories resolved through the catalog
// snapshot, deadline wording) from rows loaded in one transaction. Internal to the service
// layer; pure over its inputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/state_machine.hpp"
#include "features/matters/unit_duties.hpp"
#include "kernel/actor.hpp"
#include "kernel/catalog_snapshot.hpp"
#include "kernel/views.hpp"
#include "store/store.hpp"

namespace huiyin {

bool is_open(MatterStatus s);  // not yet answered: counts for overdue
MatterFacts facts_of(const Matter& m);
// The actions `a` may take on `m` now, each with the roles that apply to it (not evaluate).
std::vector<Action> actions_for(const Actor& a, const Matter& m, const OrgIndex& orgs);
// The same, with facts the caller reckoned beyond the row (a petition's objection period).
std::vector<Action> actions_for(const Actor& a, const Matter& m, const OrgIndex& orgs,
                                const MatterFacts& facts);
// "荷塘区 / 月塘街道 / 某社区": the names from below the city down to `area`; "" when none.
std::string area_path(const OrgIndex& orgs, std::optional<Id> area);
MatterSummary summarize(const Matter& m, const CatalogSnapshot& c, Instant now,
                        const WorkCalendar& cal);

// A 工作台 card: a named list of matters, `GET /api/v1/matters?card=<key>`. The list narrows to
// `statuses` (and to overdue matters) in SQL and keeps the matters `in_card` holds for; the
// workbench's count of a card is the length of that very list (StatsService::workbench reads it
// page by page), so a card's number and the list it opens cannot disagree.
// What a card asks of the unit's duties (unit_duties.hpp) beyond the action.
enum class CardTest {
  none,
  answer_waits,  // a 督办 or 批示 waits for the unit's answer
  undelegated,   // no handler named yet
  mine,          // delegated to the actor
};
struct WorkCard {
  std::string_view key, label;
  std::vector<MatterStatus> statuses;  // empty: any
  bool overdue = false;                // open and past its deadline (the ledger's 只看超期)
  std::optional<Action> action;        // the actor may take this action now; none: any matter in scope
  bool hot = false;                    // shown red when not zero
  // The card's test reads the matter's events (its duties, and facts such as a pending review);
  // the others read the row alone.
  bool reads_events = false;
  CardTest test = CardTest::none;
};
const std::vector<WorkCard>& work_cards();
const WorkCard* work_card(std::string_view key);  // null when unknown
// `facts` and `duties` as of now: read from the events for a card that reads_events, else
// facts_of(m) and none.
bool in_card(const WorkCard& card, const Actor& a, const Matter& m, const OrgIndex& orgs,
             const MatterFacts& facts, const UnitDuties& duties);

}  // namespace huiyin
