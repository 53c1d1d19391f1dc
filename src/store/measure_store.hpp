// Store functions for measures (整改措施). insert ignores id/version; update writes every field
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

}  // namespace huiyin::db
