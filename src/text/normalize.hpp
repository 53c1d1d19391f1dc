// Normalisation of Chinese free text for indexing, search keys, models and duplicate checks.
// The stored text stays as written; only derived keys pass through here. A text written in
// Traditional characters normalises to the same string as its Simplified twin.
// Thread-safe: the OpenCC converter is loaded once (first use) and guarded by a mutex; the fast
// path (text with no Traditional-only character) takes no lock.
#pragma once

#include <string>
#include <string_view>

namespace huiyin::text {

// NFKC (full-width letters and digits to ASCII), case folding, Traditional -> Simplified,
// every run of whitespace, punctuation and symbols folded to one ASCII space, trimmed.
// Example: "Ａ市　路燈壞了！！" -> "a市 路灯坏了".
std::string normalize_for_index(std::string_view text);

// Traditional -> Simplified only (OpenCC t2s, phrase-aware); punctuation and width kept.
std::string to_simplified(std::string_view text);

// True when the text contains a character that only Traditional writing uses.
bool has_traditional(std::string_view text);

// False when OpenCC's t2s data could not be loaded (then text is left in the script it came in).
bool traditional_conversion_available();

}  // namespace huiyin::text
