#include "domain/sampling.hpp"

#include <algorithm>
#include <numeric>

namespace huiyin {

std::uint64_t seed_hash(std::string_view seed) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : seed) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::uint64_t SplitMix64::below(std::uint64_t bound) {
  // Reject the top partial block so every residue is equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t x;
  do x = next();
  while (x >= limit);
  return x % bound;
}

std::vector<std::size_t> draw_sample(std::size_t n, std::size_t size, std::string_view seed) {
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  if (size >= n) return idx;
  SplitMix64 rng(seed_hash(seed));
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(rng.below(n - i));
    std::swap(idx[i], idx[j]);
  }
  idx.resize(size);
  std::sort(idx.begin(), idx.end());
  return idx;
}

}  // namespace huiyin
