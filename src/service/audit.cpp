#include "service/audit.hpp"

#include "store/audit_chain.hpp"

namespace huiyin {

Result<AuditReport> verify_audit_chain(Store& store) {
  AuditReport r;
  std::string prev = kGenesisHash;
  Id expected_seq = 1;
  Status st = store.read([&](Tx& tx) -> Status {
    return tx.for_each_event([&](const Event& e) {
      auto fail = [&](std::string reason) {
        r.ok = false;
        r.first_bad_seq = e.seq;
        r.reason = std::move(reason);
        return false;
      };
      if (e.seq != expected_seq)
        return fail("第" + std::to_string(expected_seq) + "条事件缺失(下一条序号为" +
                    std::to_string(e.seq) + ")");
      if (e.prev_hash != prev) return fail("事件" + std::to_string(e.seq) + "与上一条事件的链接不符");
      if (event_hash(e) != e.hash) return fail("事件" + std::to_string(e.seq) + "的内容已被篡改");
      ++r.events_checked;
      prev = e.hash;
      ++expected_seq;
      return true;
    });
  });
  if (!st) return st.error();
  return r;
}

}  // namespace huiyin
