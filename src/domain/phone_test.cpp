#include "domain/phone.hpp"

#include <gtest/gtest.h>

#include "domain/text_checks.hpp"

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

// Issue 9: a pasted "138 1234 5678" or "+86 138…" was cut by the form and then refused.
TEST(Phone, PastedPhoneNumbersAreNormalisedToTheStoredForm) {
  struct Row {
    std::string typed;
    std::string stored;
  };
  const Row rows[] = {
      {"13812345678", "13812345678"},
      {"138 1234 5678", "13812345678"},
      {" 138-1234-5678 ", "13812345678"},
      {"(138) 1234.5678", "13812345678"},
      {"+86 138 1234 5678", "13812345678"},
      {"+86-13812345678", "13812345678"},
      {"0086 138 1234 5678", "13812345678"},
      {"8613812345678", "13812345678"},
      {"\xEF\xBC\x8B\xEF\xBC\x98\xEF\xBC\x96 13812345678", "13812345678"},  // ＋８６
      {"\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98\xE3\x80\x80" "12345678", "13812345678"},  // １３８　
      {"138\xC2\xA0" "1234\xC2\xA0" "5678", "13812345678"},  // no-break spaces
      // Landlines keep working, stored as their digits.
      {"0731-12345678", "073112345678"},
      {"073112345678", "073112345678"},
      {"0731 1234 5678", "073112345678"},
      {"(0731) 12345678", "073112345678"},
      // Not a phone: trimmed, left for valid_phone to refuse.
      {"  12345 ", "12345"},
      {"+86 12912345678", "+86 12912345678"},
      {"86138123456789", "86138123456789"},
      {"138-1234-567x", "138-1234-567x"},
      {"", ""},
      {"   ", ""},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(stored_phone(r.typed), r.stored) << r.typed;
    if (r.stored.size() == 11 && r.stored[0] == '1') EXPECT_TRUE(valid_phone(stored_phone(r.typed))) << r.typed;
  }
  EXPECT_FALSE(valid_phone(stored_phone("+86 12912345678")));
  EXPECT_FALSE(valid_phone(stored_phone("12345")));
}

}  // namespace
}  // namespace huiyin
