// Category suggestions: a linear model over hashed character n-gram tf-idf features
// (features.hpp), one-vs-rest L2-loss SVMs trained by dual coordinate descent, with a softmax
// over the decision values as the confidence. A Classifier is immutable once trained or loaded
// and may then be shared by many threads. Model files are versioned binary ("HYTC" + version).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "text/features.hpp"

namespace huiyin::text {

struct Suggestion {
  std::string label;
  double confidence = 0;  // 0..1, the suggestions of one text sum to at most 1
};

struct TrainingExample {
  const SparseVector* x = nullptr;  // tf-idf weighted, L2-normalised
  int label = 0;
  float weight = 1.0f;  // scales the loss of this example (pseudo-labels weigh less)
};

struct LinearOptions {
  double c = 0.5;          // inverse regularisation strength
  int max_epochs = 60;
  double tolerance = 0.05;
  std::uint64_t seed = 20260101;  // fixed: training is deterministic
};

class Classifier {
 public:
  static constexpr std::uint32_t kFormatVersion = 1;

  Classifier() = default;
  Classifier(Vectorizer vectorizer, std::vector<std::string> labels);

  const std::vector<std::string>& labels() const { return labels_; }
  const Vectorizer& vectorizer() const { return vec_; }
  bool trained() const { return !w_.empty(); }

  void fit(const std::vector<TrainingExample>& examples, const LinearOptions& opt);

  // Decision values, one per label.
  std::vector<double> scores(const SparseVector& x) const;
  // Top-k labels with confidences, best first.
  std::vector<Suggestion> suggest(const SparseVector& x, std::size_t k = 3) const;
  // From raw text: normalisation, n-gram counts, then tf-idf, norm and scores in one pass.
  std::vector<Suggestion> suggest(std::string_view title, std::string_view content,
                                  std::size_t k = 3) const;

  float confidence_scale() const { return scale_; }
  void set_confidence_scale(float s) { scale_ = s; }

  std::string serialize() const;
  static Result<Classifier> deserialize(std::string_view bytes);
  Status save(const std::string& path) const;
  static Result<Classifier> load(const std::string& path);

 private:
  Vectorizer vec_;
  std::vector<std::string> labels_;
  std::vector<Suggestion> ranked(const std::vector<double>& scores, std::size_t k) const;
  void fill_idf();  // copies the vectorizer's idf into column 0 of w_

  // dimension rows of (idf, one weight per label): a feature's idf and weights share a cache
  // line, so scoring raw counts costs one memory access per feature.
  std::vector<float> w_;
  std::vector<float> bias_;  // per label
  float scale_ = 4.0f;       // softmax(scale * score)
};

}  // namespace huiyin::text
