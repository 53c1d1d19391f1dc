#include "io/text_encoding.hpp"

#include <gtest/gtest.h>

namespace huiyin::io {
namespace {

// "工单编号,诉求内容\n1,路灯不亮\n" as GB18030 (what `iconv -t GB18030` writes).
const std::string kGbCsv =
    "\xB9\xA4\xB5\xA5\xB1\xE0\xBA\xC5,\xCB\xDF\xC7\xF3\xC4\xDA\xC8\xDD\n"
    "1,\xC2\xB7\xB5\xC6\xB2\xBB\xC1\xC1\n";
const std::string kUtf8Csv = "工单编号,诉求内容\n1,路灯不亮\n";

TEST(TextEncoding, AGb18030FileIsRecognisedAndReadAsChinese) {
  auto text = decode_text(kGbCsv, TextEncoding::automatic);
  ASSERT_TRUE(text.ok()) << text.error().text();
  EXPECT_EQ(*text, kUtf8Csv);
  auto told = decode_text(kGbCsv, TextEncoding::gb18030);
  ASSERT_TRUE(told.ok());
  EXPECT_EQ(*told, kUtf8Csv);
}

TEST(TextEncoding, CharactersOutsideGbkUseGb18030FourByteForms) {
  auto text = decode_text("\x95\x32\x82\x36", TextEncoding::gb18030);  // U+20000 𠀀
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "\xF0\xA0\x80\x80");
}

TEST(TextEncoding, Utf8WithOrWithoutBomComesBackWithoutIt) {
  EXPECT_EQ(*decode_text("\xEF\xBB\xBF" + kUtf8Csv, TextEncoding::automatic), kUtf8Csv);
  EXPECT_EQ(*decode_text(kUtf8Csv, TextEncoding::automatic), kUtf8Csv);
  EXPECT_EQ(*decode_text("\xEF\xBB\xBF" + kUtf8Csv, TextEncoding::utf8), kUtf8Csv);
}

TEST(TextEncoding, ExcelUnicodeTextInUtf16IsRead) {
  // BOM, then "a\t中\n" in UTF-16LE; the same in UTF-16BE.
  const std::string le("\xFF\xFE" "a\0\t\0\x2D\x4E\n\0", 10);
  const std::string be("\xFE\xFF" "\0a\0\t\x4E\x2D\0\n", 10);
  EXPECT_EQ(*decode_text(le, TextEncoding::automatic), "a\t中\n");
  EXPECT_EQ(*decode_text(be, TextEncoding::automatic), "a\t中\n");
}

TEST(TextEncoding, BytesThatAreNoTextSayWhichLine) {
  auto neither = decode_text("ok\n\xFF\xFF\n", TextEncoding::automatic);
  ASSERT_FALSE(neither.ok());
  EXPECT_EQ(neither.error().text(), "第2行: 文件既不是 UTF-8 也不是 GB18030 编码的文本");
  auto not_utf8 = decode_text("a\nb\n" + kGbCsv, TextEncoding::utf8);
  ASSERT_FALSE(not_utf8.ok());
  EXPECT_EQ(not_utf8.error().text(), "第3行: 不是有效的 UTF-8 文本");
  auto nul = decode_text(std::string("a\nb\0c\n", 6), TextEncoding::automatic);
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.error().line, 2);
}

}  // namespace
}  // namespace huiyin::io
