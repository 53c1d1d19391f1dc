#include "text/minhash.hpp"

#include <algorithm>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

constexpr std::uint32_t kMinShinglesForContainment = 24;
constexpr double kContainmentWeight = 0.9;

double combine(double jaccard, std::uint32_t na, std::uint32_t nb) {
  const std::uint32_t small = std::min(na, nb);
  if (small < kMinShinglesForContainment || jaccard <= 0) return jaccard;
  // |A∩B| = J(|A|+|B|)/(1+J); containment of the smaller set in the larger.
  const double inter = jaccard * (static_cast<double>(na) + nb) / (1.0 + jaccard);
  const double containment = std::min(1.0, inter / small);
  return std::max(jaccard, kContainmentWeight * containment);
}

}  // namespace

std::vector<std::uint64_t> shingle_hashes(std::string_view title, std::string_view content) {
  std::string joined(title);
  joined.push_back(' ');
  joined.append(content);
  std::u32string s = decode_utf8(normalize_for_index(joined));
  s.erase(std::remove(s.begin(), s.end(), U' '), s.end());
  std::vector<std::uint64_t> out;
  const std::size_t n = s.size() >= 3 ? 3 : s.size();
  for (std::size_t i = 0; n > 0 && i + n <= s.size(); ++i) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t k = 0; k < n; ++k) h = (h ^ s[i + k]) * 0x100000001b3ULL;
    out.push_back(mix(h));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TextSketch sketch_text(std::string_view title, std::string_view content) {
  TextSketch t;
  const auto sh = shingle_hashes(title, content);
  t.shingles = static_cast<std::uint32_t>(sh.size());
  // Hash family h -> a*h + b (mod 2^64), top bits used: multiply-add-shift, one multiply each.
  static const auto family = [] {
    std::array<std::pair<std::uint64_t, std::uint64_t>, kMinHashSize> f{};
    std::uint64_t x = 0x243f6a8885a308d3ULL;
    for (auto& [a, b] : f) {
      a = mix(x += 0x9e3779b97f4a7c15ULL) | 1;
      b = mix(x += 0x9e3779b97f4a7c15ULL);
    }
    return f;
  }();
  std::array<std::uint64_t, kMinHashSize> mins;
  mins.fill(~0ULL);
  for (std::uint64_t h : sh)
    for (int k = 0; k < kMinHashSize; ++k) {
      const std::uint64_t v = family[k].first * h + family[k].second;
      mins[k] = v < mins[k] ? v : mins[k];
    }
  for (int k = 0; k < kMinHashSize; ++k)
    t.sig[k] = sh.empty() ? 0 : static_cast<std::uint16_t>(mins[k] >> 48 | 1);  // 0 = empty text
  return t;
}

double estimate_jaccard(const MinHashSignature& a, const MinHashSignature& b) {
  int same = 0;
  for (int k = 0; k < kMinHashSize; ++k) same += (a[k] == b[k]) & (a[k] != 0);
  return static_cast<double>(same) / kMinHashSize;
}

double sketch_similarity(const TextSketch& a, const TextSketch& b) {
  return combine(estimate_jaccard(a.sig, b.sig), a.shingles, b.shingles);
}

double exact_similarity(std::string_view ta, std::string_view ca, std::string_view tb,
                        std::string_view cb) {
  const auto a = shingle_hashes(ta, ca);
  const auto b = shingle_hashes(tb, cb);
  if (a.empty() || b.empty()) return 0;
  std::size_t inter = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) ++inter, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  const double jaccard = static_cast<double>(inter) / (a.size() + b.size() - inter);
  return combine(jaccard, static_cast<std::uint32_t>(a.size()), static_cast<std::uint32_t>(b.size()));
}

}  // namespace huiyin::text
