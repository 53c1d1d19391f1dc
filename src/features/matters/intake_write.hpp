// What intake writes for a new matter inside the caller's write transaction: the reporter row,
// the day's matter code, the matter row, the hash of its 查询码, its search text, the lookup by
// phone and the public `submit` event. One function so the citizen's intake (IntakeService) and
// the bulk generator (demo/bulk_generate) store a matter the same way. Not thread-safe beyond the
// transaction it runs in.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "domain/model.hpp"
#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct IntakeWrite {
  // The fields taken from the request: title, content, channel, kind, category, area, campaign,
  // address, coordinates, public consent, source. Code, token hash, reporter, status, the
  // petition's acknowledgement day and the times are set by write_intake.
  Matter matter;
  Reporter reporter;
  std::string code_prefix;  // ServiceConfig::code_prefix
  std::string token;        // the tracking token (its hash is stored)
  std::string query_code;   // the 查询码 of the token (query_code_of)
  std::string source_kind, source_code;  // the record that raised it, named in the event
  std::size_t attachments = 0;           // photos linked, counted in the event
  const Actor* recorder = nullptr;       // staff who recorded it; nullptr: the public
  Instant now = 0;
  // Called with the new id after the rows and before the submit event (linking the photos, so
  // their seals go into that event).
  std::function<Status(Tx&, Id)> before_event;
};

// Stores the matter; returns it as stored (id, code, status submitted).
Result<Matter> write_intake(Tx& tx, const IntakeWrite& w);

// The 查询码 of a tracking token: 6 characters of the alphabet from a hash of the token, so a
// replayed receipt gives it again without it ever being stored (only its salted hash is).
std::string query_code_of(const std::string& token);
std::string query_code_hash_of(const std::string& matter_code, const std::string& query_code);

}  // namespace huiyin
