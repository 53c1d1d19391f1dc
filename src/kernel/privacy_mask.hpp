// Masking personal data for people who may not see it: reporters' names and phones on the
// matter page, and phone/ID numbers inside free text on the public wall and in exports.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huiyin {

// Phone numbers, ID-card and bank-card numbers and vehicle plates inside free text → masked
// (text/privacy_mask.hpp does the finding; dates and house numbers stay readable).
std::string mask_personal_data(std::string_view text);
// The same, and each of the reporter's `names` (at least 2 characters; e.g. the name given at
// intake) wherever it is written: 反映人欧阳娜娜 → 反映人欧***. Use it where the reporter gave a name.
std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names);

// True when mask_personal_data would change the text (for tests, and to tell whether a masked
// text may be searched as written).
bool contains_personal_data(std::string_view text);
bool contains_personal_data(std::string_view text, const std::vector<std::string>& names);

// An event payload (a JSON object as text) with every string in it masked: values under name and
// phone keys as names and phones, every other string as free text (with `names`). Text that is
// not JSON is masked as free text.
std::string mask_payload(const std::string& payload_json, const std::vector<std::string>& names = {});

// 张三 → 张*, 欧阳娜娜 → 欧***; empty stays empty.
std::string mask_name(std::string_view name);
// 13812341234 → 138****1234; landlines keep their last 4 digits.
std::string mask_phone(std::string_view phone);

}  // namespace huiyin
