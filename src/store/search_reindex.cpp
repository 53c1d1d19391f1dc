#include "store/search_reindex.hpp"

#include "text/search_key.hpp"

namespace huiyin::sql {
namespace {

constexpr const char* kBatch =
    "SELECT id, title, content FROM matters WHERE id > $1 ORDER BY id LIMIT 500";
constexpr const char* kSetKey = "UPDATE matters SET search_text = $1 WHERE id = $2";

}  // namespace

std::string matter_search_key(std::string_view title, std::string_view content) {
  std::string text;
  text.reserve(title.size() + 1 + content.size());
  text.append(title);
  text.push_back('\n');  // a separator: no bigram spans the end of the title
  text.append(content);
  return text::search_key(text);
}

std::int64_t reindex_search_text(Connection& c) {
  std::int64_t last = 0, done = 0;
  for (;;) {
    Rows rows = c.query(kBatch, {last});
    if (rows.empty()) return done;
    for (const auto& r : rows) {
      last = r.integer(0);
      c.exec(kSetKey, {matter_search_key(r.text(1), r.text(2)), last});
      ++done;
    }
  }
}

}  // namespace huiyin::sql
