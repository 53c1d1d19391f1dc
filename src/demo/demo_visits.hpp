// The demo city's field visits (share/data/demo/visits.tsv): recorded through the records use
// cases by their leading officials, each on its day, with the matters they found and the
// decisions made on the spot.
#pragma once

#include <map>
#include <string>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

// Records every demo visit; returns how many. `now` is the demo's present; the clock is moved
// to each visit's day.
Result<int> seed_demo_visits(Services& s, ManualClock& clock, Instant now,
                             const std::map<std::string, Actor>& actors);

// Records every other demo field record (share/data/demo/records.tsv: receptions, on-site
// office meetings, night talks, process walks, patrols, joint inspections, joint meetings),
// each matter carried through the loop as far as its outcome says; returns how many.
Result<int> seed_demo_records(Services& s, ManualClock& clock, Instant now,
                              const std::map<std::string, Actor>& actors);

}  // namespace huiyin
