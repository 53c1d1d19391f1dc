#include "text/metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <set>

namespace huiyin::text {

EvaluationReport evaluate(const std::vector<std::string>& truth,
                          const std::vector<std::string>& predicted) {
  EvaluationReport r;
  std::set<std::string> all(truth.begin(), truth.end());
  all.insert(predicted.begin(), predicted.end());
  r.labels.assign(all.begin(), all.end());
  std::map<std::string, std::size_t> idx;
  for (std::size_t i = 0; i < r.labels.size(); ++i) idx[r.labels[i]] = i;
  const std::size_t k = r.labels.size();
  r.confusion.assign(k, std::vector<int>(k, 0));
  std::size_t right = 0;
  for (std::size_t i = 0; i < truth.size() && i < predicted.size(); ++i) {
    ++r.confusion[idx[truth[i]]][idx[predicted[i]]];
    right += truth[i] == predicted[i];
  }
  r.accuracy = truth.empty() ? 0 : static_cast<double>(right) / truth.size();
  double sum = 0;
  std::size_t present = 0;
  for (std::size_t c = 0; c < k; ++c) {
    int tp = r.confusion[c][c], row = 0, col = 0;
    for (std::size_t o = 0; o < k; ++o) row += r.confusion[c][o], col += r.confusion[o][c];
    const double p = col ? static_cast<double>(tp) / col : 0;
    const double rec = row ? static_cast<double>(tp) / row : 0;
    const double f = p + rec > 0 ? 2 * p * rec / (p + rec) : 0;
    r.f1.push_back(f);
    if (row > 0) sum += f, ++present;  // labels that occur in the truth
  }
  r.macro_f1 = present ? sum / present : 0;
  return r;
}

std::string EvaluationReport::table() const {
  std::string out = "真实\\预测";
  char buf[64];
  for (std::size_t c = 0; c < labels.size(); ++c) {
    std::snprintf(buf, sizeof buf, "\t%zu", c + 1);
    out += buf;
  }
  out += "\tF1\n";
  for (std::size_t t = 0; t < labels.size(); ++t) {
    std::snprintf(buf, sizeof buf, "%zu ", t + 1);
    out += buf + labels[t];
    for (std::size_t p = 0; p < labels.size(); ++p) out += "\t" + std::to_string(confusion[t][p]);
    std::snprintf(buf, sizeof buf, "\t%.3f\n", f1[t]);
    out += buf;
  }
  return out;
}

std::vector<int> stratified_folds(const std::vector<std::string>& labels, int k,
                                  std::uint64_t seed) {
  std::vector<int> fold(labels.size(), 0);
  std::map<std::string, std::vector<std::size_t>> by_label;
  for (std::size_t i = 0; i < labels.size(); ++i) by_label[labels[i]].push_back(i);
  std::mt19937_64 rng(seed);
  int next = 0;
  for (auto& [label, rows] : by_label) {
    std::shuffle(rows.begin(), rows.end(), rng);
    for (std::size_t r : rows) fold[r] = next++ % k;  // continue round-robin across labels
  }
  return fold;
}

}  // namespace huiyin::text
