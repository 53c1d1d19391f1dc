#include "kernel/privacy_mask.hpp"

#include <gtest/gtest.h>

#include <map>

#include "features/matters/attachments.hpp"
#include "features/matters/intake.hpp"
#include "app/service_test_support.hpp"
#include "features/reports/wall.hpp"

namespace huiyin {
namespace {

TEST(PrivacyMask, Names) {
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name("李"), "李*");
  EXPECT_EQ(mask_name(""), "");
}

TEST(PrivacyMask, Phones) {
  EXPECT_EQ(mask_phone("13812341234"), "138****1234");
  EXPECT_EQ(mask_phone("0731-22334455"), "****-****4455");
  EXPECT_EQ(mask_phone(""), "");
}

TEST(PrivacyMask, NumbersInFreeText) {
  EXPECT_EQ(mask_personal_data("请拨打13812341234联系我"), "请拨打138****1234联系我");
  EXPECT_EQ(mask_personal_data("身份证430202199001011233"), "身份证430***********1233");
  EXPECT_EQ(mask_personal_data("身份证43020219900101109X号"), "身份证430***********109X号");
  // The same masking as the text layer: bank cards (Luhn) and vehicle plates too.
  EXPECT_EQ(mask_personal_data("卡号6217001234567893"), "卡号************7893");
  EXPECT_EQ(mask_personal_data("车牌湘B12345挡住消防通道"), "车牌湘B****5挡住消防通道");
  // Dates, house numbers and short counts stay readable.
  EXPECT_EQ(mask_personal_data("2025年3月5日,12栋302室,共3处"), "2025年3月5日,12栋302室,共3处");
}

TEST(PrivacyMask, FreeTextMaskingCatchesNumbersWrittenToEvadeIt) {
  EXPECT_EQ(mask_personal_data("电话１３８１２３４５６７８"), "电话138****5678");
  EXPECT_EQ(mask_personal_data("电话一三八一二三四五六七八"), "电话138****5678");
  EXPECT_EQ(mask_personal_data("微信号wx138.1234.5678"), "微信号wx138.****.5678");
  EXPECT_EQ(mask_personal_data("座机(0731)28886666"), "座机(0731)****6666");
  EXPECT_EQ(mask_personal_data("事项ZZ-20261122-000123，2026-11-30"),
            "事项ZZ-20261122-000123，2026-11-30");
}

TEST(PrivacyMask, ReporterNameInFreeTextIsMaskedLikeTheNameField) {
  const std::vector<std::string> names = {"欧阳娜娜"};
  EXPECT_EQ(mask_personal_data("注意保护反映人欧阳娜娜 13912345678", names),
            "注意保护反映人" + mask_name("欧阳娜娜") + " 139****5678");
  EXPECT_EQ(mask_personal_data("注意保护反映人欧阳某", names), "注意保护反映人欧阳某");
  EXPECT_EQ(mask_personal_data("李先生来电", {"李"}), "李先生来电");  // one character: left
  EXPECT_TRUE(contains_personal_data("欧阳娜娜来电", names));
  EXPECT_FALSE(contains_personal_data("欧阳娜娜来电"));
  EXPECT_TRUE(contains_personal_data("电话13812345678"));
  EXPECT_FALSE(contains_personal_data("2026年11月30日，共1380元"));
}

TEST(Validation, PhonesAndUtf8) {
  EXPECT_TRUE(valid_phone("13912345678"));
  EXPECT_TRUE(valid_phone("19912345678"));
  EXPECT_FALSE(valid_phone("12912345678"));
  EXPECT_FALSE(valid_phone("139123456789"));
  EXPECT_TRUE(valid_phone("0731-22334455"));
  EXPECT_TRUE(valid_phone("073122334455"));
  EXPECT_FALSE(valid_phone("731-22334455"));
  EXPECT_TRUE(valid_utf8("回音 ok"));
  EXPECT_FALSE(valid_utf8("\xe5\x9b"));          // truncated
  EXPECT_FALSE(valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_EQ(utf8_length("回音ab"), 4u);
}

TEST(Attachments, SniffsOnlyTheAcceptedTypes) {
  EXPECT_EQ(sniff_upload_type("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(sniff_upload_type(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)), "image/png");
  EXPECT_EQ(sniff_upload_type(std::string("\x89PNG\r\n\x1A\n", 8)), "") << "no IHDR chunk";
  EXPECT_EQ(sniff_upload_type("GIF89a..."), "") << "GIF is not a type the API names";
  EXPECT_EQ(sniff_upload_type(std::string_view("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(sniff_upload_type(std::string_view("RIFF\x10\0\0\0WAVEfmt ", 16)), "");
  EXPECT_EQ(sniff_upload_type("%PDF-1.7\n1 0 obj\n%%EOF\n"), "application/pdf");
  EXPECT_EQ(sniff_upload_type("%PDF-1.7 truncated"), "") << "no %%EOF";
  EXPECT_EQ(sniff_upload_type("<html><script>alert(1)</script></html>"), "");
  EXPECT_EQ(sniff_upload_type(""), "");
}

}  // namespace
}  // namespace huiyin

namespace huiyin::testing {
namespace {

class PublicWallMaskTest : public ServiceTest {};

// The public wall (回音壁) masks a phone number however it is written in the title.
TEST_F(PublicWallMaskTest, PhonesWrittenInFullWidthOrChineseNumeralsAreMasked) {
  const auto a = submit("路灯不亮，电话１３８１２３４５６７８", true);
  const auto b = submit("路灯不亮，电话一三九一二三四五六七八", true);
  const auto c = submit("路灯不亮，座机(0731)28886666，2026-11-30", true);
  for (const auto* r : {&a, &b, &c}) act("disp", r->code, action("accept"));
  auto w = svc_->wall().list({});
  ASSERT_TRUE(w) << w.error().detail;
  ASSERT_EQ(w->items.size(), 3u);
  std::map<std::string, std::string> titles;
  for (const auto& it : w->items) titles[it.code] = it.title;
  EXPECT_EQ(titles[a.code], "路灯不亮，电话138****5678");
  EXPECT_EQ(titles[b.code], "路灯不亮，电话139****5678");
  EXPECT_EQ(titles[c.code], "路灯不亮，座机(0731)****6666，2026-11-30");
}

}  // namespace
}  // namespace huiyin::testing
