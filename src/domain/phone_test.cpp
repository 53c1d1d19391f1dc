#include "domain/phone.hpp"

#include <gtest/gtest.h>

namespace huiyin {
namespace {

TEST(Phone, PastedMobileNumbersAreNormalised) {
  EXPECT_EQ(normalize_phone("13812345678"), "13812345678");
  EXPECT_EQ(normalize_phone("138 1234 5678"), "13812345678");
  EXPECT_EQ(normalize_phone(" 138-1234-5678 "), "13812345678");
  EXPECT_EQ(normalize_phone("+86 138 1234 5678"), "13812345678");
  EXPECT_EQ(normalize_phone("+8613812345678"), "13812345678");
  EXPECT_EQ(normalize_phone("0086 13812345678"), "13812345678");
  EXPECT_EQ(normalize_phone("8613812345678"), "13812345678");
  EXPECT_EQ(normalize_phone("(+86) 138\xE3\x80\x80" "1234\xEF\xBC\x8D" "5678"), "13812345678");
}

TEST(Phone, LandlinesKeepTheirAreaCode) {
  EXPECT_EQ(normalize_phone("0731-12345678"), "073112345678");
  EXPECT_EQ(normalize_phone("(0731) 1234 5678"), "073112345678");
  EXPECT_EQ(normalize_phone("+86 731 12345678"), "073112345678");
  EXPECT_EQ(normalize_phone("0086-731-12345678"), "073112345678");
}

TEST(Phone, WhatIsNoPhoneNumberIsEmpty) {
  EXPECT_EQ(normalize_phone(""), "");
  EXPECT_EQ(normalize_phone("   "), "");
  EXPECT_EQ(normalize_phone("1381234567"), "");     // 10 digits
  EXPECT_EQ(normalize_phone("12812345678"), "");    // 12x is no mobile prefix
  EXPECT_EQ(normalize_phone("138123456789"), "");   // 12 digits, no landline either
  EXPECT_EQ(normalize_phone("+1 415 555 0100"), "");  // not a mainland number
  EXPECT_EQ(normalize_phone("138a12345678"), "");
  EXPECT_EQ(normalize_phone("138+12345678"), "");
  EXPECT_EQ(normalize_phone("++8613812345678"), "");
  EXPECT_EQ(normalize_phone(std::string(40, '1')), "");
}

}  // namespace
}  // namespace huiyin
