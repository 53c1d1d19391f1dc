#include "kernel/privacy_mask.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "text/privacy_mask.hpp"

namespace huiyin {
namespace {

// Bytes of the UTF-8 character starting at s[i].
std::size_t char_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string mask_name(std::string_view name) {
  if (name.empty()) return {};
  std::size_t first = char_len(static_cast<unsigned char>(name[0]));
  if (first > name.size()) first = name.size();
  std::string out(name.substr(0, first));
  std::size_t rest = 0;
  for (std::size_t i = first; i < name.size(); i += char_len(static_cast<unsigned char>(name[i])))
    ++rest;
  out.append(rest == 0 ? 1 : rest, '*');
  return out;
}

std::string mask_phone(std::string_view phone) {
  std::string out(phone);
  std::size_t digits = 0;
  for (char c : phone) digits += digit(c);
  if (digits < 7) {
    for (char& c : out)
      if (digit(c)) c = '*';
    return out;
  }
  // Keep the first 3 digits of a mobile number and the last 4 digits of anything.
  bool mobile = phone.size() == 11 && phone[0] == '1';
  std::size_t seen = 0;
  for (char& c : out) {
    if (!digit(c)) continue;
    ++seen;
    bool keep = seen > digits - 4 || (mobile && seen <= 3);
    if (!keep) c = '*';
  }
  return out;
}

// One implementation for the whole product: the text layer finds mobiles, landlines, ID-card
// numbers (18 digits with a valid check digit, or 15 digits), Luhn-valid bank cards and vehicle
// plates, however the digits are written (full-width, Chinese numerals, odd separators).
std::string mask_personal_data(std::string_view text) { return text::mask_personal_data(text); }

std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names) {
  return text::mask_personal_data(text, names);
}

bool contains_personal_data(std::string_view text) { return text::contains_personal_data(text); }

bool contains_personal_data(std::string_view text, const std::vector<std::string>& names) {
  return text::contains_personal_data(text, names);
}

namespace {

bool is_name_key(const std::string& k) {
  return k == "name" || k == "reporter_name" || k == "contact_name" || k == "display_name";
}
bool is_phone_key(const std::string& k) {
  return k == "phone" || k == "reporter_phone" || k == "contact_phone" || k == "mobile";
}

void mask_json(nlohmann::json& j, const std::string& key, const std::vector<std::string>& names) {
  if (j.is_string()) {
    const std::string v = j.get<std::string>();
    if (is_name_key(key)) j = mask_name(v);
    else if (is_phone_key(key)) j = mask_phone(v);
    else j = mask_personal_data(v, names);
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) mask_json(it.value(), it.key(), names);
  } else if (j.is_array()) {
    for (auto& v : j) mask_json(v, key, names);
  }
}

}  // namespace

std::string mask_payload(const std::string& payload_json, const std::vector<std::string>& names) {
  auto j = nlohmann::json::parse(payload_json, nullptr, false);
  if (j.is_discarded()) return mask_personal_data(payload_json, names);
  mask_json(j, "", names);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace huiyin
