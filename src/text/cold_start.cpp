#include "text/cold_start.hpp"

#include <map>

#include "domain/table.hpp"
#include "share/resources.hpp"

namespace huiyin::text {
namespace {

std::map<std::string, std::vector<std::string>> keyword_lists(
    std::string_view file = "text/category_keywords.tsv") {
  std::map<std::string, std::vector<std::string>> out;
  const auto bytes = resource(file);
  if (!bytes) return out;
  for (const TableRow& row : read_tsv(*bytes, {.comments = true})) {
    if (row.size() < 2 || row[0] == "category") continue;
    std::string_view words = row[1];
    std::size_t start = 0;
    for (std::size_t i = 0; i <= words.size(); ++i)
      if (i == words.size() || words[i] == ' ') {
        if (i > start) out[row[0]].emplace_back(words.substr(start, i - start));
        start = i + 1;
      }
  }
  return out;
}

}  // namespace

std::vector<Document> taxonomy_seeds(std::string_view tsv) {
  std::vector<Document> seeds;
  bool header = true;
  for (const TableRow& row : read_tsv(tsv, {.comments = true})) {
    if (header) {
      header = false;
      if (row[0] == "level1") continue;
    }
    if (row.size() < 2 || row[0].empty()) continue;
    seeds.push_back({row[1], row[2], row[0], {}});
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
