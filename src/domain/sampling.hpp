// 回头看 samples: a reproducible random choice of `size` items out of a population of `n`, from
// a seed given as text. The same seed over the same population always gives the same sample, so
// a spot check can be drawn again later and checked.
//
// The method (documented in README "回头看"): the seed text is hashed with 64-bit FNV-1a; that
// number seeds SplitMix64 (Steele, Lea & Flood 2014: state += 0x9E3779B97F4A7C15, then the
// mixing xor-shift-multiply steps); a partial Fisher–Yates shuffle of the indices 0..n-1 takes
// its first `size` positions, each swap index drawn uniformly by rejection (no modulo bias).
// The chosen indices are returned ascending. size >= n returns every index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace huiyin {

// FNV-1a (64 bit) of the seed's bytes.
std::uint64_t seed_hash(std::string_view seed);

// SplitMix64: small, fast, fully specified; never used for anything secret.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform in [0, bound), bound > 0.
  std::uint64_t below(std::uint64_t bound);

 private:
  std::uint64_t state_;
};

std::vector<std::size_t> draw_sample(std::size_t n, std::size_t size, std::string_view seed);

}  // namespace huiyin
