#include "text/duplicate_index.hpp"

#include <algorithm>
#include <mutex>

namespace huiyin::text {
namespace {

std::uint32_t pow2_at_least(std::size_t n) {
  std::uint32_t p = 1024;
  while (p < n) p <<= 1;
  return p;
}

}  // namespace

DuplicateIndex::DuplicateIndex(DuplicateOptions opt, std::size_t initial_capacity) : opt_(opt) {
  const std::uint32_t buckets = pow2_at_least(initial_capacity);
  bucket_mask_ = buckets - 1;
  heads_.assign(static_cast<std::size_t>(buckets) * kBands, -1);
}

std::uint32_t DuplicateIndex::band_key(const MinHashSignature& s, int band) const {
  std::uint32_t h = 2166136261u ^ static_cast<std::uint32_t>(band * 0x9e3779b9u);
  for (int r = 0; r < kRows; ++r) h = (h ^ s[band * kRows + r]) * 16777619u;
  h ^= h >> 15;
  h *= 0x2c1b3c6du;
  h ^= h >> 12;
  return h & bucket_mask_;
}

void DuplicateIndex::link(std::uint32_t slot) {
  for (int b = 0; b < kBands; ++b) {
    std::int32_t& head = heads_[static_cast<std::size_t>(b) * (bucket_mask_ + 1) + band_key(sigs_[slot], b)];
    next_[static_cast<std::size_t>(slot) * kBands + b] = head;
    head = static_cast<std::int32_t>(slot);
  }
}

void DuplicateIndex::unlink(std::uint32_t slot) {
  for (int b = 0; b < kBands; ++b) {
    std::int32_t* p = &heads_[static_cast<std::size_t>(b) * (bucket_mask_ + 1) + band_key(sigs_[slot], b)];
    while (*p != -1 && *p != static_cast<std::int32_t>(slot)) p = &next_[static_cast<std::size_t>(*p) * kBands + b];
    if (*p == static_cast<std::int32_t>(slot)) *p = next_[static_cast<std::size_t>(slot) * kBands + b];
  }
}

void DuplicateIndex::grow() {
  const std::uint32_t buckets = pow2_at_least(slots_.size());
  bucket_mask_ = buckets - 1;
  heads_.assign(static_cast<std::size_t>(buckets) * kBands, -1);
  for (std::uint32_t s = 0; s < slots_.size(); ++s)
    if (slots_[s].live) link(s);
}

void DuplicateIndex::add(Id id, std::string_view title, std::string_view content,
                         std::optional<Id> area, Instant at) {
  add_sketch(id, sketch_text(title, content), area, at);
}

void DuplicateIndex::add_sketch(Id id, const TextSketch& sk, std::optional<Id> area, Instant at) {
  std::unique_lock lock(mu_);
  if (auto it = by_id_.find(id); it != by_id_.end()) {
    unlink(it->second);
    slots_[it->second].live = false;
    free_.push_back(it->second);
    by_id_.erase(it);
  }
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
    sigs_.emplace_back();
    next_.resize(next_.size() + kBands, -1);
  }
  slots_[slot] = Slot{id, area.value_or(0), at, sk.shingles, true};
  sigs_[slot] = sk.sig;
  by_id_[id] = slot;
  if (slots_.size() > bucket_mask_ + 1) grow();
  else link(slot);
}

bool DuplicateIndex::remove(Id id) {
  std::unique_lock lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return false;
  unlink(it->second);
  slots_[it->second].live = false;
  free_.push_back(it->second);
  by_id_.erase(it);
  return true;
}

std::vector<DuplicateMatch> DuplicateIndex::query(const DuplicateQuery& q, std::size_t k,
                                                  std::optional<double> min_score,
                                                  std::optional<Id> exclude) const {
  return query_sketch(sketch_text(q.title, q.content), q.area, q.at, k,
                      min_score.value_or(opt_.threshold), exclude);
}

std::vector<DuplicateMatch> DuplicateIndex::query_sketch(const TextSketch& sk,
                                                         std::optional<Id> area, Instant at,
                                                         std::size_t k, double min_score,
                                                         std::optional<Id> exclude,
                                                         std::size_t* candidates) const {
  std::shared_lock lock(mu_);
  std::vector<std::uint32_t> cand;
  for (int b = 0; b < kBands; ++b) {
    const std::uint32_t key = band_key(sk.sig, b);
    for (std::int32_t s = heads_[static_cast<std::size_t>(b) * (bucket_mask_ + 1) + key]; s != -1;
         s = next_[static_cast<std::size_t>(s) * kBands + b]) {
      const auto& sig = sigs_[s];
      bool same = true;
      for (int r = 0; r < kRows; ++r) same = same && sig[b * kRows + r] == sk.sig[b * kRows + r];
      if (same) cand.push_back(static_cast<std::uint32_t>(s));
    }
  }
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  if (candidates) *candidates = cand.size();
  std::vector<DuplicateMatch> out;
  for (std::uint32_t s : cand) {
    const Slot& slot = slots_[s];
    if (!slot.live || (exclude && slot.id == *exclude)) continue;
    const double text = sketch_similarity(sk, TextSketch{sigs_[s], slot.shingles});
    double score = text;
    if (area && slot.area != 0 && *area != slot.area) score *= opt_.other_area_factor;
    const Instant gap = at > slot.at ? at - slot.at : slot.at - at;
    if (at != 0 && slot.at != 0 && gap > opt_.window_seconds) score *= opt_.outside_window_factor;
    if (score >= min_score) out.push_back({slot.id, score, text});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.score > b.score || (a.score == b.score && a.id < b.id);
  });
  if (out.size() > k) out.resize(k);
  return out;
}

std::size_t DuplicateIndex::size() const {
  std::shared_lock lock(mu_);
  return by_id_.size();
}

std::size_t DuplicateIndex::memory_bytes() const {
  std::shared_lock lock(mu_);
  return slots_.capacity() * sizeof(Slot) + sigs_.capacity() * sizeof(MinHashSignature) +
         next_.capacity() * sizeof(std::int32_t) + heads_.capacity() * sizeof(std::int32_t) +
         free_.capacity() * sizeof(std::uint32_t) +
         by_id_.bucket_count() * sizeof(void*) + by_id_.size() * (sizeof(Id) + 4 + 2 * sizeof(void*));
}

}  // namespace huiyin::text
