#include "text/clustering.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "text/features.hpp"
#include "text/normalize.hpp"
#include "text/utf8.hpp"

namespace huiyin::text {
namespace {

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

double dot(const SparseVector& a, const SparseVector& b) {
  double s = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].first == b[j].first) s += static_cast<double>(a[i++].second) * b[j++].second;
    else if (a[i].first < b[j].first) ++i;
    else ++j;
  }
  return s;
}

std::set<std::string> bigram_set(std::string_view title, std::string_view content) {
  std::set<std::string> out;
  std::string joined(title);
  joined.push_back(' ');
  joined.append(content);
  const std::u32string t = decode_utf8(normalize_for_index(joined));
  for (std::size_t i = 0; i + 1 < t.size(); ++i)
    if (is_cjk(t[i]) && is_cjk(t[i + 1])) out.insert(encode_utf8(t.substr(i, 2)));
  return out;
}

// Keywords: bigrams frequent in the cluster and rare elsewhere, merged into the longest phrases
// they form in the most typical members ("加装" "装电" "电梯" -> "加装电梯").
std::vector<std::string> keywords_of(const std::vector<std::size_t>& members,
                                     const std::vector<std::pair<double, std::size_t>>& by_typical,
                                     const std::vector<ClusterItem>& items,
                                     const std::vector<std::set<std::string>>& grams,
                                     std::map<std::string, std::size_t>& global_df, std::size_t n,
                                     std::size_t want) {
  std::map<std::string, std::size_t> local;
  for (auto m : members)
    for (const auto& g : grams[m]) ++local[g];
  std::map<std::string, double> score;
  std::vector<double> all;
  for (const auto& [g, df] : local) {
    if (df * 2 < members.size() && df < 3) continue;
    const double s = static_cast<double>(df) / members.size() *
                     std::log(static_cast<double>(n + 1) / global_df[g]);
    score[g] = s;
    all.push_back(s);
  }
  if (all.empty()) return {};
  std::sort(all.rbegin(), all.rend());
  const double cut = all[std::min(all.size() - 1, want * 3)];
  std::map<std::string, double> phrases;
  for (std::size_t e = 0; e < by_typical.size() && e < 3; ++e) {
    const auto& it = items[by_typical[e].second];
    std::string joined(it.title);
    joined.push_back(' ');
    joined.append(it.content);
    const std::u32string t = decode_utf8(normalize_for_index(joined));
    std::size_t i = 0;
    while (i + 1 < t.size()) {
      std::size_t j = i;
      double sum = 0;
      while (j + 1 < t.size() && j - i < 7) {
        auto f = score.find(encode_utf8(t.substr(j, 2)));
        if (!is_cjk(t[j]) || !is_cjk(t[j + 1]) || f == score.end() || f->second < cut) break;
        sum += f->second;
        ++j;
      }
      if (j > i) {
        const std::string p = encode_utf8(t.substr(i, j - i + 1));
        phrases[p] = std::max(phrases[p], sum);
        i = j + 1;
      } else {
        ++i;
      }
    }
  }
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [p, s] : phrases) ranked.push_back({s, p});
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  std::vector<std::string> out;
  for (const auto& [s, p] : ranked) {
    bool inside = false;
    for (const auto& q : out) inside = inside || q.find(p) != std::string::npos || p.find(q) != std::string::npos;
    if (!inside) out.push_back(p);
    if (out.size() >= want) break;
  }
  return out;
}

}  // namespace

std::vector<TextCluster> cluster_texts(const std::vector<ClusterItem>& items,
                                       const ClusterOptions& opt) {
  const std::size_t n = items.size();
  if (n == 0) return {};
  FeatureOptions fo;
  fo.max_n = 2;
  fo.hash_bits = 18;
  Vectorizer vec(fo);
  std::vector<SparseVector> counts;
  counts.reserve(n);
  for (const auto& it : items) counts.push_back(vec.counts(it.title, it.content));
  vec.fit_idf(counts);
  std::vector<SparseVector> x;
  x.reserve(n);
  for (const auto& c : counts) x.push_back(vec.weigh(c));

  // Candidate neighbours through each text's strongest features; very common features skipped.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> postings;
  std::vector<std::vector<std::uint32_t>> top(n);
  const std::size_t common = std::max<std::size_t>(50, n / 10);
  for (std::size_t i = 0; i < n; ++i) {
    auto v = x[i];
    std::partial_sort(v.begin(), v.begin() + std::min<std::size_t>(v.size(), 24), v.end(),
                      [](const auto& a, const auto& b) { return a.second > b.second || (a.second == b.second && a.first < b.first); });
    for (std::size_t k = 0; k < v.size() && k < 24; ++k) top[i].push_back(v[k].first);
    for (auto f : top[i]) postings[f].push_back(static_cast<std::uint32_t>(i));
  }
  std::vector<std::vector<std::pair<double, std::uint32_t>>> nn(n);
  std::vector<std::uint32_t> seen(n, UINT32_MAX);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::pair<double, std::uint32_t>> cand;
    for (auto f : top[i]) {
      const auto& p = postings[f];
      if (p.size() > common) continue;
      for (auto j : p) {
        if (j == i || seen[j] == i) continue;
        seen[j] = static_cast<std::uint32_t>(i);
        const double s = dot(x[i], x[j]);
        if (s >= opt.min_similarity) cand.push_back({s, j});
      }
    }
    std::sort(cand.begin(), cand.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    if (cand.size() > opt.neighbours) cand.resize(opt.neighbours);
    nn[i] = std::move(cand);
  }
  UnionFind uf(n);
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [s, j] : nn[i])
      for (const auto& [s2, back] : nn[j])
        if (back == i) uf.join(i, j);  // mutual neighbours

  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < n; ++i) groups[uf.find(i)].push_back(i);

  std::map<std::string, std::size_t> global_df;
  std::vector<std::set<std::string>> grams(n);
  for (std::size_t i = 0; i < n; ++i) {
    grams[i] = bigram_set(items[i].title, items[i].content);
    for (const auto& g : grams[i]) ++global_df[g];
  }

  std::vector<TextCluster> out;
  for (auto& [root, members] : groups) {
    if (members.size() < opt.min_size) continue;
    // Centre: mean vector; members ordered by similarity to it.
    std::unordered_map<std::uint32_t, double> centre;
    for (auto m : members)
      for (const auto& [f, w] : x[m]) centre[f] += w / members.size();
    std::vector<std::pair<double, std::size_t>> by_typical;
    double norm = 0;
    for (const auto& [f, w] : centre) norm += w * w;
    norm = std::sqrt(norm);
    double sum = 0;
    for (auto m : members) {
      double s = 0;
      for (const auto& [f, w] : x[m]) s += w * centre[f];
      s = norm > 0 ? s / norm : 0;
      sum += s;
      by_typical.push_back({s, m});
    }
    std::sort(by_typical.begin(), by_typical.end(), [&](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && items[a.second].id < items[b.second].id);
    });
    TextCluster c;
    c.cohesion = sum / members.size();
    std::set<Id> areas;
    for (const auto& [s, m] : by_typical) {
      c.members.push_back(items[m].id);
      if (items[m].area) areas.insert(*items[m].area);
    }
    c.areas.assign(areas.begin(), areas.end());
    for (std::size_t k = 0; k < c.members.size() && k < opt.examples; ++k) c.examples.push_back(c.members[k]);
    c.keywords = keywords_of(members, by_typical, items, grams, global_df, n, opt.keywords);
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.members.size() > b.members.size() ||
           (a.members.size() == b.members.size() && a.members.front() < b.members.front());
  });
  return out;
}

}  // namespace huiyin::text
