// The org tree of the bulk generator: the demo city's tree (demo_seed) grown to a province's
// size — each district gets the counterparts of the city's departments (市城管局 → 荷塘区城管局),
// each street or town more communities or villages — and one handler account per unit that has
// none (no password: it cannot log in; it names who signed and answered in the events).
// Idempotent: orgs and accounts already there are kept. One thread, on a migrated store that
// holds the demo city.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "demo/demo_seed_data.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct BulkUnit {
  Org org;
  std::string district;  // code of the level-2 area it lies in (the city's own: its code)
  Actor handler;         // who signs and answers for it
};

struct BulkTree {
  std::vector<BulkUnit> units;               // every org
  std::map<std::string, std::size_t> index;  // by code
  std::map<Id, std::size_t> by_id;
  std::vector<std::size_t> places;           // streets, towns, communities, villages
  int added = 0;                             // orgs created by this call
  const BulkUnit* find(const std::string& code) const;
  const BulkUnit* find(Id id) const;
};

// Grows the tree to about `target` orgs (never shrinks it) at instant `at`.
Result<BulkTree> grow_org_tree(Services& s, const DemoData& d, int target, Instant at);

}  // namespace huiyin
