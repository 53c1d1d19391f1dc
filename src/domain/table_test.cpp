#include "domain/table.hpp"

#include <gtest/gtest.h>

namespace huiyin {
namespace {

std::vector<std::string> cells(const TableRow& r) { return r.cells(); }
using Cells = std::vector<std::string>;

TEST(TsvTable, CommentAndBlankLinesAreSkippedAndRowsKeepTheirFileLine) {
  const auto t = read_tsv("# 说明\ncode\tname\n\n0101\t市政设施\r\n# 中间的注释\n0102\t物业管理\n",
                          {.header = true, .comments = true});
  EXPECT_EQ(t.header(), (Cells{"code", "name"}));
  EXPECT_EQ(t.header_line(), 2);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.rows()[0].line(), 4);
  EXPECT_EQ(cells(t.rows()[0]), (Cells{"0101", "市政设施"}));  // the \r of CRLF is gone
  EXPECT_EQ(t.rows()[1].line(), 6);
  EXPECT_EQ(t.rows()[1].cell("name"), "物业管理");
}

TEST(TsvTable, WithoutTheCommentOptionAHashIsData) {
  const auto t = read_tsv("title\n#话题# 路灯不亮\n", {.header = true});
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.rows()[0][0], "#话题# 路灯不亮");
}

TEST(TsvTable, EmptyCellsAndShortRowsReadAsEmpty) {
  const auto t = read_tsv("a\t\tc\t\nshort\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(cells(t.rows()[0]), (Cells{"a", "", "c", ""}));
  EXPECT_EQ(t.rows()[1][0], "short");
  EXPECT_EQ(t.rows()[1][3], "");  // past the end
  EXPECT_TRUE(t.header().empty());
}

TEST(TsvTable, QuotesAreOrdinaryCharacters) {
  const auto t = read_tsv("\"走找想促\"\t“常态化”\n");
  EXPECT_EQ(cells(t.rows()[0]), (Cells{"\"走找想促\"", "“常态化”"}));
}

TEST(TsvTable, AFileSavedWithABomReadsLikeOneWithout) {
  const auto t = read_tsv("\xEF\xBB\xBF" "code\tname\n01\t城乡建设\n", {.header = true});
  EXPECT_EQ(t.column("code"), 0u);
  EXPECT_EQ(t.rows()[0].cell("code"), "01");
}

TEST(CsvTable, QuotedFieldsKeepCommasDoubledQuotesAndLineBreaks) {
  const auto t = read_csv(
      "工单编号,诉求内容,地址\r\n"
      "A001,\"路灯不亮,晚上很黑\",荷塘区\r\n"
      "A002,\"他说\"\"明天修\"\"\",\"石峰区\r\n田心街道\"\r\n"
      "A003,,\r\n",
      {.header = true});
  ASSERT_TRUE(t.ok()) << t.error().text();
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(cells(t->rows()[0]), (Cells{"A001", "路灯不亮,晚上很黑", "荷塘区"}));
  EXPECT_EQ(t->rows()[1].cell("诉求内容"), "他说\"明天修\"");
  EXPECT_EQ(t->rows()[1].cell("地址"), "石峰区\r\n田心街道");
  EXPECT_EQ(cells(t->rows()[2]), (Cells{"A003", "", ""}));
  // Each record keeps the line it starts on; the embedded line break moves the next one down.
  EXPECT_EQ(t->rows()[0].line(), 2);
  EXPECT_EQ(t->rows()[1].line(), 3);
  EXPECT_EQ(t->rows()[2].line(), 5);
}

TEST(CsvTable, LastLineWithoutLineBreakAndLoneCrLineEndsAreRead) {
  const auto t = read_csv("a,b\rc,d\n\ne,\"f\"");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ(cells(t->rows()[1]), (Cells{"c", "d"}));
  EXPECT_EQ(cells(t->rows()[2]), (Cells{"e", "f"}));
  EXPECT_EQ(t->rows()[2].line(), 4);
}

TEST(CsvTable, AnEmptyQuotedFieldAndATrailingDelimiterGiveEmptyCells) {
  const auto t = read_csv("\"\",x,\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(cells(t->rows()[0]), (Cells{"", "x", ""}));
}

TEST(CsvTable, AQuoteInsideAnUnquotedFieldIsKeptAsExcelDoes) {
  const auto t = read_csv("5\"屏,ok\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(cells(t->rows()[0]), (Cells{"5\"屏", "ok"}));
}

TEST(CsvTable, ExcelsByteOrderMarkDoesNotBecomePartOfTheFirstHeader) {
  const auto t = read_csv("\xEF\xBB\xBF工单编号,来电人\n12345001,张三\n", {.header = true});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header()[0], "工单编号");
  EXPECT_EQ(t->rows()[0].cell("工单编号"), "12345001");
}

TEST(CsvTable, HeaderNamesMatchWithoutSurroundingSpaces) {
  const auto t = read_csv(" 工单编号 ,来电人\n1,张三\n", {.header = true});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->column("工单编号"), 0u);
  EXPECT_EQ(t->rows()[0].cell("工单编号"), "1");
  EXPECT_EQ(t->rows()[0].cell("不存在的列"), "");
  EXPECT_FALSE(t->column("不存在的列"));
}

TEST(CsvTable, TabDelimitedTextFromExcelHonoursQuotes) {
  const auto t = read_csv("a\tb\n\"x\ty\"\tz\n", {.header = true, .delimiter = '\t'});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(cells(t->rows()[0]), (Cells{"x\ty", "z"}));
}

TEST(CsvTable, AnUnclosedQuoteIsReportedWhereTheFieldStarts) {
  const auto t = read_csv("编号,内容\n1,好\n2,\"没有结束\n的引号\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 3);
  EXPECT_EQ(t.error().column, 2);
  EXPECT_EQ(t.error().text(), "第3行第2列: 引号没有闭合");
}

TEST(CsvTable, TextAfterAClosingQuoteIsAnErrorAtThatField) {
  const auto t = read_csv("a,b,c\n1,\"x\"y,3\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().text(), "第2行第2列: 右引号后应紧跟分隔符或换行");
}

TEST(CsvTable, ErrorPositionsCountLinesInsideEarlierQuotedFields) {
  const auto t = read_csv("a,b\n\"两\n行\",1\nx,\"y\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 4);
  EXPECT_EQ(t.error().column, 2);
}

TEST(TableError, SaysRowAndColumnTheWayOfficesCountThem) {
  const auto t = read_csv("编号,受理日期\n1,2026-01-01\n2,明天\n", {.header = true});
  ASSERT_TRUE(t.ok());
  const TableRow& second = t->rows()[1];
  EXPECT_EQ(second.error_at("受理日期", "日期无效").text(), "第3行第2列: 日期无效");
  EXPECT_EQ(second.error(0, "编号重复").text(), "第3行第1列: 编号重复");
  EXPECT_EQ(second.error_at("没有这列", "缺少").text(), "第3行: 缺少");
  EXPECT_EQ(second.error("整行无效").text(), "第3行: 整行无效");
  EXPECT_EQ((TableError{0, 0, "文件为空"}).text(), "文件为空");
  const Error e = second.error(1, "日期无效").to_error("received_at");
  EXPECT_EQ(e.code, ErrorCode::invalid);
  EXPECT_EQ(e.detail, "第3行第2列: 日期无效");
  EXPECT_EQ(e.field, "received_at");
}

TEST(Table, BlankRowsAreKnownAndAnEmptyFileHasNoHeader) {
  const auto t = read_csv(",,\n1,,\n");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->rows()[0].blank());
  EXPECT_FALSE(t->rows()[1].blank());
  const auto none = read_csv("", {.header = true});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->header().empty());
  EXPECT_TRUE(none->empty());
  EXPECT_TRUE(read_tsv("\n\n", {.header = true}).header().empty());
}

TEST(Table, RowsStillFindTheirHeaderAfterTheTableIsMoved) {
  Table moved;
  {
    Table t = read_tsv("k\tv\n1\t2\n", {.header = true});
    moved = std::move(t);
  }
  EXPECT_EQ(moved.rows()[0].cell("v"), "2");
}

}  // namespace
}  // namespace huiyin
