// Small helpers the use-case groups share (internal to the service layer): random tokens,
// hashing, audit events, the org list for callers not on the catalog snapshot, dates from
// forms. Pure or Tx-bound; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "store/store.hpp"

namespace huiyin {

// `n` random bytes as url-safe base64 without padding (libsodium).
std::string random_token(std::size_t n);
std::string sha256_of(std::string_view s);  // hex

inline Error internal_error(std::string detail) {
  return {ErrorCode::internal, std::move(detail), {}};
}

// The next code of a day's gap-free numbering, as people read it: "<prefix>-YYYYMMDD-<n>" with n
// zero-padded to `width` digits, counted by the sequence "<counter>:YYYYMMDD" (matters
// ZZ-20261122-000123, field records ZZ-ZF-20261201-0001).
Result<std::string> next_day_code(Tx& tx, const std::string& prefix, const std::string& counter,
                                  Date day, int width);

// An audit event by `actor` (nullptr: the citizen / system, named by `label`).
Event make_event(std::string type, std::optional<Id> matter, const Actor* actor,
                 std::string_view label, Instant at, const nlohmann::json& payload,
                 bool is_public = false);

// Every org read through `tx`, for callers not yet on the catalog snapshot: prefer
// ServiceContext::catalog(tx)->orgs(), which reads one row while the catalog is unchanged.
OrgIndex load_orgs(Tx& tx);

// The audit chain head at export time, printed under every exported table: compared with
// `huiyin audit verify` and the anchors, it shows the export came from an intact chain.
std::string chain_head_line(const ChainHead& h);

// Local date "YYYY-MM-DD" (empty → nullopt) or invalid naming `field`.
Result<std::optional<Date>> optional_date(const std::string& s, const std::string& field);

// This process as a background job names itself in leases and claims: "<host>:<pid>".
std::string process_node_name();

// Stops a Store::write/read lambda with `e` and keeps it for the caller: Store::write may
// rewrap errors, so the service reports the one it saw.
struct TxError {
  std::optional<Error> error;
  Status fail(Error e) {
    error = e;
    return e;
  }
  // The error to return to the caller after the transaction returned `st`.
  Error take(const Status& st) const { return error ? *error : st.error(); }
};

}  // namespace huiyin
