#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>

#include "io/io_test_support.hpp"

namespace huiyin::io {
namespace {

using testing::make_package;
using testing::make_xlsx;
using testing::make_zip;
using Cells = std::vector<std::string>;

// A work-order sheet as a 12345 system might export it: header, two orders, a gap, a third.
void fill_orders(lxw_workbook* wb, lxw_worksheet* ws) {
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  const char* header[] = {"工单编号", "受理时间", "诉求内容", "金额", "已办结"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  lxw_datetime day{2026, 1, 2, 0, 0, 0};
  worksheet_write_string(ws, 1, 0, "ZZ12345-001", nullptr);
  worksheet_write_datetime(ws, 1, 1, &day, date);
  worksheet_write_string(ws, 1, 2, "路灯不亮,晚上很黑\n请尽快修", nullptr);
  worksheet_write_number(ws, 1, 3, 12.5, nullptr);
  worksheet_write_boolean(ws, 1, 4, 1, nullptr);
  worksheet_write_string(ws, 2, 0, "ZZ12345-002", nullptr);
  worksheet_write_formula_num(ws, 2, 3, "=D2*2", nullptr, 25);
  worksheet_write_string(ws, 5, 0, "ZZ12345-003", nullptr);  // rows 4 and 5 left empty
  worksheet_write_string(ws, 5, 2, "路灯不亮,晚上很黑\n请尽快修", nullptr);  // a shared string again
}

void expect_orders(const TableResult<Table>& t) {
  ASSERT_TRUE(t.ok()) << t.error().text();
  EXPECT_EQ(t->header(), (Cells{"工单编号", "受理时间", "诉求内容", "金额", "已办结"}));
  EXPECT_EQ(t->header_line(), 1);
  ASSERT_EQ(t->size(), 3u);
  const TableRow& first = t->rows()[0];
  EXPECT_EQ(first.line(), 2);
  EXPECT_EQ(first.cell("工单编号"), "ZZ12345-001");
  EXPECT_EQ(first.cell("受理时间"), "46024");  // 2026-01-02 as Excel's serial day
  EXPECT_EQ(first.cell("诉求内容"), "路灯不亮,晚上很黑\n请尽快修");
  EXPECT_EQ(first.cell("金额"), "12.5");
  EXPECT_EQ(first.cell("已办结"), "1");
  EXPECT_EQ(t->rows()[1].cell("金额"), "25");  // a formula reads as its cached result
  EXPECT_EQ(t->rows()[1].cell("诉求内容"), "");
  EXPECT_EQ(t->rows()[2].line(), 6);  // the sheet's own row number, empty rows skipped
  EXPECT_EQ(t->rows()[2].cell("诉求内容"), first.cell("诉求内容"));
}

TEST(XlsxTable, ReadsBackAWorkbookWrittenWithSharedStrings) {
  expect_orders(read_xlsx(make_xlsx(fill_orders), {.header = true}));
}

TEST(XlsxTable, ReadsBackAWorkbookWrittenWithInlineStrings) {
  expect_orders(read_xlsx(make_xlsx(fill_orders, /*constant_memory=*/true), {.header = true}));
}

TEST(XlsxTable, ErrorsPointAtTheSheetRowAndColumn) {
  const auto t = read_xlsx(make_xlsx(fill_orders), {.header = true});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows()[2].error_at("诉求内容", "内容过长").text(), "第6行第3列: 内容过长");
}

TEST(XlsxTable, OnlyTheFirstSheetIsRead) {
  const auto bytes = make_xlsx([](lxw_workbook* wb, lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "第一张", nullptr);
    worksheet_write_string(workbook_add_worksheet(wb, "其他"), 0, 0, "第二张", nullptr);
  });
  const auto t = read_xlsx(bytes);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ(t->rows()[0][0], "第一张");
}

TEST(XlsxTable, CellsSkippedInARowReadAsEmpty) {
  const auto bytes = make_xlsx([](lxw_workbook*, lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "A", nullptr);
    worksheet_write_string(ws, 0, 3, "D", nullptr);
  });
  const auto t = read_xlsx(bytes);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows()[0].cells(), (Cells{"A", "", "", "D"}));
}

TEST(XlsxTable, PrefixedNamesRichTextPhoneticRunsAndEscapesAreReadAsOtherWritersWriteThem) {
  const std::string shared =
      R"(<x:sst xmlns:x="s"><x:si><x:r><x:t>路灯</x:t></x:r><x:r><x:rPr/><x:t xml:space="preserve">不亮</x:t></x:r>)"
      R"(<x:rPh><x:t>ルート</x:t></x:rPh></x:si><x:si><x:t>一行_x000D_二行_x005F_x</x:t></x:si></x:sst>)";
  const std::string sheet =
      R"(<x:worksheet xmlns:x="s"><x:sheetData>)"
      R"(<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="3"><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>)"
      R"(<x:c t="str"><x:f>A1</x:f><x:v>公式</x:v></x:c></x:row>)"
      R"(</x:sheetData></x:worksheet>)";
  const auto t = read_xlsx(make_package(sheet, shared));
  ASSERT_TRUE(t.ok()) << t.error().text();
  ASSERT_EQ(t->size(), 2u);
  EXPECT_EQ(t->rows()[0].line(), 1);
  EXPECT_EQ(t->rows()[0].cells(), (Cells{"路灯不亮", "一行\r二行_x"}));
  EXPECT_EQ(t->rows()[1].line(), 3);
  EXPECT_EQ(t->rows()[1].cells(), (Cells{"内联", "#N/A", "公式"}));
}

TEST(XlsxTable, ABadSharedStringIndexIsReportedAtItsCell) {
  const auto t = read_xlsx(make_package(
      R"(<worksheet><sheetData><row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>7</v></c></row></sheetData></worksheet>)",
      R"(<sst><si><t>only one</t></si></sst>)"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().text(), "第4行第2列: 共享字符串序号无效");
}

TEST(XlsxTable, ACellReferenceOutsideItsRowIsRefused) {
  const auto t = read_xlsx(make_package(
      R"(<worksheet><sheetData><row r="2"><c r="A9"><v>1</v></c></row></sheetData></worksheet>)"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 2);
}

TEST(XlsxTable, ADamagedFileIsRefusedWithAReason) {
  const std::string good = make_xlsx(fill_orders);
  const auto truncated = read_xlsx(good.substr(0, good.size() / 2));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().message.find("XLSX"), std::string::npos);
  EXPECT_FALSE(read_xlsx("not a zip at all").ok());
  EXPECT_FALSE(read_xlsx(make_package("<worksheet><sheetData><row>")).ok());  // not well-formed
  EXPECT_FALSE(read_xlsx(make_zip({{"hello.txt", "hi"}})).ok());  // a zip, but no workbook
}

TEST(XlsxTable, ADocumentTypeDeclarationIsRefused) {
  const auto t = read_xlsx(make_package(
      R"(<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>)"));
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("DTD"), std::string::npos);
}

TEST(XlsxTable, AFileThatUnpacksPastTheLimitIsRefused) {
  std::string rows;
  for (int i = 1; i <= 2000; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c t=\"inlineStr\"><is><t>" + std::string(500, 'x') +
            "</t></is></c></row>";
  const std::string bytes = make_package("<worksheet><sheetData>" + rows + "</sheetData></worksheet>");
  EXPECT_LT(bytes.size(), 100u * 1024);  // deflates well
  const auto t = read_xlsx(bytes, {}, {.max_unpacked_bytes = 256 * 1024});
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("过大"), std::string::npos);
  EXPECT_TRUE(read_xlsx(bytes).ok());
}

TEST(XlsxTable, ASheetOfFarRightCellsCannotExhaustMemory) {
  std::string rows;
  for (int i = 1; i <= 100; ++i)
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"XFD" + std::to_string(i) + "\"><v>1</v></c></row>";
  const std::string bytes = testing::make_package("<worksheet><sheetData>" + rows + "</sheetData></worksheet>");
  const auto t = read_xlsx(bytes, {}, {.max_cells = 50 * 16384});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().line, 51);
  const auto wide = read_xlsx(bytes);
  ASSERT_TRUE(wide.ok());
  EXPECT_EQ(wide->rows()[0].size(), 16384u);
  EXPECT_EQ(wide->rows()[0][16383], "1");
}

}  // namespace
}  // namespace huiyin::io
