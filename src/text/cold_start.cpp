#include "text/cold_start.hpp"

#include <map>

#include "share/resources.hpp"

namespace huiyin::text {
namespace {

std::vector<std::vector<std::string_view>> rows_of(std::string_view tsv) {
  std::vector<std::vector<std::string_view>> rows;
  std::size_t pos = 0;
  while (pos < tsv.size()) {
    std::size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cells;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i)
      if (i == line.size() || line[i] == '\t') {
        cells.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::map<std::string, std::vector<std::string>> keyword_lists(
    std::string_view file = "text/category_keywords.tsv") {
  std::map<std::string, std::vector<std::string>> out;
  const auto bytes = resource(file);
  if (!bytes) return out;
  for (const auto& row : rows_of(*bytes)) {
    if (row.size() < 2 || row[0] == "category") continue;
    std::string_view words = row[1];
    std::size_t start = 0;
    for (std::size_t i = 0; i <= words.size(); ++i)
      if (i == words.size() || words[i] == ' ') {
        if (i > start) out[std::string(row[0])].emplace_back(words.substr(start, i - start));
        start = i + 1;
      }
  }
  return out;
}

}  // namespace

std::vector<Document> taxonomy_seeds(std::string_view tsv) {
  std::vector<Document> seeds;
  bool header = true;
  for (const auto& row : rows_of(tsv)) {
    if (header) {
      header = false;
      if (!row.empty() && row[0] == "level1") continue;
    }
    if (row.size() < 2 || row[0].empty()) continue;
    Document d;
    d.label = std::string(row[0]);
    d.title = std::string(row[1]);
    if (row.size() > 2) d.content = std::string(row[2]);
    seeds.push_back(std::move(d));
  }
  return seeds;
}

std::vector<Document> keyword_seeds() {
  std::vector<Document> seeds;
  for (const auto& [name, words] : keyword_lists())
    for (const auto& w : words) seeds.push_back({w, {}, name, {}});
  return seeds;
}

std::vector<Document> category_seeds(const std::vector<Category>& categories) {
  std::map<Id, const Category*> by_id;
  for (const auto& c : categories) by_id[c.id] = &c;
  auto root_of = [&](const Category& c) {
    const Category* cur = &c;
    for (int guard = 0; guard < 16 && cur->parent && by_id.count(*cur->parent); ++guard)
      cur = by_id[*cur->parent];
    return cur;
  };
  const auto lists = keyword_lists();
  std::vector<Document> seeds;
  for (const auto& c : categories) {
    if (!c.active) continue;
    const Category* root = root_of(c);
    seeds.push_back({c.name, {}, root->code, {}});
    if (auto it = lists.find(c.name); it != lists.end())
      for (const auto& w : it->second) seeds.push_back({w, {}, root->code, {}});
  }
  return seeds;
}

std::vector<Document> reply_labelled(const std::vector<Document>& unlabelled) {
  const auto lists = keyword_lists("text/department_keywords.tsv");
  std::vector<Document> out;
  for (const auto& d : unlabelled) {
    if (d.reply.empty()) continue;
    const std::string* found = nullptr;
    bool ambiguous = false;
    for (const auto& [label, words] : lists) {
      bool hit = false;
      for (const auto& w : words) hit = hit || d.reply.find(w) != std::string::npos;
      if (!hit) continue;
      if (found) ambiguous = true;
      found = &label;
    }
    if (found && !ambiguous) out.push_back({d.title, d.content, *found, {}});
  }
  return out;
}

Classifier cold_start_model(const std::vector<Document>& seeds, const TrainOptions& opt) {
  TrainOptions o = opt;
  o.rounds = 0;
  o.seed_weight = 1.0f;
  return train_classifier({}, {}, seeds, o);
}

}  // namespace huiyin::text
