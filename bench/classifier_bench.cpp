// Classifier benchmark: 5-fold cross-validated accuracy and macro-F1 on labelled_sample.tsv for
// a baseline and for the shipped configuration (and its parts), the learning curve, the same
// folds in Traditional characters, classifications per second on one core and training time.
// Usage: classifier_bench [--sweep]   (data from $HUIYIN_DATA_DIR or ../shared/data/tipdm2020)
#include <opencc/SimpleConverter.hpp>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <random>
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
  const auto weak_docs = reply_labelled(unlabelled);
  const CountedTexts W = count_texts(counter, weak_docs);
  std::printf("texts labelled by their official reply: %zu\n\n", weak_docs.size());
  const CountedTexts none;

  std::printf("| configuration (5-fold CV, %zu rows) | accuracy | macro-F1 | time |\n", labelled.size());
  std::printf("| --- | --- | --- | --- |\n");
  auto run = [&](const char* name, TrainOptions o, bool use_u, bool use_s, bool use_w = false) {
    const Vectorizer c(o.features);
    const bool same = o.features.max_n == shipped.features.max_n &&
                      o.features.title_weight == shipped.features.title_weight;
    const CountedTexts l = same ? L : count_texts(c, labelled);
    const CountedTexts u = !use_u ? none : same ? U : count_texts(c, unlabelled);
    const CountedTexts s = !use_s ? none : same ? S : count_texts(c, seeds);
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = cross_validate(l, u, s, o, 5, use_w ? W : none);
    row(name, r, bench::seconds_since(t0));
    return r;
  };

  TrainOptions base = shipped;
  base.features.max_n = 2;
  base.features.title_weight = 0;
  base.rounds = 0;
  base.balanced = false;
  base.linear.c = 1.0;
  run("baseline: char 1-2 gram tf-idf, linear SVM, labelled only", base, false, false);
  TrainOptions sup = shipped;
  sup.rounds = 0;
  sup.balanced = false;
  run("char 1-3 gram + title features, labelled only", sup, false, false);
  sup.balanced = true;
  run("+ labels weighted by inverse frequency", sup, false, false);
  run("+ idf from unlabelled text", sup, true, false);
  const auto best = run("+ taxonomy and keyword seeds (shipped)", shipped, true, true);
  TrainOptions st = shipped;
  st.rounds = 1;
  st.pseudo_min_confidence = 0.8;
  run("shipped + self-training, 1 round (not shipped)", st, true, true);
  run("shipped + messages labelled by their official reply (not shipped)", shipped, true, true, true);
  std::printf("\nConfusion (shipped, 5-fold CV):\n%s\n", best.table().c_str());

  if (!sweep) {
    // Learning curve: the same 5 folds, training on the first n rows of the other folds.
    std::printf("\nLearning curve (5-fold CV; training rows drawn from the other folds):\n\n");
    std::printf("| labelled rows | baseline accuracy | shipped accuracy | shipped macro-F1 |\n| --- | --- | --- | --- |\n");
    const auto fold = stratified_folds(L.labels, 5);
    for (std::size_t n : {50, 100, 200, 300, 396}) {
      std::vector<std::string> truth, pb, ps;
      const Vectorizer c2(base.features);
      for (int f = 0; f < 5; ++f) {
        std::vector<std::size_t> train_idx, test_idx;
        for (std::size_t i = 0; i < L.counts.size(); ++i) (fold[i] == f ? test_idx : train_idx).push_back(i);
        std::mt19937_64 rng(100 + f);
        std::shuffle(train_idx.begin(), train_idx.end(), rng);
        if (train_idx.size() > n) train_idx.resize(n);
        CountedTexts tr, trb;
        for (auto i : train_idx) {
          tr.counts.push_back(L.counts[i]), tr.labels.push_back(L.labels[i]);
          trb.counts.push_back(c2.counts(labelled[i].title, labelled[i].content)), trb.labels.push_back(L.labels[i]);
        }
        const Classifier ms = train_counted(tr, U, S, shipped);
        const Classifier mb = train_counted(trb, none, none, base);
        for (auto i : test_idx) {
          truth.push_back(L.labels[i]);
          ps.push_back(ms.suggest(ms.vectorizer().weigh(L.counts[i]), 1).at(0).label);
          pb.push_back(mb.suggest(labelled[i].title, labelled[i].content, 1).at(0).label);
        }
      }
      const auto rb = evaluate(truth, pb), rs = evaluate(truth, ps);
      std::printf("| %zu | %.3f | %.3f | %.3f |\n", n, rb.accuracy, rs.accuracy, rs.macro_f1);
      std::fflush(stdout);
    }

    // Traditional characters: every held-out message converted with OpenCC s2t.
    opencc::SimpleConverter s2t("s2t.json");
    std::size_t same = 0, right_t = 0, right_base_t = 0;
    for (int f = 0; f < 5; ++f) {
      CountedTexts tr, trb;
      std::vector<std::size_t> test_idx;
      const Vectorizer c2(base.features);
      for (std::size_t i = 0; i < L.counts.size(); ++i) {
        if (fold[i] == f) { test_idx.push_back(i); continue; }
        tr.counts.push_back(L.counts[i]), tr.labels.push_back(L.labels[i]);
        trb.counts.push_back(c2.counts(labelled[i].title, labelled[i].content)), trb.labels.push_back(L.labels[i]);
      }
      const Classifier ms = train_counted(tr, U, S, shipped);
      const Classifier mb = train_counted(trb, none, none, base);
      for (auto i : test_idx) {
        const std::string tt = s2t.Convert(labelled[i].title), tc = s2t.Convert(labelled[i].content);
        const auto a = ms.suggest(labelled[i].title, labelled[i].content, 1).at(0);
        const auto b = ms.suggest(tt, tc, 1).at(0);
        same += a.label == b.label;
        right_t += b.label == L.labels[i];
        right_base_t += mb.suggest(tt, tc, 1).at(0).label == L.labels[i];
      }
    }
    std::printf("\nTraditional-character copies of the held-out rows: shipped accuracy %.3f, same label as the "
                "Simplified original for %zu/%zu\n",
                static_cast<double>(right_t) / labelled.size(), same, labelled.size());

    // Training time and throughput of the shipped model trained on all labelled rows.
    const auto t0 = std::chrono::steady_clock::now();
    const Classifier full = train_classifier(labelled, unlabelled, seeds, shipped);
    const double train_secs = bench::seconds_since(t0);
    auto thread_secs = [] {
      timespec ts;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return ts.tv_sec + ts.tv_nsec / 1e9;
    };
    const auto t1 = std::chrono::steady_clock::now();
    const double c1 = thread_secs();
    std::size_t n = 0;
    for (int rep = 0; rep < 2; ++rep)
      for (const auto& d : unlabelled) n += full.suggest(d.title, d.content, 3).size() > 0;
    const double secs = bench::seconds_since(t1);
    const double cpu = thread_secs() - c1;
    std::printf("\nTraining on all %zu labelled + %zu unlabelled texts + %zu seeds: %.1f s; model file %zu bytes\n",
                labelled.size(), unlabelled.size(), seeds.size(), train_secs, full.serialize().size());
    std::printf("Classification (raw text in, top-3 out; one thread): %zu texts, %.2f s CPU = %.0f per CPU-second "
                "(%.0f per wall-second on the shared machine)\n", n, cpu, n / cpu, n / secs);
  }
  if (sweep) {
    for (float ww : {0.2f, 0.5f, 1.0f})
      for (float tw : {1.0f, 2.0f}) {
        TrainOptions o = shipped;
        o.weak_weight = ww;
        o.features.title_weight = tw;
        char name[128];
        std::snprintf(name, sizeof name, "weak=%.1f title=%.0f", ww, tw);
        run(name, o, true, true, true);
      }
  }
  return 0;
}
