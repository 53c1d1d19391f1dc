// Store functions for measures (整改措施), owned by any subject (Measure::subject; a matter
// when empty, as before subjects). insert ignores id/version; update writes every field
// when the stored version equals expected_version, bumps it, and fails with conflict otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

Result<Id> insert_measure(Tx& tx, const Measure& m);
Status update_measure(Tx& tx, const Measure& m, std::int64_t expected_version);
std::optional<Measure> measure_by_id(Tx& tx, Id id);
std::vector<Measure> measures_of(Tx& tx, Id matter_id);
// The measures any subject owns (a record's decisions...), oldest first.
std::vector<Measure> measures_of(Tx& tx, const SubjectRef& subject);

}  // namespace huiyin::db
