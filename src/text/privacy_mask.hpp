// Finding and masking personal data in free text (public pages, exports, roles that may not
// see it): mainland mobile numbers (also with +86/0086), landlines with an area code
// (0731-88886666, 073188886666, (0731)88886666, +86 731 8888 6666), ID-card numbers (18 digits
// with the right check digit, or the 15-digit first generation with a plausible area and birth
// date), bank-card numbers of 16-19 digits that pass the Luhn check, vehicle plates (湘B12345,
// 湘AD12345) and, when given, the reporter's own names.
//
// Numbers are found as people really write them: the text is folded per character first
// (NFKC via utf8proc: full-width digits and letters, ideographic space, circled digits; Chinese
// numerals 〇零一…九, 幺 and 壹…玖 count as digits), and the groups of a number may be split by
// spaces, '-', '.', '/', '_' (up to three in a row) or by zero-width characters, which are
// ignored. Digits glued to letters (tel13812345678, wx13812345678) are found too, unless the
// letters belong to a code that already holds digits. Offsets always point into the text as
// written; everything outside a finding is left byte for byte.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huiyin::text {

// Extend at the end only.
enum class PersonalDataKind { mobile, landline, id_card, bank_card, plate, name };

struct PersonalDataSpan {
  PersonalDataKind kind;
  std::size_t begin = 0;  // byte offsets into the input
  std::size_t end = 0;
};

std::vector<PersonalDataSpan> find_personal_data(std::string_view text);
// Also every place where one of `names` (each at least 2 characters) is written.
std::vector<PersonalDataSpan> find_personal_data(std::string_view text,
                                                 const std::vector<std::string>& names);

// The text with each finding masked: 138****5678, 430***********123X, ************1234,
// 0731-****6666, 湘B****5, 欧***. Inside a finding, kept digits are written as ASCII, masked ones
// as '*', zero-width characters dropped, and separators kept as written (一三八 一二三四 五六七八
// → 138 **** 5678). Everything else is left byte for byte.
std::string mask_personal_data(std::string_view text);
std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names);

// True when mask_personal_data would change the text.
bool contains_personal_data(std::string_view text);
bool contains_personal_data(std::string_view text, const std::vector<std::string>& names);

bool valid_id_card_number(std::string_view eighteen);
// A first-generation (15-digit) ID number: a province code and a birth date that can exist.
bool plausible_old_id_card_number(std::string_view fifteen);
bool luhn_valid(std::string_view digits);

}  // namespace huiyin::text
