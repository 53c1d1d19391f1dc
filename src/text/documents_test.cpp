#include "text/documents.hpp"

#include <gtest/gtest.h>

#include "text/metrics.hpp"

namespace huiyin::text {
namespace {

TEST(Documents, ColumnsAreFoundByHeaderNameAndOthersIgnored) {
  const auto r = parse_documents_tsv("id\tlabel\tuser\tcontent\ttitle\r\n1\t教育文体\tu\t内容一\t标题一\r\n2\t交通运输\tv\t内容二\t标题二\n", true);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].title, "标题二");
  EXPECT_EQ((*r)[1].content, "内容二");
  EXPECT_EQ((*r)[1].label, "交通运输");
  const auto replies = parse_documents_tsv("title\tcontent\treply\n标题\t内容\t答复\n", false);
  ASSERT_TRUE(replies.ok());
  EXPECT_EQ((*replies)[0].reply, "答复");
}

TEST(Documents, MissingLabelIsAClearError) {
  const auto no_column = parse_documents_tsv("title\tcontent\n标题\t内容\n", true);
  ASSERT_FALSE(no_column.ok());
  EXPECT_EQ(no_column.error().field, "label");
  const auto empty_cell = parse_documents_tsv("title\tcontent\tlabel\n标题\t内容\t\n", true);
  ASSERT_FALSE(empty_cell.ok());
  EXPECT_NE(empty_cell.error().detail.find("第2行"), std::string::npos);
  EXPECT_TRUE(parse_documents_tsv("title\tcontent\n标题\t内容\n", false).ok());
  EXPECT_FALSE(parse_documents_tsv("a\tb\n1\t2\n", false).ok());
  EXPECT_FALSE(read_documents_tsv("/nonexistent/file.tsv", false).ok());
}

TEST(Metrics, AccuracyMacroF1AndConfusion) {
  const auto r = evaluate({"a", "a", "b", "b"}, {"a", "b", "b", "b"});
  EXPECT_DOUBLE_EQ(r.accuracy, 0.75);
  // a: p=1 r=0.5 f=2/3; b: p=2/3 r=1 f=0.8
  EXPECT_NEAR(r.macro_f1, (2.0 / 3 + 0.8) / 2, 1e-9);
  EXPECT_EQ(r.confusion[0][1], 1);
  EXPECT_NE(r.table().find("1 a"), std::string::npos);
}

TEST(Metrics, StratifiedFoldsSpreadEachLabel) {
  std::vector<std::string> labels;
  for (int i = 0; i < 10; ++i) labels.push_back("x");
  for (int i = 0; i < 5; ++i) labels.push_back("y");
  const auto f = stratified_folds(labels, 5);
  int per_fold_x[5] = {}, per_fold_y[5] = {};
  for (std::size_t i = 0; i < labels.size(); ++i) (labels[i] == "x" ? per_fold_x : per_fold_y)[f[i]]++;
  for (int k = 0; k < 5; ++k) {
    EXPECT_EQ(per_fold_x[k], 2);
    EXPECT_EQ(per_fold_y[k], 1);
  }
}

}  // namespace
}  // namespace huiyin::text
