#include "io/table_file.hpp"

#include <gtest/gtest.h>

#include "io/io_test_support.hpp"

namespace huiyin::io {
namespace {

using Cells = std::vector<std::string>;

TEST(TableFile, AnXlsxFileIsRecognisedByItsContent) {
  const auto bytes = testing::make_xlsx([](lxw_workbook*, lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "工单编号", nullptr);
    worksheet_write_string(ws, 1, 0, "A001", nullptr);
  });
  const auto t = read_table(bytes);
  ASSERT_TRUE(t.ok()) << t.error().text();
  EXPECT_EQ(t->rows()[0].cell("工单编号"), "A001");
}

TEST(TableFile, AGb18030CsvFromAnOfficeReadsByHeaderName) {
  // "工单编号,诉求内容\n1,\"路灯不亮,很黑\"\n" as GB18030.
  const std::string gb =
      "\xB9\xA4\xB5\xA5\xB1\xE0\xBA\xC5,\xCB\xDF\xC7\xF3\xC4\xDA\xC8\xDD\r\n"
      "1,\"\xC2\xB7\xB5\xC6\xB2\xBB\xC1\xC1,\xBA\xDC\xBA\xDA\"\r\n";
  const auto t = read_table(gb);
  ASSERT_TRUE(t.ok()) << t.error().text();
  EXPECT_EQ(t->rows()[0].cell("诉求内容"), "路灯不亮,很黑");
  EXPECT_EQ(t->rows()[0].line(), 2);
}

TEST(TableFile, TabDelimitedTextIsRecognisedAndQuotedAsExcelWritesIt) {
  const auto t = read_table("编号\t内容\n1\t\"一\t二\"\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows()[0].cells(), (Cells{"1", "一\t二"}));
}

TEST(TableFile, TheProjectsTsvKeepsQuotesAndSkipsComments) {
  TableFileOptions tsv;
  tsv.format = TableFormat::tsv;
  tsv.table.comments = true;
  const auto t = read_table("# 注释\ncode\tname\n1\t\"引号\"\n", tsv);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows()[0].cell("name"), "\"引号\"");
  EXPECT_EQ(t->rows()[0].line(), 3);
}

TEST(TableFile, AnOldXlsFileIsRefusedWithAdviceToSaveAsXlsx) {
  const auto t = read_table(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find(".xlsx"), std::string::npos);
}

TEST(TableFile, CsvErrorsAfterDecodingStillSayRowAndColumn) {
  const std::string gb = "a,b\n1,\"\xC2\xB7\n";  // an unclosed quote, GB18030 text
  const auto t = read_table(gb);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().text(), "第2行第2列: 引号没有闭合");
}

TEST(TableFile, ReadsAFileAndSaysWhenItCannot) {
  const std::string path = testing::temp_path(".csv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF" "编号,内容\n1,好\n";
  }
  const auto t = read_table_file(path);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows()[0].cell("编号"), "1");
  std::remove(path.c_str());
  const auto missing = read_table_file(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find(path), std::string::npos);
}

TEST(TableFile, DamagedBytesGiveAnErrorOrATableNeverACrash) {
  // Deterministic mutations of an XLSX file and of a quoted GB18030 CSV, each read as it comes.
  const std::string xlsx = testing::make_xlsx([](lxw_workbook*, lxw_worksheet* ws) {
    for (int r = 0; r < 20; ++r)
      for (int c = 0; c < 4; ++c) worksheet_write_string(ws, r, c, "路灯不亮,\"很黑\"", nullptr);
  });
  const std::string csv = "a,\"b\"\"c\",\"d\r\ne\"\r\n\xC2\xB7,\"\",x\r\n";
  std::uint32_t seed = 2026;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  int read = 0;
  for (const std::string* original : {&xlsx, &csv}) {
    for (int i = 0; i < 300; ++i) {
      std::string bytes = *original;
      for (int k = 0; k < 1 + i % 4; ++k) bytes[next() % bytes.size()] = static_cast<char>(next() >> 24);
      if (i % 7 == 0) bytes.resize(next() % bytes.size());
      const auto t = read_table(bytes);
      if (t.ok()) {
        ++read;
      } else {
        EXPECT_FALSE(t.error().message.empty());
      }
    }
  }
  EXPECT_GT(read, 0);
}

}  // namespace
}  // namespace huiyin::io
