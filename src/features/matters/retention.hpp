// Retention of reporters' personal data (个人信息保护法: kept no longer than the purpose needs).
// Past the rule — years after a matter was closed; 信访 matters (channel petition) by their own,
// longer archive rule — the reporter's name, phone and ID number are erased and the matter no
// longer answers the lookup by phone. The matter itself, its text, its timeline and every figure
// stay. Each erasure is one audited event on the matter ("personal_data_erased", by 系统) that
// carries the reporter row's new seal, so `audit verify` accepts the change and shows who, what
// and when. A reporter row shared with a matter still inside its period is left alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

struct RetentionRule {
  int years = 3;            // after closing
  int petition_years = 10;  // 信访 matters, after closing
};

struct RetentionPass {
  std::int64_t matters = 0;         // matters whose reporter data was (or would be) erased
  std::vector<std::string> codes;   // their codes, in closing order (at most `limit`)
  Instant cutoff = 0, petition_cutoff = 0;  // closed before these
};

// `years` × 365 days before `now`: leap days are not counted, so the period is one day shorter
// than calendar years for each leap day it spans.
Instant retention_cutoff(Instant now, int years);

// One batch of at most `limit` matters past the rule, oldest closed first. With `dry_run` nothing
// is written (the codes say what a run would erase). Run again until it returns 0 matters.
Result<RetentionPass> erase_expired_personal_data(Tx& tx, const RetentionRule& rule, Instant now,
                                                  bool dry_run, int limit = 2000);

}  // namespace huiyin::db
