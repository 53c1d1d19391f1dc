// Verifying the audit trail (`huiyin audit verify`): the keyed event chain, every protected
// row against its latest seal, the chain head row, and the anchors kept outside the database
// (<data_dir>/audit-anchors.log, audit_anchor.hpp). Reads only; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/audit_verify.hpp"
#include "store/store.hpp"

namespace huiyin {

struct AuditReport {
  bool ok = true;
  std::int64_t events_checked = 0;  // intact events before the first bad one (all when intact)
  std::optional<Id> first_bad_seq;
  std::string reason;  // Chinese, when not ok: the first problem
  AuditFindings findings;
  std::string anchors_path;  // empty: no anchor file was given
};

// key: the 32-byte audit key (empty: check the v1 chain only); anchors_path: the anchor log
// (empty or missing file: no anchors — verify then says so).
Result<AuditReport> verify_audit_chain(Store& store, const std::string& key = {},
                                       const std::string& anchors_path = {});

class AuditService {
 public:
  AuditService(Store& store, std::string key, std::string anchors_path)
      : store_(store), key_(std::move(key)), anchors_path_(std::move(anchors_path)) {}
  Result<AuditReport> verify() { return verify_audit_chain(store_, key_, anchors_path_); }

 private:
  Store& store_;
  std::string key_;
  std::string anchors_path_;
};

}  // namespace huiyin
