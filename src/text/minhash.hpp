// MinHash sketches of normalised text for near-duplicate detection. Shingles are character
// 3-grams of the normalised text with spaces removed (so punctuation and spacing edits do not
// matter, and Traditional text shingles like its Simplified twin). Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace huiyin::text {

constexpr int kMinHashSize = 64;
using MinHashSignature = std::array<std::uint16_t, kMinHashSize>;

struct TextSketch {
  MinHashSignature sig{};
  std::uint32_t shingles = 0;  // number of distinct shingles
};

// Distinct hashed shingles of a text (title and content joined).
std::vector<std::uint64_t> shingle_hashes(std::string_view title, std::string_view content);
TextSketch sketch_text(std::string_view title, std::string_view content);

// Estimated Jaccard similarity of the shingle sets.
double estimate_jaccard(const MinHashSignature& a, const MinHashSignature& b);

// Text similarity in 0..1: the Jaccard estimate, raised towards containment when one text is a
// shortened form of the other (both long enough for containment to mean something).
double sketch_similarity(const TextSketch& a, const TextSketch& b);

// Exact counterpart over shingle sets (tests and benchmarks).
double exact_similarity(std::string_view title_a, std::string_view content_a,
                        std::string_view title_b, std::string_view content_b);

}  // namespace huiyin::text
