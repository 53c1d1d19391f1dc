// `huiyin model train | eval | predict`: the category classifier from the command line.
//   train   --data FILE.tsv --out PATH [--unlabelled FILE.tsv ...] [--taxonomy FILE.tsv]
//           or --db URL --out PATH (the deployment's own history: matters with a category,
//           labelled by first-level category; see service/routing.hpp train_from_history)
//           or --cold-start --out PATH (the built-in category keywords only)
//   eval    --data FILE.tsv [--model PATH] [--folds 5]: accuracy, macro-F1, confusion table
//   predict --model PATH: `title<TAB>content` lines on stdin -> `label<TAB>confidence` lines
// TSV files are read by header name (title, content, label). Progress goes to stderr.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "features/matters/routing.hpp"
#include "share/resources.hpp"
#include "store/store.hpp"
#include "text/cold_start.hpp"
#include "text/metrics.hpp"
#include "text/trainer.hpp"

namespace huiyin::cli {
namespace {

struct ModelArgs {
  std::string data;
  std::vector<std::string> unlabelled;
  std::string taxonomy;
  std::string out;
  std::string model;
  std::string db;
  bool cold_start = false;
  bool no_keywords = false;
  int rounds = -1;
  int folds = 5;
  int top = 1;
};

std::vector<text::Document> read_or_fail(const std::string& path, bool labelled) {
  auto r = text::read_documents_tsv(path, labelled);
  if (!r) fail(r.error());
  return std::move(r).value();
}

std::vector<text::Document> seeds_of(const ModelArgs& a) {
  std::vector<text::Document> seeds;
  if (!a.no_keywords) seeds = text::keyword_seeds();
  if (!a.taxonomy.empty()) {
    std::ifstream f(a.taxonomy);
    if (!f) fail(not_found("找不到分类体系文件：" + a.taxonomy));
    std::stringstream ss;
    ss << f.rdbuf();
    for (auto& d : text::taxonomy_seeds(ss.str())) seeds.push_back(std::move(d));
  }
  return seeds;
}

std::vector<text::Document> unlabelled_of(const ModelArgs& a) {
  std::vector<text::Document> u;
  for (const auto& f : a.unlabelled)
    for (auto& d : read_or_fail(f, false)) u.push_back(std::move(d));
  return u;
}

text::TrainOptions options_of(const ModelArgs& a) {
  text::TrainOptions o;
  if (a.rounds >= 0) o.rounds = a.rounds;
  return o;
}

void save_or_fail(const text::Classifier& model, const std::string& out) {
  auto s = model.save(out);
  if (!s) fail(s.error());
  std::cerr << "模型已保存：" << out << "（" << model.labels().size() << " 个类别）\n";
}

void train(const ModelArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  text::Classifier model;
  if (a.cold_start) {
    std::vector<text::Document> seeds = seeds_of(a);
    model = text::cold_start_model(seeds, options_of(a));
  } else if (!a.db.empty()) {
    // The same training as the running service's retrain (service/routing.hpp): labels are
    // first-level category codes, seeds the deployment's taxonomy; cold start below 20 labels.
    auto store = open_store_or_throw(a.db, /*migrate=*/false);
    auto trained = train_from_history(*store);
    if (!trained) fail(trained.error());
    model = std::move(*trained);
  } else {
    if (a.data.empty()) fail(invalid("请用 --data、--db 或 --cold-start 指定训练数据", "data"));
    const auto labelled = read_or_fail(a.data, true);
    const auto unlabelled = unlabelled_of(a);
    std::cerr << "训练：已标注 " << labelled.size() << " 条，未标注 " << unlabelled.size() << " 条\n";
    model = text::train_classifier(labelled, unlabelled, seeds_of(a), options_of(a));
  }
  if (!model.trained() || model.labels().empty()) fail(invalid("没有可训练的类别"));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "训练用时 " << secs << " 秒\n";
  save_or_fail(model, a.out);
}

void print_report(const text::EvaluationReport& r, std::size_t rows) {
  std::printf("样本数\t%zu\n准确率 accuracy\t%.4f\n宏平均F1 macro-F1\t%.4f\n\n", rows, r.accuracy,
              r.macro_f1);
  std::printf("%s", r.table().c_str());
}

void eval(const ModelArgs& a) {
  const auto labelled = read_or_fail(a.data, true);
  if (!a.model.empty()) {
    auto model = text::Classifier::load(a.model);
    if (!model) fail(model.error());
    std::vector<std::string> truth, predicted;
    for (const auto& d : labelled) {
      const auto s = model->suggest(d.title, d.content, 1);
      truth.push_back(d.label);
      predicted.push_back(s.empty() ? std::string() : s[0].label);
    }
    print_report(text::evaluate(truth, predicted), labelled.size());
    return;
  }
  if (a.folds < 2 || static_cast<std::size_t>(a.folds) > labelled.size())
    fail(invalid("--folds 须在 2 与样本数之间", "folds"));
  const text::TrainOptions o = options_of(a);
  const text::Vectorizer counter(o.features);
  const auto r = text::cross_validate(text::count_texts(counter, labelled),
                                      text::count_texts(counter, unlabelled_of(a)),
                                      text::count_texts(counter, seeds_of(a)), o, a.folds);
  std::printf("%d 折交叉验证\n", a.folds);
  print_report(r, labelled.size());
}

void predict(const ModelArgs& a) {
  auto model = text::Classifier::load(a.model);
  if (!model) fail(model.error());
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto tab = line.find('\t');
    const std::string title = tab == std::string::npos ? line : line.substr(0, tab);
    const std::string content = tab == std::string::npos ? std::string() : line.substr(tab + 1);
    const auto s = model->suggest(title, content, static_cast<std::size_t>(a.top));
    out.clear();
    for (std::size_t i = 0; i < s.size(); ++i) {
      char conf[32];
      std::snprintf(conf, sizeof conf, "%.4f", s[i].confidence);
      out += (i ? "\t" : "") + s[i].label + "\t" + conf;
    }
    std::cout << out << '\n';
  }
}

}  // namespace

void add_model(CLI::App& app) {
  auto args = std::make_shared<ModelArgs>();
  auto* model = app.add_subcommand("model", "分类模型：训练、评估、预测 (train | eval | predict)");
  model->require_subcommand(1);

  auto* tr = model->add_subcommand("train", "训练分类模型");
  tr->add_option("--data", args->data, "已标注 TSV（列：title, content, label）");
  tr->add_option("--unlabelled", args->unlabelled, "未标注 TSV（列：title, content），可多次给出");
  tr->add_option("--taxonomy", args->taxonomy, "分类体系 TSV（列：level1, level2, level3）");
  tr->add_option("--db", args->db, "用本部署的历史问题训练（数据库 URL）");
  tr->add_flag("--cold-start", args->cold_start, "只用内置分类关键词生成冷启动模型");
  tr->add_flag("--no-keywords", args->no_keywords, "不用内置分类关键词");
  tr->add_option("--rounds", args->rounds, "自训练轮数（默认 2）");
  tr->add_option("--out", args->out, "模型文件路径")->required();
  tr->callback([args] { train(*args); });

  auto* ev = model->add_subcommand("eval", "评估：准确率、宏平均 F1、混淆矩阵");
  ev->add_option("--data", args->data, "已标注 TSV（列：title, content, label）")->required();
  ev->add_option("--model", args->model, "评估该模型；不给则在数据上做 k 折交叉验证");
  ev->add_option("--folds", args->folds, "交叉验证折数")->default_val(5);
  ev->add_option("--unlabelled", args->unlabelled, "交叉验证时使用的未标注 TSV");
  ev->add_option("--taxonomy", args->taxonomy, "交叉验证时使用的分类体系 TSV");
  ev->add_flag("--no-keywords", args->no_keywords, "不用内置分类关键词");
  ev->add_option("--rounds", args->rounds, "自训练轮数");
  ev->callback([args] { eval(*args); });

  auto* pr = model->add_subcommand("predict", "从标准输入读 title<TAB>content，输出 label<TAB>confidence");
  pr->add_option("--model", args->model, "模型文件路径")->required();
  pr->add_option("--top", args->top, "输出前几个建议")->default_val(1)->check(CLI::Range(1, 20));
  pr->callback([args] { predict(*args); });
}

}  // namespace huiyin::cli
