// UTF-8 decoding and encoding helpers for the text layer. Invalid bytes decode to U+FFFD so
// free text from any channel can be processed without failing. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huiyin::text {

std::u32string decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t c);
std::string encode_utf8(std::u32string_view s);

// CJK unified ideographs (basic block, extension A and the compatibility block).
inline bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

}  // namespace huiyin::text
