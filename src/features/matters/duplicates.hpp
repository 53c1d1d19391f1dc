// Duplicates at intake and dispatch: an in-memory near-duplicate index (text/duplicate_index.hpp)
// of the open matters of the last `duplicate_window_days` days, filled from the store by start()
// (or by the first lookup) and kept in step by the service after every intake and every status
// change (matter_saved). A lookup answers only with matters the actor may see, with their
// current status read from the store. Thread-safe: the index has its own reader/writer lock.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "kernel/actor.hpp"
#include "kernel/services.hpp"
#include "text/duplicate_index.hpp"

namespace huiyin {

struct SimilarMatter {
  std::string code;
  std::string title;
  MatterStatus status = MatterStatus::submitted;
  double score = 0;  // 0..1: text similarity x place and time-window factors
  Instant created_at = 0;
};

// Statuses kept in the index: not yet closed, rejected or merged (a resolved matter stays until
// it is verified, so a second report of a just-answered problem is still caught).
bool duplicate_candidate(MatterStatus s);

class DuplicateService {
 public:
  explicit DuplicateService(ServiceContext& ctx) : ctx_(ctx) {}

  // Fills the index from the store. Idempotent; the first lookup calls it too.
  Status start();
  // After a matter was created or changed (committed): added, replaced or removed by status.
  void matter_saved(const Matter& m);
  // Puts in step the matters whose events were written after the last one this index saw —
  // the intakes and status changes other app nodes on the same database made (`serve` calls it
  // every few seconds). Returns how many matters it re-read; 0 before start().
  Result<std::size_t> catch_up();
  // The most similar matters to `code` (itself left out) that the actor may see, best first.
  Result<std::vector<SimilarMatter>> similar(const Actor& actor, const std::string& code,
                                             std::size_t k = 5);
  // The same for a matter just recorded (staff intake): codes only.
  std::vector<std::string> similar_codes(const Actor& actor, const Matter& m, std::size_t k = 5);
  std::size_t size() const { return index_.size(); }

 private:
  std::vector<SimilarMatter> visible(Tx& tx, const Actor& actor, const Matter& m, std::size_t k);

  ServiceContext& ctx_;
  text::DuplicateIndex index_;
  std::mutex start_mu_;
  bool started_ = false;
  std::int64_t seen_seq_ = 0;  // the last event seq the index is in step with
};

}  // namespace huiyin
