// Search-result snippets: a short excerpt of a matter's text around the first place a query
// matches, safe to put into HTML. Matching uses the same normalisation as the search index
// (full-width letters/digits folded, case folded, Traditional = Simplified, punctuation and
// spaces separate words), so every hit the index finds can be shown; the excerpt itself shows
// the characters as they were written. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huiyin::text {

// An excerpt of at most `max_chars` characters of `text` (not counting markup or the "…"
// marking a cut at either end), placed so that the first match of any word of `query` is near
// its start, with every match inside it wrapped in <mark>…</mark> and everything else
// HTML-escaped (& < > " '). Runs of whitespace show as one space. Without a match (or with an
// empty query) it is the start of the text. Invalid UTF-8 shows as U+FFFD.
std::string make_snippet(std::string_view text, std::string_view query, std::size_t max_chars = 80);

}  // namespace huiyin::text
