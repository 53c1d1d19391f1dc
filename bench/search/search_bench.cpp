// Keyword search benchmark: fills a store with synthetic matters (texts recombined from the
// tipdm2020 messages, varied) through the same Tx calls intake uses, then times the ledger's
// keyword list — first page of 20, newest first — for 2, 3 and 4 character queries, plus a
// keyword with a status filter, the second page, and the relevance-ranked first page.
// Usage: search_bench --url URL [--rows N] [--reps R] [--fill-seconds S]
//   URL: sqlite:PATH or postgresql://...; the store is migrated and filled up to N matters
//   (default 1,000,000), stopping early after S seconds of filling (default: no limit); filling
//   resumes where an earlier run stopped. Data from $HUIYIN_DATA_DIR or ../shared/data/tipdm2020.
// Run by hand, never by the test suite; figures go to docs/benchmarks.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../bench_data.hpp"
#include "store/store.hpp"
#include "text/search_key.hpp"
#include "text/utf8.hpp"
#include "features/matters/matter_store.hpp"

using namespace huiyin;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string url;
  std::int64_t rows = 1000000;
  int reps = 30;
  double fill_seconds = 0;
};

// Sentences (split at 。！？) of every message, to recombine.
std::vector<std::u32string> sentences(const std::vector<text::Document>& docs) {
  std::vector<std::u32string> out;
  for (const auto& d : docs) {
    std::u32string cur;
    for (char32_t c : text::decode_utf8(d.content)) {
      cur.push_back(c);
      if (c == U'。' || c == U'！' || c == U'？') {
        if (cur.size() >= 6) out.push_back(cur);
        cur.clear();
      }
    }
    if (cur.size() >= 6) out.push_back(cur);
  }
  return out;
}

// A synthetic matter: a real title with a varied place, and 2–4 sentences from other messages
// (each capped at 120 characters) plus an address, so texts are realistic but not repeated.
class Synth {
 public:
  Synth(std::vector<text::Document> docs) : docs_(std::move(docs)), sents_(sentences(docs_)) {}

  Matter next(std::int64_t n) {
    Matter m;
    m.code = "BENCH-" + std::to_string(n);
    const auto& d = docs_[rng_() % docs_.size()];
    m.title = vary(d.title);
    const int k = 2 + static_cast<int>(rng_() % 3);
    for (int i = 0; i < k; ++i) {
      std::u32string s = sents_[rng_() % sents_.size()];
      if (s.size() > 120) s.resize(120);
      m.content += vary(text::encode_utf8(s));
    }
    m.content += "地址：" + std::string(kRoads[rng_() % std::size(kRoads)]) + "路" +
                 std::to_string(1 + rng_() % 300) + "号" + std::to_string(1 + rng_() % 30) + "栋。";
    static constexpr MatterStatus kStatuses[] = {
        MatterStatus::submitted, MatterStatus::assigned, MatterStatus::signed_,
        MatterStatus::resolved, MatterStatus::closed, MatterStatus::closed};
    m.status = kStatuses[rng_() % std::size(kStatuses)];
    m.channel = static_cast<Channel>(rng_() % 4);
    m.created_at = 1700000000 + n * 30;
    m.updated_at = m.created_at;
    return m;
  }

 private:
  // "A市A3区..." -> another city letter and district number.
  std::string vary(const std::string& s) {
    std::string out = s;
    for (std::size_t p = out.find("A市"); p != std::string::npos; p = out.find("A市", p + 1))
      out[p] = static_cast<char>('A' + rng_() % 6);
    for (std::size_t p = out.find("A"); p != std::string::npos; p = out.find("A", p + 1))
      if (p + 1 < out.size() && out[p + 1] >= '1' && out[p + 1] <= '9')
        out[p + 1] = static_cast<char>('1' + rng_() % 9);
    return out;
  }

  static constexpr const char* kRoads[] = {"人民", "建设", "解放", "长江", "黄河", "新华",
                                           "中山", "湘江", "芙蓉", "韶山", "车站", "学院"};
  std::vector<text::Document> docs_;
  std::vector<std::u32string> sents_;
  std::mt19937_64 rng_{20261125};
};

std::int64_t count_matters(Store& s) {
  std::int64_t n = 0;
  MatterFilter f;
  f.scope.all = true;
  f.limit = 1;
  (void)s.read([&](Tx& tx) {
    auto p = db::list_matters(tx, f);
    // Codes are BENCH-<n> in id order from 0: the newest tells how many exist.
    if (!p.items.empty() && p.items[0].code.rfind("BENCH-", 0) == 0)
      n = std::stoll(p.items[0].code.substr(6)) + 1;
    return ok();
  });
  return n;
}

std::int64_t fill(Store& s, const Options& o) {
  std::int64_t have = count_matters(s);
  if (have >= o.rows) return have;
  Synth synth(bench::unlabelled_pool(bench::load("labelled_sample.tsv", true)));
  // Skip the generator ahead deterministically so a resumed fill continues the same sequence.
  for (std::int64_t i = 0; i < have; ++i) (void)synth.next(i);
  const auto t0 = SteadyClock::now();
  auto last = t0;
  const std::int64_t start = have;
  while (have < o.rows) {
    const std::int64_t batch = std::min<std::int64_t>(2000, o.rows - have);
    std::vector<Matter> ms;
    std::vector<std::string> keys;
    for (std::int64_t i = 0; i < batch; ++i) {
      ms.push_back(synth.next(have + i));
      keys.push_back(text::search_key(ms.back().title + "\n" + ms.back().content));
    }
    Status st = s.write([&](Tx& tx) -> Status {
      for (std::size_t i = 0; i < ms.size(); ++i) {
        auto id = db::insert_matter(tx, ms[i]);
        if (!id) return id.error();
        if (Status x = db::set_search_text(tx, *id, keys[i]); !x) return x;
      }
      return ok();
    });
    if (!st) {
      std::fprintf(stderr, "fill failed: %s\n", st.error().detail.c_str());
      return have;
    }
    have += batch;
    const double secs = bench::seconds_since(t0);
    if (bench::seconds_since(last) > 10) {
      std::fprintf(stderr, "  %lld matters, %.0f/s\n", static_cast<long long>(have),
                   (have - start) / secs);
      last = SteadyClock::now();
    }
    if (o.fill_seconds > 0 && secs > o.fill_seconds) break;
  }
  const double secs = bench::seconds_since(t0);
  std::printf("filled %lld matters in %.0f s (%.0f/s); total %lld\n",
              static_cast<long long>(have - start), secs, (have - start) / std::max(secs, 1e-9),
              static_cast<long long>(have));
  return have;
}

struct Stat {
  std::vector<double> ms;
  double pct(double p) {
    std::sort(ms.begin(), ms.end());
    if (ms.empty()) return 0;
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * (ms.size() - 1) + 0.5))];
  }
};

// Times list_matters for f; returns the page.
MatterPage timed(Store& s, const MatterFilter& f, Stat& st) {
  MatterPage page;
  const auto t0 = SteadyClock::now();
  Status r = s.read([&](Tx& tx) {
    page = db::list_matters(tx, f);
    return ok();
  });
  st.ms.push_back(bench::seconds_since(t0) * 1000);
  if (!r) std::fprintf(stderr, "query failed: %s\n", r.error().detail.c_str());
  return page;
}

void report(const char* name, Stat st, std::size_t queries) {
  std::printf("| %s | %zu | %zu | %.2f | %.2f | %.2f |\n", name, queries, st.ms.size(), st.pct(0.5),
              st.pct(0.99), st.pct(1.0));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name) { return std::strcmp(argv[i], name) == 0 && i + 1 < argc; };
    if (arg("--url")) o.url = argv[++i];
    else if (arg("--rows")) o.rows = std::stoll(argv[++i]);
    else if (arg("--reps")) o.reps = std::stoi(argv[++i]);
    else if (arg("--fill-seconds")) o.fill_seconds = std::stod(argv[++i]);
    else {
      std::fprintf(stderr, "usage: search_bench --url URL [--rows N] [--reps R] [--fill-seconds S]\n");
      return 2;
    }
  }
  if (o.url.empty()) {
    std::fprintf(stderr, "--url is required\n");
    return 2;
  }
  auto opened = open_store(o.url);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().detail.c_str());
    return 1;
  }
  Store& s = **opened;
  if (auto v = s.migrate(); !v) {
    std::fprintf(stderr, "%s\n", v.error().detail.c_str());
    return 1;
  }
  const std::int64_t rows = fill(s, o);

  // Common, middling and rare words of each length, and a few that occur nowhere.
  const std::vector<std::vector<std::string>> words = {
      {"垃圾", "路灯", "物业", "噪音", "停车", "小区", "学校", "拆迁", "漏水", "公交", "医保", "井盖",
       "燃气", "占道", "扰民"},
      {"垃圾桶", "停车场", "幼儿园", "公积金", "出租车", "红绿灯", "农民工", "营业执照", "自来水",
       "居委会", "广场舞", "人行道"},
      {"违章建筑", "噪音扰民", "物业公司", "交通拥堵", "环境污染", "拖欠工资", "道路维修", "房屋漏水",
       "学位不足", "油烟扰民", "量子计算", "火星基地"}};

  std::printf("\n%lld matters, backend %s, %d repetitions per query (after one warm-up)\n\n",
              static_cast<long long>(rows), s.backend().c_str(), o.reps);
  std::printf("| query | distinct queries | runs | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
  Stat all;
  for (std::size_t len = 0; len < words.size(); ++len) {
    Stat st;
    for (const auto& w : words[len]) {
      MatterFilter f;
      f.scope.all = true;
      f.limit = 20;
      f.q = w;
      Stat warm;
      auto first = timed(s, f, warm);
      std::fprintf(stderr, "  %s: first page %zu, warm-up %.1f ms\n", w.c_str(), first.items.size(),
                   warm.ms[0]);
      for (int r = 0; r < o.reps; ++r) timed(s, f, st);
    }
    for (double v : st.ms) all.ms.push_back(v);
    const std::string name = std::to_string(len + 2) + " characters, first page of 20";
    report(name.c_str(), st, words[len].size());
  }
  report("all 2–4 character queries", all, words[0].size() + words[1].size() + words[2].size());

  // The same words with a status filter, the second page, and relevance order.
  Stat status, second, ranked;
  for (const auto& group : words)
    for (const auto& w : group) {
      MatterFilter f;
      f.scope.all = true;
      f.limit = 20;
      f.q = w;
      f.statuses = {MatterStatus::assigned, MatterStatus::signed_};
      for (int r = 0; r < o.reps; ++r) timed(s, f, status);
      f.statuses.clear();
      Stat ignore;
      auto p1 = timed(s, f, ignore);
      if (p1.next_cursor) {
        f.before_id = p1.next_cursor;
        for (int r = 0; r < o.reps; ++r) timed(s, f, second);
        f.before_id.reset();
      }
      f.rank_by_relevance = true;
      for (int r = 0; r < std::max(1, o.reps / 5); ++r) timed(s, f, ranked);
    }
  const std::size_t nq = words[0].size() + words[1].size() + words[2].size();
  report("2–4 characters + status filter (2 statuses)", status, nq);
  report("2–4 characters, second page (cursor)", second, nq);
  report("2–4 characters, ranked by relevance (one page)", ranked, nq);
  return 0;
}
