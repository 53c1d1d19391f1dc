#include "text/privacy_mask.hpp"

#include <gtest/gtest.h>

namespace huiyin::text {
namespace {

TEST(PrivacyMask, MasksWhatAPublicPageMustNotShow) {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"联系电话13812345678，谢谢", "联系电话138****5678，谢谢"},
      {"电话：138-1234-5678", "电话：138-****-5678"},
      {"电话+8613812345678", "电话+86138****5678"},
      {"座机0731-88886666", "座机0731-****6666"},
      {"身份证11010519491231002X办理", "身份证110***********002X办理"},
      {"身份证号430102199003071234", "身份证号430***********1234"},
      {"银行卡6222021900012345674被扣款", "银行卡***************5674被扣款"},
      {"卡号6217001234567893", "卡号************7893"},
      {"车牌湘B12345违停", "车牌湘B****5违停"},
      {"新能源车湘AD12345", "新能源车湘A*****5"},
  };
  for (const auto& c : cases) EXPECT_EQ(mask_personal_data(c.in), c.out) << c.in;
}

TEST(PrivacyMask, LeavesOrdinaryFiguresAlone) {
  const char* keep[] = {
      "2019年共投诉12次，金额3500元",
      "工单号2019031512345678",          // 16 digits, Luhn fails
      "身份证430102199003071235",        // wrong check digit
      "12812345678不是手机号",           // second digit 2
      "订单A13812345678",                // glued to letters: a code, not a phone
      "湘江路12号",
  };
  for (const char* s : keep) EXPECT_EQ(mask_personal_data(s), s) << s;
}

TEST(PrivacyMask, ReportsKindsAndOffsets) {
  const std::string text = "张先生13812345678，车牌湘B12345";
  const auto found = find_personal_data(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, PersonalDataKind::mobile);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "13812345678");
  EXPECT_EQ(found[1].kind, PersonalDataKind::plate);
}

TEST(PrivacyMask, Checksums) {
  EXPECT_TRUE(valid_id_card_number("11010519491231002X"));
  EXPECT_FALSE(valid_id_card_number("110105194912310021"));
  EXPECT_TRUE(luhn_valid("6217001234567893"));
  EXPECT_FALSE(luhn_valid("6217001234567894"));
}

}  // namespace
}  // namespace huiyin::text
