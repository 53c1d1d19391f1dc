// Verifying the audit chain: recompute every event's hash and its link to the previous one.
// Reads only; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "store/store.hpp"

namespace huiyin {

struct AuditReport {
  bool ok = true;
  std::int64_t events_checked = 0;
  std::optional<Id> first_bad_seq;
  std::string reason;  // Chinese, when not ok
};

Result<AuditReport> verify_audit_chain(Store& store);

class AuditService {
 public:
  explicit AuditService(Store& store) : store_(store) {}
  Result<AuditReport> verify() { return verify_audit_chain(store_); }

 private:
  Store& store_;
};

}  // namespace huiyin
