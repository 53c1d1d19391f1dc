// Training a Classifier: supervised on labelled texts, plus (optionally) self-training on
// unlabelled texts and weak "seed" texts (category names and keywords). Deterministic: the same
// inputs and options give the same model bit for bit. Pure functions; thread-safe.
//
// How it works: idf comes from every text (labelled and unlabelled); a first model is trained
// on the labelled rows and the seeds; it labels the unlabelled texts, and those it is most sure
// of (per label, at most pseudo_ratio times that label's labelled count, and only above
// pseudo_min_confidence) join the training set at pseudo_weight; this repeats for `rounds`.
// Defaults are the configuration measured best in docs/benchmarks.md ("Text"): labels weighted
// inversely to their frequency, seeds at full weight, self-training off (it did not help there).
#pragma once

#include <string>
#include <vector>

#include "text/classifier.hpp"
#include "text/documents.hpp"

namespace huiyin::text {

struct TrainOptions {
  FeatureOptions features;
  LinearOptions linear;
  int rounds = 0;                     // self-training rounds (0: off; measured no gain here)
  double pseudo_min_confidence = 0.5;
  double pseudo_ratio = 2.0;
  float pseudo_weight = 0.3f;
  float seed_weight = 1.0f;
  float weak_weight = 0.5f;           // texts labelled by their official reply
  bool balanced = true;               // weigh labels inversely to their labelled counts
  float confidence_scale = 4.0f;
};

// Texts already turned into n-gram counts, so cross-validation counts each text once.
struct CountedTexts {
  std::vector<SparseVector> counts;
  std::vector<std::string> labels;  // empty strings for unlabelled texts
};

CountedTexts count_texts(const Vectorizer& v, const std::vector<Document>& docs);

// `weak`: texts with a label of lower trust (e.g. reply_labelled()), weighed at weak_weight.
Classifier train_counted(const CountedTexts& labelled, const CountedTexts& unlabelled,
                         const CountedTexts& seeds, const TrainOptions& opt,
                         const CountedTexts& weak = {});

Classifier train_classifier(const std::vector<Document>& labelled,
                            const std::vector<Document>& unlabelled,
                            const std::vector<Document>& seeds, const TrainOptions& opt,
                            const std::vector<Document>& weak = {});

}  // namespace huiyin::text

namespace huiyin::text {

// k-fold cross-validation (stratified, fixed seed) of train_counted on the labelled texts;
// unlabelled texts and seeds join every fold's training (they carry no labels of the test fold).
// Returns the report over all held-out predictions.
struct EvaluationReport;
EvaluationReport cross_validate(const CountedTexts& labelled, const CountedTexts& unlabelled,
                                const CountedTexts& seeds, const TrainOptions& opt, int folds,
                                const CountedTexts& weak = {});

}  // namespace huiyin::text
