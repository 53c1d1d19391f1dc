#include "features/matters/search_text.hpp"

#include "text/search_key.hpp"

namespace huiyin {

// The text layer's search key (bigrams, then characters, of the normalised text). Title and
// content go on separate lines so no bigram spans the end of the title; the store's
// reindex_search_text (store/search_reindex.cpp) composes them the same way for old rows.
std::string search_text_for(std::string_view title, std::string_view content) {
  std::string text;
  text.reserve(title.size() + 1 + content.size());
  text.append(title);
  text.push_back('\n');
  text.append(content);
  return text::search_key(text);
}

}  // namespace huiyin
