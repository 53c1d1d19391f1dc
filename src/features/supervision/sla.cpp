#include "features/supervision/sla.hpp"

#include <unistd.h>

#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "features/matters/escalation_store.hpp"
#include "features/matters/matter_store.hpp"
#include "features/matters/matters.hpp"
#include "kernel/support.hpp"
#include "store/job_lease_store.hpp"

namespace huiyin {
namespace {

constexpr const char* kLease = "sla";
constexpr Instant kLeaseSeconds = 10 * 60;

}  // namespace

SlaService::SlaService(ServiceContext& ctx, std::string node)
    : ctx_(ctx), node_(node.empty() ? process_node_name() : std::move(node)) {}

Result<SlaTick> SlaService::tick(Instant as_of) {
  SlaTick out;
  const Instant now = ctx_.clock().now();
  auto held = ctx_.store().write([&](Tx& tx) -> Result<bool> {
    return db::take_lease(tx, kLease, node_, now, now + kLeaseSeconds);
  });
  if (!held) return held.error();
  if (!*held) return out;
  out.ran = true;

  const auto setup = ctx_.deadlines();
  const EscalationRules& rules = setup->escalation;
  std::vector<EscalationCandidate> candidates;
  std::set<std::pair<Id, std::string>> fired;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    candidates = db::escalation_candidates(tx);
    for (auto& f : db::fired_against_current_deadline(tx)) fired.insert(std::move(f));
    return ok();
  });
  if (!st) return st.error();
  out.matters = static_cast<int>(candidates.size());

  for (const auto& c : candidates) {
    std::vector<const EscalationRule*> fresh;
    for (const EscalationRule* r : rules.due(c.start, c.deadline, as_of, setup->calendar))
      if (!fired.count({c.id, r->code})) fresh.push_back(r);
    if (fresh.empty()) continue;
    const EscalationRule* top = fresh.front();
    for (const EscalationRule* r : fresh)
      if (r->level >= top->level) top = r;
    bool moved = false;
    Status w = ctx_.store().write([&](Tx& tx) -> Status {
      // The matter may have moved on since it was read: only its current running deadline.
      auto m = db::matter_by_id(tx, c.id);
      if (!m || !m->deadline || !deadline_runs(m->status) || *m->deadline != c.deadline) return ok();
      nlohmann::json names = nlohmann::json::array();
      bool top_new = false;
      for (const EscalationRule* r : fresh) {
        if (!db::insert_escalation(tx, c.id, {c.deadline, r->code, r->level, as_of})) continue;
        names.push_back(r->code);
        if (r == top) top_new = true;
      }
      if (!top_new) return ok();  // another node fired it first
      nlohmann::json payload{{"rule", top->code},
                             {"level", std::string(code(top->level))},
                             {"label", top->label},
                             {"deadline", format_date(local_date(c.deadline))},
                             {"rules", std::move(names)},
                             {"as_of", format_local_time(as_of)}};
      auto ev = tx.append_event(make_event("escalate", c.id, nullptr, "system", now, payload));
      if (!ev) return ev.error();
      moved = true;
      return ok();
    });
    if (!w) return w.error();
    if (moved) {
      ++out.escalated;
      ++out.by_level[std::string(code(top->level))];
    }
  }
  auto timed_out = MatterService(ctx_).verify_timed_out(as_of);
  (void)ctx_.store().write([&](Tx& tx) -> Status {
    db::release_lease(tx, kLease, node_);
    return ok();
  });
  if (!timed_out) return timed_out.error();
  out.verified_by_timeout = *timed_out;
  return out;
}

}  // namespace huiyin
