#include "kernel/audit.hpp"

#include "kernel/audit_anchor.hpp"

namespace huiyin {

Result<AuditReport> verify_audit_chain(Store& store, const std::string& key,
                                       const std::string& anchors_path) {
  std::vector<AuditAnchor> anchors;
  if (!anchors_path.empty()) {
    auto a = AuditAnchorLog::read(anchors_path);
    if (!a) return a.error();
    anchors = std::move(*a);
  }
  AuditReport r;
  r.anchors_path = anchors_path;
  Status st = store.read([&](Tx& tx) -> Status {
    auto f = verify_audit(tx, key, anchors);
    if (!f) return f.error();
    r.findings = std::move(*f);
    return ok();
  });
  if (!st) return st.error();
  r.ok = r.findings.ok();
  r.first_bad_seq = r.findings.first_bad_seq;
  r.events_checked = r.first_bad_seq ? *r.first_bad_seq - 1 : r.findings.events;
  if (!r.findings.problems.empty()) r.reason = r.findings.problems.front().detail;
  return r;
}

}  // namespace huiyin
