#include "service/audit.hpp"

#include "store/audit_chain.hpp"

namespace huiyin {

Result<AuditReport> verify_audit_chain(Store& store) {
  ChainVerifier v;
  Status st = store.read([&](Tx& tx) -> Status {
    return tx.for_each_event([&](const Event& e) { return v.feed(e); });
  });
  if (!st) return st.error();
  AuditReport r;
  r.ok = v.ok();
  r.events_checked = v.ok() ? v.count() : v.count() - 1;  // intact events before the first bad one
  r.first_bad_seq = v.first_bad_seq();
  r.reason = v.problem();
  return r;
}

}  // namespace huiyin
