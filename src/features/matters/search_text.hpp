// The text kept for keyword search of a matter. The text layer decides what it is (normalised,
// Simplified, segmented); intake and edits call only this. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace huiyin {

std::string search_text_for(std::string_view title, std::string_view content);

}  // namespace huiyin
