#include "text/classifier.hpp"

#include <gtest/gtest.h>
#include <opencc/SimpleConverter.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "text/cold_start.hpp"
#include "text/metrics.hpp"
#include "text/trainer.hpp"

namespace huiyin::text {
namespace {

std::string data_file(const char* name) {
  const char* root = std::getenv("HUIYIN_SOURCE_DIR");
  return std::string(root ? root : ".") + "/../shared/data/tipdm2020/" + name;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Held-out split of the labelled sample: the model trained on 4/5 must beat the majority
// baseline on the other 1/5 by a wide margin, and Traditional twins must get the same answer.
TEST(Classifier, BeatsMajorityOnHeldOutSplitAndTreatsTraditionalAlike) {
  auto rows = read_documents_tsv(data_file("labelled_sample.tsv"), true);
  if (!rows) GTEST_SKIP() << "labelled_sample.tsv not found (../shared/data): " << rows.error().detail;
  std::vector<std::string> labels;
  for (const auto& d : rows.value()) labels.push_back(d.label);
  const auto fold = stratified_folds(labels, 5);
  std::vector<Document> train, test;
  for (std::size_t i = 0; i < rows->size(); ++i) (fold[i] == 0 ? test : train).push_back((*rows)[i]);
  const auto seeds = taxonomy_seeds(slurp(data_file("taxonomy.tsv")));
  TrainOptions opt;
  opt.rounds = 0;
  const Classifier model = train_classifier(train, {}, seeds, opt);

  std::map<std::string, int> count;
  for (const auto& d : train) ++count[d.label];
  int majority = 0;
  for (const auto& [l, c] : count) majority = std::max(majority, c);
  const double majority_rate = static_cast<double>(majority) / train.size();

  opencc::SimpleConverter s2t("s2t.json");
  std::vector<std::string> truth, predicted;
  for (const auto& d : test) {
    const auto s = model.suggest(d.title, d.content, 3);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_GE(s[0].confidence, s[1].confidence);
    truth.push_back(d.label);
    predicted.push_back(s[0].label);
    const auto t = model.suggest(s2t.Convert(d.title), s2t.Convert(d.content), 1);
    EXPECT_EQ(t[0].label, s[0].label) << d.title;
    EXPECT_NEAR(t[0].confidence, s[0].confidence, 0.02) << d.title;
  }
  const auto report = evaluate(truth, predicted);
  EXPECT_GT(report.accuracy, majority_rate + 0.4) << report.table();
  EXPECT_GT(report.macro_f1, 0.6) << report.table();
}

TEST(Classifier, ModelFileRoundTripsAndRejectsDamage) {
  std::vector<Document> docs = {
      {"学校乱收费", "某小学向学生收取补课费", "教育文体", {}},
      {"幼儿园学位紧张", "孩子上幼儿园难", "教育文体", {}},
      {"公交线路调整", "希望增加公交车班次", "交通运输", {}},
      {"路口红绿灯太短", "行人过马路不安全，交警请调整信号灯", "交通运输", {}},
  };
  TrainOptions opt;
  opt.features.hash_bits = 16;
  const Classifier model = train_classifier(docs, {}, {}, opt);
  const std::string bytes = model.serialize();
  auto back = Classifier::deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.error().detail;
  const auto a = model.suggest("小学补课收费", "", 2);
  const auto b = back->suggest("小学补课收费", "", 2);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].label, "教育文体");
  EXPECT_EQ(a[0].label, b[0].label);
  EXPECT_DOUBLE_EQ(a[0].confidence, b[0].confidence);

  EXPECT_FALSE(Classifier::deserialize(bytes.substr(0, bytes.size() / 2)).ok());
  EXPECT_FALSE(Classifier::deserialize("not a model").ok());
  std::string future = bytes;
  future[4] = 9;  // format version 9
  const auto r = Classifier::deserialize(future);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().detail.find("版本"), std::string::npos);
}

TEST(Classifier, TrainingIsDeterministic) {
  std::vector<Document> docs = {
      {"医院挂号难", "看病排队太久", "卫生计生", {}}, {"拖欠工资", "老板欠薪不发", "劳动和社会保障", {}},
      {"社保缴费", "养老保险怎么补缴", "劳动和社会保障", {}}, {"疫苗接种", "卫生院没有疫苗", "卫生计生", {}}};
  TrainOptions opt;
  opt.features.hash_bits = 16;
  EXPECT_EQ(train_classifier(docs, {}, {}, opt).serialize(), train_classifier(docs, {}, {}, opt).serialize());
}

TEST(ColdStart, KeywordModelRoutesObviousMessages) {
  const Classifier model = cold_start_model(keyword_seeds());
  ASSERT_TRUE(model.trained());
  const struct {
    const char* title;
    const char* label;
  } cases[] = {
      {"孩子上幼儿园学位紧张，学校招生不公平", "教育文体"},
      {"公司拖欠农民工工资三个月", "劳动和社会保障"},
      {"化工厂夜间偷排废水，河道发臭", "环境保护"},
      {"公交车站台被占用，线路太少", "交通运输"},
  };
  for (const auto& c : cases) EXPECT_EQ(model.suggest(c.title, "", 1).at(0).label, c.label) << c.title;
}

TEST(ColdStart, DeploymentCategoriesBecomeLabelsByCode) {
  std::vector<Category> cats = {
      {1, "01", "城乡建设", std::nullopt, 1, std::nullopt, true},
      {2, "0101", "物业管理", 1, 2, std::nullopt, true},
      {3, "02", "教育文体", std::nullopt, 1, std::nullopt, true},
  };
  const auto seeds = category_seeds(cats);
  const Classifier model = cold_start_model(seeds);
  EXPECT_EQ(model.labels(), (std::vector<std::string>{"01", "02"}));
  EXPECT_EQ(model.suggest("小区物业不作为", "", 1).at(0).label, "01");
  EXPECT_EQ(model.suggest("学校老师体罚学生", "", 1).at(0).label, "02");
}

}  // namespace
}  // namespace huiyin::text

namespace huiyin::text {
namespace {

TEST(ColdStart, RepliesNamingOneCategorysDepartmentGiveAWeakLabel) {
  const std::vector<Document> docs = {
      {"学校收费", "乱收费", {}, "网友您好！市教育局高度重视，现回复如下：……"},
      {"公交线路", "班次少", {}, "您好，市交通运输局已责成公交集团调整班次。"},
      {"两个部门", "都管", {}, "市教育局会同市交通运输局联合处理。"},  // ambiguous
      {"无回复", "内容", {}, {}},
  };
  const auto weak = reply_labelled(docs);
  ASSERT_EQ(weak.size(), 2u);
  EXPECT_EQ(weak[0].label, "教育文体");
  EXPECT_EQ(weak[1].label, "交通运输");
}

}  // namespace
}  // namespace huiyin::text

namespace huiyin::text {
namespace {

TEST(Classifier, RawTextPathMatchesVectorPath) {
  std::vector<Document> docs = {
      {"学校乱收费", "某小学向学生收取补课费", "教育文体", {}},
      {"公交线路调整", "希望增加公交车班次", "交通运输", {}},
      {"拖欠工资", "老板欠薪不发", "劳动和社会保障", {}},
  };
  TrainOptions opt;
  opt.features.hash_bits = 16;
  const Classifier model = train_classifier(docs, {}, {}, opt);
  for (const char* t : {"小学补课", "公交车太少", "工资拖欠半年", "无关的话"}) {
    const auto a = model.suggest(t, "内容", 3);
    const auto b = model.suggest(model.vectorizer().transform(t, "内容"), 3);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].label, b[i].label) << t;
      EXPECT_NEAR(a[i].confidence, b[i].confidence, 1e-5) << t;
    }
  }
}

}  // namespace
}  // namespace huiyin::text
