// Classifier evaluation: confusion table, accuracy, macro-F1, and stratified k-fold splits
// with a fixed seed (so every run and every benchmark uses the same folds). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace huiyin::text {

struct EvaluationReport {
  std::vector<std::string> labels;              // sorted
  std::vector<std::vector<int>> confusion;      // [true][predicted]
  double accuracy = 0;
  double macro_f1 = 0;
  std::vector<double> f1;                       // per label

  std::string table() const;                    // printable confusion table with per-label F1
};

EvaluationReport evaluate(const std::vector<std::string>& truth,
                          const std::vector<std::string>& predicted);

// fold[i] in 0..k-1 for each row; each label spread evenly over the folds.
std::vector<int> stratified_folds(const std::vector<std::string>& labels, int k,
                                  std::uint64_t seed = 7);

}  // namespace huiyin::text
