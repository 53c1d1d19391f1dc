// The bulk generator behind `huiyin bench generate`: fills a database with up to tens of millions
// of matters shaped like a province's year — the demo city (demo_seed) grown to ~2,000 units
// (bulk_orgs), matters planned by bulk_plan and stored through the same store code as intake and
// the actions (write_intake, apply_action: rows, row seals, events and their payloads), only in
// big transactions, with the keyword index built once at the end and no notifications (history,
// not news). The audit chain verifies afterwards and the day counters go on, so a matter
// submitted later gets the next code. One thread, on a migrated store; nothing else should
// write while it runs (the event hook of the services is set aside meanwhile).
#pragma once

#include <cstdint>
#include <functional>

#include "domain/result.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct BulkOptions {
  std::int64_t matters = 1000;
  int orgs = 2000;             // about this many units in the tree
  int batch = 20000;           // matters per transaction (at most 500 on PostgreSQL)
  int days = 365;              // reported over this many days before now
  std::uint64_t seed = 20261203;
  Instant now = 0;             // 0: the clock of the services
  std::function<void(std::int64_t done)> progress;  // after each committed batch
};

struct BulkReport {
  std::int64_t matters = 0, events = 0;
  int orgs = 0, orgs_added = 0;
  bool demo_seeded = false;  // the demo city was created first
  double fill_seconds = 0, index_seconds = 0;
};

Result<BulkReport> bulk_generate(Services& s, const BulkOptions& options);

}  // namespace huiyin
