// The `circulars` table (migration 015): published circulars, sealed row by row. Store
// functions in namespace huiyin::db over a Tx (store/tx.hpp); one thread, like the Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin::db {

struct CircularRow {
  Id id = 0;
  Id org_id = 0;
  std::string period;
  std::int64_t year = 0, issue = 0;
  std::string title, inputs, inputs_sha256;
  std::int64_t anchor_seq = 0;
  std::string anchor_hash, content;
  Id published_by = 0;
  Instant published_at = 0;
};

// A taken 期号 of the org and year is a conflict.
Result<Id> insert_circular(Tx& tx, const CircularRow& r);
std::optional<CircularRow> circular_by_id(Tx& tx, Id id);
// Newest first; of one org when given.
std::vector<CircularRow> list_circulars(Tx& tx, std::optional<Id> org);
// The highest 期号 the org used in the year (0: none).
int max_circular_issue(Tx& tx, Id org, int year);

}  // namespace huiyin::db
