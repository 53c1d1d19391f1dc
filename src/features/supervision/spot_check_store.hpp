// Store functions of 回头看 (migration 016): spot checks and their sampled matters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct SpotCheckRow {
  Id id = 0;
  std::string code;
  Id org_id = 0;
  Instant period_from = 0, period_to = 0;  // [from, to): verified_at of the population
  int size = 0;                            // the size asked for
  std::string seed;
  std::optional<Id> drawn_by;
  Instant created_at = 0;
};

struct SpotCheckItemRow {
  Id check_id = 0;
  Id matter_id = 0;
  std::optional<Id> lead_org_id;  // the matter's lead unit when drawn
  std::string result;             // "" (not checked) | passed | failed
  std::string note;
  std::optional<Id> checked_by;
  std::optional<Instant> checked_at;
};

}  // namespace huiyin

namespace huiyin::db {

// The population of a spot check: verified or closed matters (not merged) led by a unit in the
// subtree at `org_path`, verified in [from, to), as (matter id, lead org id), by matter id.
std::vector<std::pair<Id, Id>> spot_check_population(Tx& tx, const std::string& org_path,
                                                    Instant from, Instant to);
Result<Id> insert_spot_check(Tx& tx, const SpotCheckRow& c, const std::vector<SpotCheckItemRow>& items);
std::optional<SpotCheckRow> spot_check_by_code(Tx& tx, const std::string& code);
// Newest first.
std::vector<SpotCheckRow> spot_checks(Tx& tx, int limit);
std::vector<SpotCheckItemRow> spot_check_items(Tx& tx, Id check_id);
// Records a sampled matter's result (once: false when it was checked already).
bool record_spot_check_item(Tx& tx, const SpotCheckItemRow& item);

}  // namespace huiyin::db
