// One-time codes sent to a phone (the lookup of a reporter's matters by phone, issue 9), and the
// short-lived access a verified code grants. In memory, per process (like the throttles): a
// restart only voids codes and grants in flight; the citizen asks for a new code.
//
// A code: 6 digits, expires `ttl` seconds after it was issued (10 minutes), used once, void
// after `max_failures` wrong tries (5); only a keyed hash of it is kept (BLAKE2b with a key
// drawn at start-up). Issuing a new code for a key replaces the old one.
// An access grant: a random token naming the matters it opens, valid for `grant_ttl` seconds
// (30 minutes); only its hash is kept.
// Thread-safe (one mutex). Every call takes `now`, so tests drive the time.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "domain/clock.hpp"

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
  explicit OneTimeCodes(OneTimeCodeRules rules = {});

  // A fresh code for `key` (6 digits, may start with 0); replaces any earlier one.
  std::string issue(const std::string& key, Instant now);
  // Checks `code` against the live code of `key`; a right code is used up, the last allowed
  // wrong try voids it.
  CodeCheck verify(const std::string& key, std::string_view code, Instant now);

  // A token that opens `codes` (matter codes) until now + grant_ttl.
  std::string grant(std::set<std::string> codes, Instant now);
  bool grants(const std::string& token, const std::string& code, Instant now) const;

  const OneTimeCodeRules& rules() const { return rules_; }

 private:
  struct Live {
    std::string hash;
    Instant expires = 0;
    int failures = 0;
  };
  struct Grant {
    std::set<std::string> codes;
    Instant expires = 0;
  };
  std::string hash(std::string_view domain, std::string_view key, std::string_view secret) const;
  void sweep(Instant now);

  OneTimeCodeRules rules_;
  unsigned char secret_[32];
  mutable std::mutex mu_;
  std::map<std::string, Live> codes_;
  std::map<std::string, Grant> grants_;
  std::size_t since_sweep_ = 0;
};

}  // namespace huiyin
