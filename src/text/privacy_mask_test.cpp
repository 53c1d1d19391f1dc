#include "text/privacy_mask.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <span>
#include <vector>

namespace huiyin::text {
namespace {

struct Row {
  const char* in;
  const char* out;
};

// Every way of writing a number that the public wall and masked views must catch, one table
// per way. A masked mobile keeps at most its first three and last four digits, whatever form it
// came in.

// plain forms (kept as before)
const Row kPlain[] = {
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

// full-width digits and letters
const Row kFullWidth[] = {
    {"电话１３８１２３４５６７８", "电话138****5678"},
    {"座机０７３１－８８８８６６６６", "座机0731－****6666"},
    {"身份证１１０１０５１９４９１２３１００２Ｘ", "身份证110***********002X"},
    {"车牌湘Ｂ１２３４５", "车牌湘B****5"},
};

// other separators
const Row kOtherSeparators[] = {
    {"手机138.1234.5678", "手机138.****.5678"},
    {"手机138/1234/5678", "手机138/****/5678"},
    {"手机138  1234  5678", "手机138  ****  5678"},
    {"手机138 - 1234 - 5678", "手机138 - **** - 5678"},
    {"手机138_1234_5678", "手机138_****_5678"},
    {"手机138\u200B1234\u200B5678", "手机138****5678"},              // zero-width space
    {"手机1\u200C38\u200D12345678", "手机138****5678"},              // zero-width (non-)joiner
    {"手机\uFEFF13812345678", "手机\uFEFF138****5678"},              // BOM before: kept as written
    {"手机138\u30001234\u30005678", "手机138\u3000****\u30005678"},  // ideographic space
    {"手机138—1234—5678", "手机138—****—5678"},
    {"电话189 7318 7780本人", "电话189 **** 7780本人"},
};

// glued to letters or punctuation
const Row kGluedToLetters[] = {
    {"tel13812345678", "tel138****5678"},           {"微信号wx13812345678", "微信号wx138****5678"},
    {"电话:13812345678", "电话:138****5678"},       {"TEL:13812345678", "TEL:138****5678"},
    {"订单A13812345678", "订单A138****5678"},  // looks like a phone: masked all the same
    {"13812345678微信同号", "138****5678微信同号"},
};

// Chinese numerals, also mixed with Arabic digits
const Row kChineseNumerals[] = {
    {"电话一三八一二三四五六七八", "电话138****5678"},
    {"电话幺三八幺二三四五六七八", "电话138****5678"},
    {"电话一三九〇〇〇〇一二三四", "电话139****1234"},
    {"电话一五零零零零零一二三四", "电话150****1234"},
    {"电话壹叁捌壹贰叁肆伍陆柒捌", "电话138****5678"},
    {"电话138一二三四5678", "电话138****5678"},
    {"电话一三八 一二三四 五六七八", "电话138 **** 5678"},
    {"电话13812345678一直没人接", "电话138****5678一直没人接"},
    {"座机零七三一八八八八六六六六", "座机0731****6666"},
    {"电话一三八一二三四五六七八一直没人接", "电话138****5678一直没人接"},
    {"拨打一三八一二三四五六七八一次", "拨打138****5678一次"},
    {"电话一三八 一二三四 五六七八一下", "电话138 **** 5678一下"},
};

// ID numbers, 15 digits (first generation) too
const Row kIdNumbers[] = {
    {"身份证430102900307123", "身份证430********7123"},
    {"身份证 430102 900307 123", "身份证 430*** *****7 123"},
    {"身份证11010519491231002x", "身份证110***********002x"},
};

// landlines
const Row kLandlines[] = {
    {"座机073128886666", "座机0731****6666"},
    {"座机01088886666", "座机010****6666"},
    {"座机(0731)28886666", "座机(0731)****6666"},
    {"座机（0731）2888 6666", "座机（0731）**** 6666"},
    {"座机0731 2888 6666", "座机0731 **** 6666"},
    {"座机0745-2222742", "座机0745-***2742"},
    {"电话0746--2223405。", "电话0746--***3405。"},
};

// +86 and 0086
const Row kCountryCode[] = {
    {"电话+86 138 1234 5678", "电话+86 138 **** 5678"},
    {"电话+86-13812345678", "电话+86-138****5678"},
    {"电话008613812345678", "电话0086138****5678"},
    {"电话(+86)13812345678", "电话(+86)138****5678"},
    {"Tel +86 731 2888 6666", "Tel +86 731 **** 6666"},
    {"电话0086-10-88886666", "电话0086-10-****6666"},
    {"电话+86 0731 28886666", "电话+86 0731 ****6666"},
};

// bank cards in groups of four
const Row kBankCards[] = {
    {"卡号6222 0219 0001 2345 674", "卡号**** **** **** ***5 674"},
};

// several at once, rest of the text untouched
const Row kSeveral[] = {
    {"张先生１３８１２３４５６７８，座机(0731)28886666，2026-11-30来电",
     "张先生138****5678，座机(0731)****6666，2026-11-30来电"},
    {"2026-11-30 13812345678", "2026-11-30 138****5678"},
    {"共3处，电话13812345678，1380元", "共3处，电话138****5678，1380元"},
};

// Figures that are not personal data and must stay readable.
const char* const kKept[] = {
    "2019年共投诉12次，金额3500元",
    "工单号2019031512345678",    // 16 digits, Luhn fails
    "身份证430102199003071235",  // wrong check digit
    "12812345678不是手机号",     // second digit 2
    "湘江路12号",
    "2026-11-30",
    "20261130",
    "2026.11.30",
    "2026/11/30 08:30",
    "2026年11月30日",
    "1380元",
    "共１３８０元",
    "12栋3单元501室",
    "12栋 3单元 501室",
    "ZZ-20261122-000123",
    "事项ZZ-20261122-000123已受理",
    "共有一三八户",
    "一二三四五六七八九十",
    "第一批、第二批",
    "版本3.15.2",
    "IP 192.168.1.100",
    "12345热线",
    "96533服务热线",
    "0000-00000000",   // a placeholder, not a number
    "A1B13812345678",  // part of a code that holds digits
    "面积255.14平方米，实测281.34平方米",
    "7-8个电话，4-5分钟",
    "2018年12月12日至2019年1月5日",
    "国发200617号文件",
    "1 2 3 4 5 6 7 8 9 10 11",
    "湘B123456789",                   // too long for a plate
    "房号1301 1302 1303 1304",        // 16 digits in fours that pass the Luhn check
    "2015 2016 2017 2018年连续投诉",  // likewise
    "400-888-8888",                   // a company hotline
    "12月1日、12月2日、12月3日",
};

const std::vector<std::span<const Row>> kMasked = {
    kPlain,     kFullWidth, kOtherSeparators, kGluedToLetters, kChineseNumerals,
    kIdNumbers, kLandlines, kCountryCode,     kBankCards,      kSeveral};

void expect_masked(std::span<const Row> rows) {
  for (const auto& r : rows) EXPECT_EQ(mask_personal_data(r.in), r.out) << r.in;
}

TEST(PrivacyMask, PlainFormsAreMaskedAsBefore) { expect_masked(kPlain); }
TEST(PrivacyMask, FullWidthDigitsAreMasked) { expect_masked(kFullWidth); }
TEST(PrivacyMask, DotsSlashesDoubleSpacesAndZeroWidthSeparatorsDoNotHideANumber) {
  expect_masked(kOtherSeparators);
}
TEST(PrivacyMask, DigitsGluedToLettersAreMasked) { expect_masked(kGluedToLetters); }
TEST(PrivacyMask, NumbersInChineseNumeralsAreMasked) { expect_masked(kChineseNumerals); }
TEST(PrivacyMask, FifteenAndEighteenDigitIdNumbersAreMasked) { expect_masked(kIdNumbers); }
TEST(PrivacyMask, LandlinesWithoutDashOrWithBracketedAreaCodeAreMasked) {
  expect_masked(kLandlines);
}
TEST(PrivacyMask, PlusEightySixAndZeroZeroEightySixPrefixesAreMasked) {
  expect_masked(kCountryCode);
}
TEST(PrivacyMask, BankCardsInGroupsOfFourAreMasked) { expect_masked(kBankCards); }
TEST(PrivacyMask, SeveralFindingsLeaveTheRestAsWritten) { expect_masked(kSeveral); }

TEST(PrivacyMask, LeavesDatesAmountsHouseNumbersAndCodesAlone) {
  for (const char* s : kKept) {
    EXPECT_EQ(mask_personal_data(s), s) << s;
    EXPECT_FALSE(contains_personal_data(s)) << s;
  }
}

TEST(PrivacyMask, TableHasAtLeastFortyRows) {
  std::size_t rows = std::size(kKept);
  for (auto t : kMasked) rows += t.size();
  EXPECT_GE(rows, 40u);
}

TEST(PrivacyMask, MaskedMobileShowsAtMostSevenOfItsDigits) {
  std::size_t mobiles = 0;
  for (auto table : kMasked)
    for (const auto& r : table) {
      const std::string in = r.in;
      for (const auto& f : find_personal_data(in)) {
        if (f.kind != PersonalDataKind::mobile) continue;
        ++mobiles;
        std::string shown = mask_personal_data(in.substr(f.begin, f.end - f.begin));
        std::string digits;
        for (char c : shown)
          if (c >= '0' && c <= '9') digits += c;
        if (digits.rfind("0086", 0) == 0)
          digits.erase(0, 4);
        else if (digits.size() > 7 && digits.rfind("86", 0) == 0)
          digits.erase(0, 2);
        EXPECT_LE(digits.size(), 7u) << r.in << " -> " << shown;
        EXPECT_NE(shown.find("****"), std::string::npos) << r.in << " -> " << shown;
      }
    }
  EXPECT_GE(mobiles, 30u);
}

TEST(PrivacyMask, ReportsKindsAndOffsets) {
  const std::string text = "张先生13812345678，车牌湘B12345";
  const auto found = find_personal_data(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, PersonalDataKind::mobile);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "13812345678");
  EXPECT_EQ(found[1].kind, PersonalDataKind::plate);
}

TEST(PrivacyMask, OffsetsPointIntoTheTextAsWritten) {
  const std::string text = "电话：１３８ １２３４ ５６７８。座机（0731）28886666";
  const auto found = find_personal_data(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, PersonalDataKind::mobile);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "１３８ １２３４ ５６７８");
  EXPECT_EQ(found[1].kind, PersonalDataKind::landline);
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "0731）28886666");
  EXPECT_EQ(mask_personal_data(text), "电话：138 **** 5678。座机（0731）****6666");
}

TEST(PrivacyMask, FifteenDigitIdNeedsAProvinceAndABirthDate) {
  EXPECT_TRUE(plausible_old_id_card_number("430102900307123"));
  EXPECT_FALSE(plausible_old_id_card_number("990102900307123"));  // no province 99
  EXPECT_FALSE(plausible_old_id_card_number("430102901307123"));  // month 13
  EXPECT_EQ(mask_personal_data("编号202611221234567"), "编号202611221234567");
}

TEST(PrivacyMask, MasksTheReportersNamesWhereverTheyAppear) {
  const std::vector<std::string> names = {"欧阳娜娜"};
  EXPECT_EQ(mask_personal_data("反映人欧阳娜娜，电话13812345678；欧阳娜娜表示", names),
            "反映人欧***，电话138****5678；欧***表示");
  EXPECT_EQ(mask_personal_data("欧阳\xE2\x80\x8B娜娜来电", names), "欧***来电");
  EXPECT_EQ(mask_personal_data("歐陽娜娜來電", names), "歐***來電");   // written in Traditional
  EXPECT_EQ(mask_personal_data("欧阳 娜娜来电", names), "欧***来电");  // spaced out
  EXPECT_EQ(mask_personal_data("欧阳某来电", names), "欧阳某来电");    // surname + 某 is fine
  EXPECT_EQ(mask_personal_data("张三和李四", {"张三", "李"}),
            "张*和李四");  // one character: not a name
  EXPECT_EQ(mask_personal_data("张三来电", {}), "张三来电");
  EXPECT_TRUE(contains_personal_data("张三来电", {"张三"}));
  EXPECT_FALSE(contains_personal_data("张三来电"));
  const auto found = find_personal_data("请联系张三", {"张三"});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, PersonalDataKind::name);
}

TEST(PrivacyMask, ContainsPersonalDataAgreesWithMasking) {
  for (auto table : kMasked)
    for (const auto& r : table) EXPECT_TRUE(contains_personal_data(r.in)) << r.in;
}

TEST(PrivacyMask, InvalidUtf8IsLeftAsWritten) {
  const std::string text = "\xE5\x9B电话13812345678\xFF";
  EXPECT_EQ(mask_personal_data(text), "\xE5\x9B电话138****5678\xFF");
}

TEST(PrivacyMask, LongRunsOfFiguresTakeLinearTime) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "1 ";
  text += "13812345678";
  const auto t0 = std::chrono::steady_clock::now();
  const std::string out = mask_personal_data(text);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(out.substr(out.size() - 11), "138****5678");
  EXPECT_LT(s, 1.0);
}

TEST(PrivacyMask, Checksums) {
  EXPECT_TRUE(valid_id_card_number("11010519491231002X"));
  EXPECT_FALSE(valid_id_card_number("110105194912310021"));
  EXPECT_TRUE(luhn_valid("6217001234567893"));
  EXPECT_FALSE(luhn_valid("6217001234567894"));
}

}  // namespace
}  // namespace huiyin::text
