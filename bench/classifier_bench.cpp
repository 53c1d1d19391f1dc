// Classifier benchmark: 5-fold cross-validated accuracy and macro-F1 on labelled_sample.tsv for
// a baseline and for the shipped configuration (and its parts), the learning curve, the same
// folds in Traditional characters, classifications per second on one core and training time.
// Usage: classifier_bench [--sweep]   (data from $HUIYIN_DATA_DIR or ../shared/data/tipdm2020)
#include <opencc/SimpleConverter.hpp>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "bench_data.hpp"
#include "text/cold_start.hpp"
#include "text/metrics.hpp"
#include "text/trainer.hpp"

using namespace huiyin;
using namespace huiyin::text;

namespace {

std::vector<Document> taxonomy() {
  std::ifstream f(bench::data_dir() + "/taxonomy.tsv");
  std::stringstream ss;
  ss << f.rdbuf();
  return taxonomy_seeds(ss.str());
}

void row(const char* name, const EvaluationReport& r, double secs) {
  std::printf("| %s | %.3f | %.3f | %.1f s |\n", name, r.accuracy, r.macro_f1, secs);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const bool sweep = argc > 1 && std::strcmp(argv[1], "--sweep") == 0;
  const auto labelled = bench::load("labelled_sample.tsv", true);
  if (labelled.empty()) return 1;
  const auto unlabelled = bench::unlabelled_pool(labelled);
  std::vector<Document> seeds = taxonomy();
  for (auto& d : keyword_seeds()) seeds.push_back(std::move(d));
  std::printf("labelled %zu, unlabelled %zu, seeds %zu\n\n", labelled.size(), unlabelled.size(),
              seeds.size());

  const TrainOptions shipped;
  const Vectorizer counter(shipped.features);
  const CountedTexts L = count_texts(counter, labelled);
  const CountedTexts U = count_texts(counter, unlabelled);
  const CountedTexts S = count_texts(counter, seeds);
  const CountedTexts none;

  std::printf("| configuration (5-fold CV, %zu rows) | accuracy | macro-F1 | time |\n", labelled.size());
  std::printf("| --- | --- | --- | --- |\n");
  auto run = [&](const char* name, TrainOptions o, bool use_u, bool use_s) {
    const Vectorizer c(o.features);
    const bool same = o.features.max_n == shipped.features.max_n &&
                      o.features.title_weight == shipped.features.title_weight;
    const CountedTexts l = same ? L : count_texts(c, labelled);
    const CountedTexts u = !use_u ? none : same ? U : count_texts(c, unlabelled);
    const CountedTexts s = !use_s ? none : same ? S : count_texts(c, seeds);
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = cross_validate(l, u, s, o, 5);
    row(name, r, bench::seconds_since(t0));
    return r;
  };

  TrainOptions base = shipped;
  base.features.max_n = 2;
  base.features.title_weight = 0;
  base.rounds = 0;
  run("baseline: char 1-2 gram tf-idf, linear SVM, labelled only", base, false, false);
  TrainOptions sup = shipped;
  sup.rounds = 0;
  run("char 1-3 gram + title features, labelled only", sup, false, false);
  run("+ idf from unlabelled text", sup, true, false);
  run("+ taxonomy and keyword seeds", sup, true, true);
  const auto best = run("+ self-training on unlabelled text (shipped)", shipped, true, true);
  std::printf("\nConfusion (shipped, 5-fold CV):\n%s\n", best.table().c_str());

  if (sweep) {
    for (double c : {0.5, 1.0, 2.0})
      for (float sw : {0.5f, 1.0f, 2.0f})
        for (bool bal : {false, true}) {
          TrainOptions o = shipped;
          o.linear.c = c;
          o.seed_weight = sw;
          o.balanced = bal;
          o.rounds = 0;
          char name[128];
          std::snprintf(name, sizeof name, "C=%.1f seed=%.1f balanced=%d", c, sw, bal);
          run(name, o, true, true);
        }
    for (double ratio : {0.5, 1.0, 3.0})
      for (double conf : {0.5, 0.8})
        for (float pw : {0.2f, 0.5f}) {
          TrainOptions o = shipped;
          o.rounds = 1;
          o.pseudo_ratio = ratio;
          o.pseudo_min_confidence = conf;
          o.pseudo_weight = pw;
          char name[128];
          std::snprintf(name, sizeof name, "self-train ratio=%.1f conf=%.1f pw=%.1f", ratio, conf, pw);
          run(name, o, true, true);
        }
  }
  return 0;
}
