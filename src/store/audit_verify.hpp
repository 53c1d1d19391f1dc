// `audit verify`, the store part: walks the chain (v1 events before the upgrade, keyed after),
// rebuilds the latest seal of every protected row from the events, then streams the
// protected tables and compares; checks the chain head row and the anchors kept outside the
// database. Memory: one 64-bit key and a 16-byte digest per sealed row. Reads only, inside the
// caller's read transaction (one snapshot); not thread-safe (one call per walk).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "store/store.hpp"

namespace huiyin {

struct AuditAnchor {
  std::int64_t seq = 0;
  std::string hash;
  Instant at = 0;
};

struct AuditProblem {
  std::string kind;    // chain_broken, not_keyed, head_mismatch, truncated, anchor_mismatch,
                       // row_changed, row_deleted, row_unsealed, seals_malformed
  std::string detail;  // Chinese
};

struct AuditFindings {
  std::int64_t events = 0;        // events read
  std::int64_t keyed_events = 0;  // of which keyed
  std::int64_t first_keyed_seq = 0;
  std::int64_t rows_checked = 0;  // protected rows (or groups) compared with their seals
  std::int64_t sealed_rows = 0;   // distinct rows whose latest seal says present
  std::int64_t head_seq = 0;      // last event (as read)
  std::string head_hash;
  std::int64_t last_anchor_seq = 0;  // 0: no anchor
  std::optional<std::int64_t> first_bad_seq;
  std::map<std::string, std::int64_t> counts;  // problems by kind
  std::vector<AuditProblem> problems;          // the first ones (at most kMaxListed)
  bool ok() const { return counts.empty(); }
  void add(const std::string& kind, std::string detail);
  static constexpr std::size_t kMaxListed = 50;
};

// key empty: only the v1 (unkeyed) part can be checked; a keyed chain is then reported.
Result<AuditFindings> verify_audit(Tx& tx, const std::string& key,
                                   const std::vector<AuditAnchor>& anchors);

}  // namespace huiyin
