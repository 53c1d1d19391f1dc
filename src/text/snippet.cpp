#include "text/snippet.hpp"

#include <algorithm>
#include <vector>

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

constexpr char32_t kGap = U' ';  // a word boundary in the normalised stream

// The normalised form of a text as a stream of code points, each remembering the index of the
// original character it came from, so a match found here can be shown in the original.
struct Folded {
  std::u32string chars;
  std::vector<std::size_t> origin;
  void push(char32_t c, std::size_t from) {
    if (c == kGap && (chars.empty() || chars.back() == kGap)) return;
    chars.push_back(c);
    origin.push_back(from);
  }
};

Folded fold(const std::u32string& original) {
  // Traditional -> Simplified on the whole text (phrase-aware). t2s keeps one character per
  // character almost always; if it did not, fall back to converting character by character.
  std::u32string simple = decode_utf8(to_simplified(encode_utf8(original)));
  const bool aligned = simple.size() == original.size();
  Folded f;
  for (std::size_t i = 0; i < original.size(); ++i) {
    const char32_t c = aligned ? simple[i] : original[i];
    if (c < 0x80) {  // ASCII: letters and digits, lower-cased; anything else separates words
      if (c >= 'A' && c <= 'Z') f.push(c + ('a' - 'A'), i);
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) f.push(c, i);
      else f.push(kGap, i);
    } else if (aligned && ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))) {
      f.push(c, i);  // already Simplified; NFKC leaves unified ideographs alone
    } else {
      const std::u32string n = decode_utf8(normalize_for_index(encode_utf8(std::u32string(1, c))));
      if (n.empty()) f.push(kGap, i);
      for (char32_t x : n) f.push(x, i);
    }
  }
  return f;
}

std::vector<std::u32string> words_of(std::string_view query) {
  std::vector<std::u32string> words;
  std::u32string cur;
  for (char32_t c : decode_utf8(normalize_for_index(query))) {
    if (c == U' ') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  // Longest first, so "垃圾桶" wins over "垃圾" where both start.
  std::sort(words.begin(), words.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return words;
}

struct Span {
  std::size_t first, last;  // original character indices, inclusive
};

// Every non-overlapping occurrence of any word, left to right, as original-character spans.
std::vector<Span> find_matches(const Folded& f, const std::vector<std::u32string>& words) {
  std::vector<Span> out;
  std::size_t i = 0;
  while (i < f.chars.size()) {
    std::size_t len = 0;
    for (const auto& w : words) {
      if (f.chars.compare(i, w.size(), w) == 0) {
        len = w.size();
        break;
      }
    }
    if (len == 0) {
      ++i;
      continue;
    }
    out.push_back({f.origin[i], f.origin[i + len - 1]});
    i += len;
  }
  return out;
}

void append_escaped(std::string& out, char32_t c) {
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: append_utf8(out, c);
  }
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x3000 || c == 0xA0;
}

}  // namespace

std::string make_snippet(std::string_view text, std::string_view query, std::size_t max_chars) {
  // Whitespace runs collapse first, so the budget counts characters a reader sees.
  std::u32string shown;
  for (char32_t c : decode_utf8(text)) {
    if (is_space(c)) {
      if (!shown.empty() && shown.back() != U' ') shown.push_back(U' ');
    } else {
      shown.push_back(c);
    }
  }
  while (!shown.empty() && shown.back() == U' ') shown.pop_back();
  if (max_chars == 0 || shown.empty()) return {};

  const std::vector<Span> matches = find_matches(fold(shown), words_of(query));
  const std::size_t n = shown.size();
  std::size_t begin = 0;
  if (!matches.empty()) {
    // About a quarter of the window before the first match, the rest after it.
    const Span& m = matches.front();
    const std::size_t len = m.last - m.first + 1;
    const std::size_t before = len >= max_chars ? 0 : (max_chars - len) / 4;
    begin = m.first > before ? m.first - before : 0;
    if (begin + max_chars > n) begin = n > max_chars ? std::min(n - max_chars, m.first) : 0;
  }
  const std::size_t end = std::min(n, begin + max_chars);

  std::string out;
  if (begin > 0) out += "…";
  std::size_t k = 0;  // next match to consider
  bool open = false;
  for (std::size_t i = begin; i < end; ++i) {
    while (k < matches.size() && matches[k].last < i) ++k;
    const bool in = k < matches.size() && matches[k].first <= i;
    if (in && !open) out += "<mark>";
    if (!in && open) out += "</mark>";
    open = in;
    append_escaped(out, shown[i]);
  }
  if (open) out += "</mark>";
  if (end < n) out += "…";
  return out;
}

}  // namespace huiyin::text
