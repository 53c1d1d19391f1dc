// The demo city's field visits (share/data/demo/visits.tsv): recorded through the records use
// cases by their leading officials, each on its day, with the matters they found and the
// decisions made on the spot.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

// One step of the demo's story at its time. The seeder runs the matters' planned steps and these
// together in time order, so field records and the matters they raise age like the rest of the
// city (a record of 40 days ago was signed for, answered and verified in the days after it).
struct DemoTask {
  Instant at = 0;
  std::function<Status()> run;
  bool records = false;  // the task records a field record (the seed report counts them)
};

// The demo visits (each recorded on its day, with the decisions made on the spot); `now` is the
// demo's present. Rows are read and checked here, recorded when their task runs.
Result<std::vector<DemoTask>> demo_visit_tasks(Services& s, Instant now,
                                               const std::map<std::string, Actor>& actors);

// Every other demo field record (share/data/demo/records.tsv: receptions, on-site office
// meetings, night talks, process walks, patrols, joint inspections, joint meetings), and the
// steps that carry each raised matter through the loop as far as its outcome says, each on a
// later day, never past `now`.
Result<std::vector<DemoTask>> demo_record_tasks(Services& s, ManualClock& clock, Instant now,
                                                const std::map<std::string, Actor>& actors);

}  // namespace huiyin
