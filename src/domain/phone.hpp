// Phone numbers as a reporter types them ("138 1234 5678", "+86 138-1234-5678", "0086…",
// "0731-12345678") and in the one form they are stored and looked up by: digits only, without
// the country prefix. Shared by intake (what is stored) and the lookup of a reporter's matters
// by phone (what is compared), so the two can never disagree.
#pragma once

#include <string>
#include <string_view>

namespace huiyin {

// The stored form of `typed`: spaces (also full-width), tabs, hyphens (also full-width) and
// parentheses dropped, a leading +86 / 0086 / 86 (before a mobile number) removed; a landline
// written internationally ("+86 731 12345678") gets its leading 0 back. Empty when the result is
// no phone number `valid_phone` accepts (a mobile 1[3-9]XXXXXXXXX or a landline 0XXXXXXXXX..).
// Full-width digits (０-９, ＋) and no-break spaces are read as their ASCII forms.
std::string normalize_phone(std::string_view typed);

// What intake keeps of a contact phone: normalize_phone's form, or — when it is no phone number —
// the input trimmed, so valid_phone refuses it with the reporter's own text in the message.
std::string stored_phone(std::string_view typed);

}  // namespace huiyin
