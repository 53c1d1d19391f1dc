// Reading the audit log (三员分立: the audit administrator's part, and only theirs): pages of
// events newest first, filtered by type, actor and time, with personal data in payloads masked
// (privacy_mask.hpp), and the chain verify result. There is no way to change or delete an event.
// Thread-safe (reads the store; verify appends one `audit_verify` event).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/privacy_mask.hpp"
#include "kernel/audit.hpp"
#include "kernel/services.hpp"

namespace huiyin {

struct AuditQuery {
  std::string type;                // event type, exact; empty: all
  std::string actor;               // actor label (username, "citizen", "system"...); empty: all
  std::optional<Instant> from, to; // at >= from, at < to
  std::optional<Id> before_seq;    // paging: events with seq < before_seq
  int limit = 50;                  // 1..500
};

struct AuditPage {
  std::vector<Event> events;     // newest first; payloads masked
  std::optional<Id> next_before;  // pass as before_seq for the next page; none on the last
};

// forbidden unless the actor is the audit administrator.
Result<AuditPage> read_audit_log(ServiceContext& ctx, const Actor& actor, const AuditQuery& q);
Result<AuditReport> verify_audit_log(ServiceContext& ctx, const Actor& actor);


}  // namespace huiyin
