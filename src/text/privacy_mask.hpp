// Finding and masking personal data in free text (public pages, exports, roles that may not
// see it): mainland mobile numbers (also +86 and 138-1234-5678 forms), landlines written with an
// area code (0731-88886666), 18-digit ID-card numbers whose check digit is right, bank-card
// numbers of 16-19 digits that pass the Luhn check, and vehicle plates (湘B12345, 湘AD12345).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huiyin::text {

enum class PersonalDataKind { mobile, landline, id_card, bank_card, plate };

struct PersonalDataSpan {
  PersonalDataKind kind;
  std::size_t begin = 0;  // byte offsets into the input
  std::size_t end = 0;
};

std::vector<PersonalDataSpan> find_personal_data(std::string_view text);

// The text with each finding masked: 138****5678, 430***********123X, ************1234,
// 0731-****6666, 湘B****5. Everything else is left byte for byte.
std::string mask_personal_data(std::string_view text);

bool valid_id_card_number(std::string_view eighteen);
bool luhn_valid(std::string_view digits);

}  // namespace huiyin::text
