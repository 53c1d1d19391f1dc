// One-time codes sent to a phone (the lookup of a reporter's matters by phone, issue 9), and the
// short-lived access a verified code grants. Kept in the database (tables one_time_codes and
// access_grants, migration 021) so that every app node behind the proxy sees the same codes: a
// code sent through one node is accepted by another, and used once whichever node checks it.
//
// A code: 6 digits, expires `ttl` seconds after it was issued (10 minutes), used once, void
// after `max_failures` wrong tries (5); only a keyed hash of it is kept (BLAKE2b under a key
// every node derives from the same secret: the audit key, see ServiceConfig). Issuing a new
// code for a key replaces the old one. The key (the phone) is stored only as a keyed hash too.
// An access grant: a random token naming the matters it opens, valid for `grant_ttl` seconds
// (30 minutes); only its hash is kept.
// Every call runs in the caller's transaction (issue, verify and grant need a write one) and
// takes `now`, so tests drive the time. Expired rows are removed as new ones are written.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "store/tx.hpp"

namespace huiyin {

struct OneTimeCodeRules {
  Instant ttl = 10 * 60;
  int max_failures = 5;
  Instant grant_ttl = 30 * 60;
};

enum class CodeCheck {
  ok,     // the code was right; it is now used up
  wrong,  // a live code exists and this was not it (counted)
  none,   // no live code: never issued, expired, used, or voided by wrong tries
};

class OneTimeCodes {
 public:
  // `secret`: the bytes the hash key is derived from; nodes sharing a database must share it.
  explicit OneTimeCodes(OneTimeCodeRules rules = {}, std::string_view secret = {});

  // A fresh code for `key` (6 digits, may start with 0); replaces any earlier one.
  std::string issue(Tx& tx, const std::string& key, Instant now) const;
  // Checks `code` against the live code of `key`; a right code is used up, the last allowed
  // wrong try voids it. Of two nodes checking the same right code at once, one gets ok.
  CodeCheck verify(Tx& tx, const std::string& key, std::string_view code, Instant now) const;

  // A token that opens `codes` (matter codes) until now + grant_ttl.
  std::string grant(Tx& tx, const std::set<std::string>& codes, Instant now) const;
  // True when `token` is a live grant naming `code` (a read transaction is enough).
  bool grants(Tx& tx, const std::string& token, const std::string& code, Instant now) const;

  const OneTimeCodeRules& rules() const { return rules_; }

 private:
  std::string hash(std::string_view domain, std::string_view key, std::string_view secret) const;

  OneTimeCodeRules rules_;
  unsigned char key_[32];
};

}  // namespace huiyin
