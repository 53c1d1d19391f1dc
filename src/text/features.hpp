// Feature extraction for the classifier: hashed character n-grams (1..3 by default) of the
// normalised title and content, the title also in a space of its own; sublinear tf, idf learnt
// from all available text (labelled and unlabelled), L2 norm. Digits fold to '0'.
// A Vectorizer is immutable after fit_idf()/load and then safe to use from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace huiyin::text {

using SparseVector = std::vector<std::pair<std::uint32_t, float>>;  // sorted by index

struct FeatureOptions {
  int max_n = 3;            // n-grams 1..max_n
  int hash_bits = 20;       // feature space 2^hash_bits
  float title_weight = 1.0f;  // scale of the title-only features (0: none)
};

class Vectorizer {
 public:
  Vectorizer() = default;
  explicit Vectorizer(FeatureOptions o) : opt_(o) {}

  const FeatureOptions& options() const { return opt_; }
  std::uint32_t dimension() const { return 1u << opt_.hash_bits; }

  // Raw n-gram counts of a document (no idf); for fit_idf and transform.
  SparseVector counts(std::string_view title, std::string_view content) const;
  void fit_idf(const std::vector<SparseVector>& docs);
  // tf-idf weighting and L2 norm of counts().
  SparseVector weigh(const SparseVector& counts) const;
  // The weight of one raw count before the L2 norm: sublinear tf times idf.
  static float tf(float count);
  float idf(std::uint32_t index) const { return idf_.empty() ? 1.0f : idf_[index]; }
  SparseVector transform(std::string_view title, std::string_view content) const {
    return weigh(counts(title, content));
  }

  void write(std::string& out) const;
  bool read(std::string_view& in);

 private:
  FeatureOptions opt_;
  std::vector<float> idf_;  // empty until fitted: then all idf = 1
  float unseen_idf_ = 1.0f;
};

// Little-endian binary helpers shared by the model file readers and writers.
void put_u32(std::string& out, std::uint32_t v);
void put_f32(std::string& out, float v);
void put_str(std::string& out, std::string_view s);
bool get_u32(std::string_view& in, std::uint32_t& v);
bool get_f32(std::string_view& in, float& v);
bool get_str(std::string_view& in, std::string& s);

}  // namespace huiyin::text
