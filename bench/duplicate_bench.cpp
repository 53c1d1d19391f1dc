// Near-duplicate benchmark.
// 1. A labelled pair set built from messages_with_votes.tsv (fixed seed): near-duplicates made
//    by re-ordering sentences, Traditional conversion, typos, truncation and their mixes; true
//    non-duplicates on the same topic (another person's message whose title shares the most
//    character bigrams). Precision/recall of DuplicateIndex at the shipped threshold, plus a
//    threshold sweep.
// 2. Lookup latency p50/p99 and memory with N synthetic matters (default 1,000,000) made by
//    recombining sentences of the real messages.
// Usage: duplicate_bench [N]
#include <opencc/SimpleConverter.hpp>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <fstream>
#include <set>
#include <sstream>

#include "bench_data.hpp"
#include "domain/table.hpp"
#include "text/duplicate_index.hpp"
#include "text/utf8.hpp"

using namespace huiyin;
using namespace huiyin::text;

namespace {

std::vector<std::u32string> sentences(const std::string& s) {
  std::vector<std::u32string> out;
  std::u32string cur;
  for (char32_t c : decode_utf8(s)) {
    cur.push_back(c);
    if (c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'，') {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string join(const std::vector<std::u32string>& parts) {
  std::u32string all;
  for (const auto& p : parts) all += p;
  return encode_utf8(all);
}

struct Pair {
  std::size_t a;       // index of the original in the corpus
  std::string title, content;  // the other side (for positives: an edited copy)
  long partner = -1;   // for negatives: index of the other message
  bool duplicate;
  const char* kind;
};

std::string reorder(const std::string& s, std::mt19937_64& rng) {
  auto parts = sentences(s);
  std::shuffle(parts.begin(), parts.end(), rng);
  return join(parts);
}

std::string typos(const std::string& s, double rate, std::mt19937_64& rng) {
  std::u32string t = decode_utf8(s);
  std::uniform_real_distribution<double> u(0, 1);
  static const std::u32string pool = U"的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经";
  for (char32_t& c : t)
    if (is_cjk(c) && u(rng) < rate) c = pool[rng() % pool.size()];
  return encode_utf8(t);
}

std::string truncate(const std::string& s, double keep) {
  std::u32string t = decode_utf8(s);
  t.resize(static_cast<std::size_t>(t.size() * keep));
  return encode_utf8(t);
}

std::set<std::u32string> bigrams(const std::string& s) {
  std::set<std::u32string> b;
  const std::u32string t = decode_utf8(normalize_for_index(s));
  for (std::size_t i = 0; i + 1 < t.size(); ++i)
    if (t[i] != U' ' && t[i + 1] != U' ') b.insert(t.substr(i, 2));
  return b;
}

// Hashes of every 20-character window of the normalised text: two messages sharing one are
// copies of one letter (a real duplicate in the data), never a "non-duplicate" pair.
std::set<std::u32string> windows(const std::string& s) {
  std::set<std::u32string> w;
  std::u32string t = decode_utf8(normalize_for_index(s));
  t.erase(std::remove(t.begin(), t.end(), U' '), t.end());
  for (std::size_t i = 0; i + 20 <= t.size(); i += 1) w.insert(t.substr(i, 20));
  return w;
}

bool share_window(const std::set<std::u32string>& a, const std::set<std::u32string>& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t big = argc > 1 ? std::stoul(argv[1]) : 1000000;
  const auto docs = bench::load("messages_with_votes.tsv", false);
  if (docs.empty()) return 1;
  // Users per message, for "another person's message" (read the user column separately; the
  // rows are the same ones the documents were read from).
  std::vector<std::string> users;
  {
    std::ifstream f(bench::data_dir() + "/messages_with_votes.tsv");
    std::stringstream bytes;
    bytes << f.rdbuf();
    for (const TableRow& row : read_tsv(bytes.str(), {.header = true})) users.push_back(row.cell("user"));
  }
  opencc::SimpleConverter s2t("s2t.json");
  std::mt19937_64 rng(2026);

  // Originals: messages with enough text to paraphrase.
  std::vector<std::size_t> pool;
  for (std::size_t i = 0; i < docs.size(); ++i)
    if (decode_utf8(docs[i].content).size() >= 60) pool.push_back(i);
  std::shuffle(pool.begin(), pool.end(), rng);
  pool.resize(std::min<std::size_t>(pool.size(), 800));

  std::vector<std::set<std::u32string>> title_bigrams, copies;
  for (const auto& d : docs) title_bigrams.push_back(bigrams(d.title)), copies.push_back(windows(d.content));
  std::size_t excluded_copies = 0;

  std::vector<Pair> pairs;
  for (std::size_t n = 0; n < pool.size(); ++n) {
    const std::size_t i = pool[n];
    const auto& d = docs[i];
    switch (n % 8) {
      case 0: pairs.push_back({i, d.title, reorder(d.content, rng), -1, true, "reordered"}); break;
      case 1: pairs.push_back({i, s2t.Convert(d.title), s2t.Convert(d.content), -1, true, "traditional"}); break;
      case 2: pairs.push_back({i, typos(d.title, 0.05, rng), typos(d.content, 0.05, rng), -1, true, "typos 5%"}); break;
      case 3: pairs.push_back({i, d.title, truncate(d.content, 0.6), -1, true, "truncated to 60%"}); break;
      case 4: pairs.push_back({i, s2t.Convert(typos(d.title, 0.03, rng)), s2t.Convert(reorder(typos(d.content, 0.03, rng), rng)), -1, true, "traditional+reordered+typos 3%"}); break;
      case 5: pairs.push_back({i, "", truncate(reorder(d.content, rng), 0.75), -1, true, "no title, reordered, 75%"}); break;
      case 6: pairs.push_back({i, typos(d.title, 0.1, rng), typos(d.content, 0.1, rng), -1, true, "typos 10%"}); break;
      case 7: pairs.push_back({i, d.title, truncate(d.content, 0.4), -1, true, "truncated to 40%"}); break;
    }
    // A non-duplicate on the same topic: another person's message sharing the most title bigrams.
    long best = -1;
    double best_overlap = 0;
    for (std::size_t j = 0; j < docs.size(); ++j) {
      if (j == i || users[j] == users[i] || docs[j].title == d.title) continue;
      std::size_t inter = 0;
      for (const auto& b : title_bigrams[i]) inter += title_bigrams[j].count(b);
      const double o = static_cast<double>(inter) / (title_bigrams[i].size() + title_bigrams[j].size() - inter + 1e-9);
      if (o <= best_overlap) continue;
      if (share_window(copies[i], copies[j])) {
        ++excluded_copies;
        continue;
      }
      best_overlap = o, best = static_cast<long>(j);
    }
    if (best >= 0) pairs.push_back({i, docs[best].title, docs[best].content, best, false, "same topic, other person"});
  }

  DuplicateIndex index;
  for (std::size_t i = 0; i < docs.size(); ++i) index.add(static_cast<Id>(i + 1), docs[i].title, docs[i].content, {}, 0);

  std::printf("candidate non-duplicates skipped as copies of the same letter: %zu\n", excluded_copies);
  std::printf("pairs: %zu (%zu duplicates), index of %zu messages\n\n", pairs.size(),
              static_cast<std::size_t>(std::count_if(pairs.begin(), pairs.end(), [](auto& p) { return p.duplicate; })),
              index.size());
  std::printf("| threshold | precision | recall | F1 |\n| --- | --- | --- | --- |\n");
  std::vector<double> scores(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    // Query the edited/other text; the original's score is what decides.
    const Id want = static_cast<Id>(pairs[p].a + 1);
    const Id self = pairs[p].partner >= 0 ? static_cast<Id>(pairs[p].partner + 1) : 0;
    const auto found = index.query({pairs[p].title, pairs[p].content, {}, 0}, 50, 0.0, self);
    scores[p] = 0;
    for (const auto& m : found)
      if (m.id == want) scores[p] = m.score;
  }
  for (double t : {0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7}) {
    int tp = 0, fp = 0, fn = 0;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      const bool said = scores[p] >= t;
      tp += said && pairs[p].duplicate;
      fp += said && !pairs[p].duplicate;
      fn += !said && pairs[p].duplicate;
    }
    const double prec = tp + fp ? static_cast<double>(tp) / (tp + fp) : 1;
    const double rec = tp + fn ? static_cast<double>(tp) / (tp + fn) : 1;
    std::printf("| %.2f%s | %.3f | %.3f | %.3f |\n", t, t == index.options().threshold ? " (shipped)" : "", prec, rec,
                2 * prec * rec / (prec + rec));
  }
  std::printf("\nRecall by edit at the shipped threshold:\n");
  for (const char* kind : {"reordered", "traditional", "typos 5%", "truncated to 60%", "traditional+reordered+typos 3%",
                           "no title, reordered, 75%", "typos 10%", "truncated to 40%", "same topic, other person"}) {
    int n = 0, hit = 0;
    for (std::size_t p = 0; p < pairs.size(); ++p)
      if (std::string(pairs[p].kind) == kind) ++n, hit += scores[p] >= index.options().threshold;
    std::printf("- %s: %d/%d judged duplicate\n", kind, hit, n);
  }
  if (std::getenv("SHOW_FP"))
    for (std::size_t p = 0; p < pairs.size(); ++p)
      if (!pairs[p].duplicate && scores[p] >= index.options().threshold)
        std::printf("FP %.2f\n  %s | %.150s\n  %s | %.150s\n", scores[p], docs[pairs[p].a].title.c_str(),
                    docs[pairs[p].a].content.c_str(), pairs[p].title.c_str(), pairs[p].content.c_str());
  std::fflush(stdout);

  // Latency at scale: synthetic matters recombining sentences of the real ones.
  if (big == 0) return 0;
  std::vector<std::u32string> clauses;
  for (const auto& d : docs)
    for (auto& c : sentences(d.content)) clauses.push_back(std::move(c));
  static const std::u32string kPlaces = U"东南西北中新华兴平安和顺康宁泰福民光明阳春秋山水湖桥园林";
  auto place = [&](std::mt19937_64& g) {
    std::u32string p;
    for (int i = 0; i < 3; ++i) p.push_back(kPlaces[g() % kPlaces.size()]);
    return p + (g() % 2 ? U"小区" : U"社区");
  };
  const auto t0 = std::chrono::steady_clock::now();
  DuplicateIndex large;
  std::mt19937_64 g(7);
  struct Probe {
    std::string title, content;
    Id area;
    Instant at;
  };
  std::vector<Probe> probes;
  for (std::size_t n = 0; n < big; ++n) {
    // A synthetic matter: a place name and 3-6 clauses drawn from all real messages.
    const std::u32string where = place(g);
    std::vector<std::u32string> parts{where};
    const int k = 3 + static_cast<int>(g() % 4);
    for (int s = 0; s < k; ++s) parts.push_back(clauses[g() % clauses.size()]);
    const std::string title = encode_utf8(where + clauses[g() % clauses.size()]);
    const std::string content = join(parts);
    const Id area = static_cast<Id>(1 + g() % 200);
    const Instant at = static_cast<Instant>(1700000000 + g() % (3 * 365 * 86400));
    large.add(static_cast<Id>(n + 1), title, content, area, at);
    if (n % (big / 1000 + 1) == 0) probes.push_back({title, reorder(content, g), area, at + 86400});
  }
  const double build = bench::seconds_since(t0);
  std::vector<double> lat, cpu;
  std::vector<std::size_t> cands;
  auto thread_ms = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  };
  std::size_t found = 0;
  auto timed = [&](const std::string& title, const std::string& content, Id area, Instant at) {
    const TextSketch sk = sketch_text(title, content);
    std::size_t c = 0;
    const double c0 = thread_ms();
    const auto q0 = std::chrono::steady_clock::now();
    const auto r = large.query_sketch(sk, area, at, 5, large.options().threshold, {}, &c);
    lat.push_back(bench::seconds_since(q0) * 1000);
    cpu.push_back(thread_ms() - c0);
    cands.push_back(c);
    return r;
  };
  for (const auto& p : probes) found += !timed(p.title, p.content, p.area, p.at).empty();
  // Probes unrelated to any stored matter: the real messages themselves.
  for (int n = 0; n < 1000; ++n) {
    const auto& d = docs[g() % docs.size()];
    timed(d.title, d.content, 1, 1750000000);
  }
  std::sort(lat.begin(), lat.end());
  std::sort(cands.begin(), cands.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("\n%zu synthetic matters: built in %.1f s, index memory %.0f MB\n", large.size(), build,
              large.memory_bytes() / 1048576.0);
  std::printf("lookups (sketch excluded): %zu, p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", lat.size(),
              lat[lat.size() / 2], lat[lat.size() * 99 / 100], lat.back());
  std::printf("lookups, thread CPU time: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", cpu[cpu.size() / 2],
              cpu[cpu.size() * 99 / 100], cpu.back());
  std::printf("candidates verified per lookup: p50 %zu, p99 %zu, max %zu\n", cands[cands.size() / 2],
              cands[cands.size() * 99 / 100], cands.back());
  std::printf("re-ordered copies of stored matters found: %zu/%zu\n", found, probes.size());
  // Sketching cost (normalisation + shingles + MinHash) per text.
  const auto s0 = std::chrono::steady_clock::now();
  for (int n = 0; n < 2000; ++n) sketch_text(docs[n % docs.size()].title, docs[n % docs.size()].content);
  std::printf("sketching a real message: %.3f ms on average\n", bench::seconds_since(s0) * 1000 / 2000);
  return 0;
}
