// The deadline scheduler: one tick applies the escalation rules (domain/escalation.hpp) to every
// matter whose deadline runs, as of a given instant. For each matter, the rules now due that
// have not fired against its current deadline fire together: a row each (escalation_store.hpp)
// and one `escalate` audit event naming the highest of them (its rule, level and label, and the
// others in `rules`). A tick is idempotent — run twice at the same instant, the second writes
// nothing — and with several app nodes on one database only the node holding the job lease
// `sla` runs it, while the rows' primary key keeps even two racing nodes from escalating a step
// twice. Each matter is escalated in its own short transaction. Under the same lease the tick
// then applies the 超时默认 rule (MatterService::verify_timed_out: matters resolved and not
// verified within verify_timeout_days working days are verified by the system). Thread-safe.
#pragma once

#include <map>
#include <string>

#include "domain/result.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct SlaTick {
  bool ran = false;      // false: another node holds the lease; nothing was done
  int matters = 0;       // matters whose deadline runs
  int escalated = 0;     // matters that moved up a step
  std::map<std::string, int> by_level;  // level code → matters moved to it
  int verified_by_timeout = 0;  // 超时默认: matters verified by the rule in this tick
};

class SlaService {
 public:
  // `node` names this process in the job lease (host and process id by default).
  explicit SlaService(ServiceContext& ctx, std::string node = {});
  Result<SlaTick> tick(Instant as_of);

 private:
  ServiceContext& ctx_;
  std::string node_;
};

}  // namespace huiyin
