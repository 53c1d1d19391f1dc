#include "service/search_text.hpp"

namespace huiyin {

std::string search_text_for(std::string_view title, std::string_view content) {
  std::string out;
  out.reserve(title.size() + 1 + content.size());
  out.append(title);
  out.push_back(' ');
  out.append(content);
  return out;
}

}  // namespace huiyin
