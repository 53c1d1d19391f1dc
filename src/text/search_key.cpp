#include "text/search_key.hpp"

#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

// Splits normalised text (single spaces between runs) into runs of code points.
std::vector<std::u32string> runs_of(std::string_view text) {
  std::vector<std::u32string> runs;
  std::u32string cur;
  for (char32_t c : decode_utf8(normalize_for_index(text))) {
    if (c == U' ') {
      if (!cur.empty()) runs.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) runs.push_back(std::move(cur));
  return runs;
}

}  // namespace

std::string search_key(std::string_view text) {
  const auto runs = runs_of(text);
  std::string out;
  auto token = [&out](const char32_t* p, std::size_t n) {
    if (!out.empty()) out.push_back(' ');
    for (std::size_t i = 0; i < n; ++i) append_utf8(out, p[i]);
  };
  for (const auto& r : runs)
    for (std::size_t i = 0; i + 1 < r.size(); ++i) token(&r[i], 2);
  for (const auto& r : runs)
    for (std::size_t i = 0; i < r.size(); ++i) token(&r[i], 1);
  return out;
}

SearchQuery parse_search_query(std::string_view query) {
  SearchQuery q;
  for (const auto& r : runs_of(query)) {
    std::vector<std::string> phrase;
    if (r.size() == 1) {
      phrase.push_back(encode_utf8(r));
    } else {
      for (std::size_t i = 0; i + 1 < r.size(); ++i)
        phrase.push_back(encode_utf8(std::u32string_view(r).substr(i, 2)));
    }
    q.phrases.push_back(std::move(phrase));
  }
  return q;
}

bool matches_query(std::string_view text, std::string_view query) {
  const auto runs = runs_of(text);
  for (const auto& word : runs_of(query)) {
    bool found = false;
    for (const auto& r : runs)
      if (r.find(word) != std::u32string::npos) {
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

std::string fts5_match(const SearchQuery& q) {
  std::string out;
  for (const auto& phrase : q.phrases) {
    if (!out.empty()) out += " AND ";
    out.push_back('"');
    for (std::size_t i = 0; i < phrase.size(); ++i) {
      if (i) out.push_back(' ');
      out += phrase[i];  // normalised tokens hold no quotes or punctuation
    }
    out.push_back('"');
  }
  return out;
}

std::string pg_tsquery(const SearchQuery& q) {
  std::string out;
  for (const auto& phrase : q.phrases) {
    if (!out.empty()) out += " & ";
    if (phrase.size() > 1) out.push_back('(');
    for (std::size_t i = 0; i < phrase.size(); ++i) {
      if (i) out += " <-> ";
      out += phrase[i];
    }
    if (phrase.size() > 1) out.push_back(')');
  }
  return out;
}

}  // namespace huiyin::text
