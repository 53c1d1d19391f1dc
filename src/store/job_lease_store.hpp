// Leases of background jobs that one app node at a time must run (the escalation tick): a short
// transaction takes the lease when it is free, expired, or already this holder's. Works the same
// on SQLite and PostgreSQL (a row, not an advisory lock), so a node that dies mid-job frees the
// job when its lease runs out.
#pragma once

#include <string>

#include "domain/clock.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

// True when `holder` now holds the lease `name` until `until`.
bool take_lease(Tx& tx, const std::string& name, const std::string& holder, Instant now,
                Instant until);
// Gives the lease back (only when `holder` holds it).
void release_lease(Tx& tx, const std::string& name, const std::string& holder);

}  // namespace huiyin::db
