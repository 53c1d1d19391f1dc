// Anchors of the audit chain outside the database: an append-only text file, one line per
// anchor "<seq> <hash> <unix time>", written every `every` events (from the store's commit
// listener) and on flush() (at shutdown and at the end of every CLI command that wrote).
// `audit verify` checks the chain against it: a chain shorter than the last anchor, or an
// anchored event with another hash, is truncation or a rewrite. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "store/audit_verify.hpp"

namespace huiyin {

class AuditAnchorLog {
 public:
  AuditAnchorLog(std::string path, std::int64_t every);
  // Store commit listener: anchors once `every` events have passed since the last anchor.
  void on_commit(std::int64_t seq, const std::string& hash);
  // Anchors the latest head seen, unless it is anchored already.
  void flush();
  const std::string& path() const { return path_; }
  // All anchors of the file (empty when it does not exist); invalid on a malformed line.
  static Result<std::vector<AuditAnchor>> read(const std::string& path);

 private:
  void write_locked(std::int64_t seq, const std::string& hash);

  std::mutex mu_;
  std::string path_;
  std::int64_t every_;
  std::int64_t anchored_ = 0;  // highest seq in the file
  std::int64_t latest_ = 0;
  std::string latest_hash_;
};

}  // namespace huiyin
