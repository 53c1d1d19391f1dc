#include "text/trainer.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace huiyin::text {

CountedTexts count_texts(const Vectorizer& v, const std::vector<Document>& docs) {
  CountedTexts c;
  c.counts.reserve(docs.size());
  for (const auto& d : docs) {
    c.counts.push_back(v.counts(d.title, d.content));
    c.labels.push_back(d.label);
  }
  return c;
}

Classifier train_counted(const CountedTexts& labelled, const CountedTexts& unlabelled,
                         const CountedTexts& seeds, const TrainOptions& opt,
                         const CountedTexts& weak) {
  Vectorizer vec(opt.features);
  {
    std::vector<SparseVector> all = labelled.counts;
    all.insert(all.end(), unlabelled.counts.begin(), unlabelled.counts.end());
    if (all.empty()) all = seeds.counts;
    vec.fit_idf(all);
  }
  // Labels: those of the labelled rows; with none (cold start), those of the seeds.
  std::set<std::string> names(labelled.labels.begin(), labelled.labels.end());
  if (names.empty()) names.insert(seeds.labels.begin(), seeds.labels.end());
  names.erase("");
  std::vector<std::string> labels(names.begin(), names.end());
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < labels.size(); ++i) index[labels[i]] = static_cast<int>(i);

  auto weigh_all = [&](const CountedTexts& t) {
    std::vector<SparseVector> out;
    out.reserve(t.counts.size());
    for (const auto& c : t.counts) out.push_back(vec.weigh(c));
    return out;
  };
  const auto xl = weigh_all(labelled);
  const auto xs = weigh_all(seeds);
  const auto xu = weigh_all(unlabelled);
  const auto xw = weigh_all(weak);

  std::vector<TrainingExample> base;
  std::vector<int> labelled_per(labels.size(), 0);
  for (std::size_t i = 0; i < xl.size(); ++i) {
    base.push_back({&xl[i], index[labelled.labels[i]], 1.0f});
    ++labelled_per[index[labelled.labels[i]]];
  }
  if (opt.balanced && !xl.empty()) {
    for (auto& e : base)
      e.weight *= static_cast<float>(xl.size()) / (labels.size() * labelled_per[e.label]);
  }
  for (std::size_t i = 0; i < xs.size(); ++i) {
    auto it = index.find(seeds.labels[i]);
    if (it != index.end()) base.push_back({&xs[i], it->second, opt.seed_weight});
  }
  for (std::size_t i = 0; i < xw.size(); ++i) {
    auto it = index.find(weak.labels[i]);
    if (it != index.end()) base.push_back({&xw[i], it->second, opt.weak_weight});
  }

  Classifier model(vec, labels);
  model.set_confidence_scale(opt.confidence_scale);
  model.fit(base, opt.linear);
  const int rounds = labelled.counts.empty() ? 0 : opt.rounds;
  for (int r = 0; r < rounds && !xu.empty(); ++r) {
    // (confidence, index) per predicted label
    std::vector<std::vector<std::pair<double, std::size_t>>> picked(labels.size());
    for (std::size_t u = 0; u < xu.size(); ++u) {
      const auto s = model.suggest(xu[u], 1);
      if (s.empty() || s[0].confidence < opt.pseudo_min_confidence) continue;
      picked[index[s[0].label]].push_back({s[0].confidence, u});
    }
    std::vector<TrainingExample> ex = base;
    for (std::size_t k = 0; k < labels.size(); ++k) {
      auto& p = picked[k];
      std::stable_sort(p.begin(), p.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
      });
      const std::size_t cap = static_cast<std::size_t>(opt.pseudo_ratio * labelled_per[k]);
      for (std::size_t i = 0; i < p.size() && i < cap; ++i)
        ex.push_back({&xu[p[i].second], static_cast<int>(k), opt.pseudo_weight});
    }
    Classifier next(vec, labels);
    next.set_confidence_scale(opt.confidence_scale);
    next.fit(ex, opt.linear);
    model = std::move(next);
  }
  return model;
}

Classifier train_classifier(const std::vector<Document>& labelled,
                            const std::vector<Document>& unlabelled,
                            const std::vector<Document>& seeds, const TrainOptions& opt,
                            const std::vector<Document>& weak) {
  const Vectorizer counter(opt.features);
  return train_counted(count_texts(counter, labelled), count_texts(counter, unlabelled),
                       count_texts(counter, seeds), opt, count_texts(counter, weak));
}

}  // namespace huiyin::text

#include "text/metrics.hpp"

namespace huiyin::text {

EvaluationReport cross_validate(const CountedTexts& labelled, const CountedTexts& unlabelled,
                                const CountedTexts& seeds, const TrainOptions& opt, int folds,
                                const CountedTexts& weak) {
  const std::vector<int> fold = stratified_folds(labelled.labels, folds);
  std::vector<std::string> truth, predicted;
  for (int f = 0; f < folds; ++f) {
    CountedTexts train, test;
    for (std::size_t i = 0; i < labelled.counts.size(); ++i) {
      CountedTexts& dst = fold[i] == f ? test : train;
      dst.counts.push_back(labelled.counts[i]);
      dst.labels.push_back(labelled.labels[i]);
    }
    const Classifier model = train_counted(train, unlabelled, seeds, opt, weak);
    for (std::size_t i = 0; i < test.counts.size(); ++i) {
      const auto s = model.suggest(model.vectorizer().weigh(test.counts[i]), 1);
      truth.push_back(test.labels[i]);
      predicted.push_back(s.empty() ? std::string() : s[0].label);
    }
  }
  return evaluate(truth, predicted);
}

}  // namespace huiyin::text
