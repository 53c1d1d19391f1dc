// Masking speed on real complaint texts: every title, content and reply of both unlabelled
// tipdm2020 files, masked R times (default 5) with text::mask_personal_data. The corpus is
// timed as it is (its numbers are mostly anonymised to 0000) and again with a contact number
// appended to every text, written in one of 10 ways. Prints the corpus size, the number of
// findings and the throughput; with a file name, writes every changed text of the corpus as it
// is (masked form) there, one a line, to review what was masked. Usage: mask_bench [R] [DUMP]
#include <time.h>

#include <cstdio>
#include <fstream>

#include "bench_data.hpp"
#include "text/privacy_mask.hpp"

using namespace huiyin;

namespace {

void measure(const char* label, const std::vector<std::string>& texts, int reps) {
  std::size_t bytes = 0, findings = 0, changed = 0;
  for (const auto& t : texts) {
    bytes += t.size();
    findings += text::find_personal_data(t).size();
    changed += text::mask_personal_data(t) != t;
  }
  std::size_t sink = 0;
  timespec c0{}, c1{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r)
    for (const auto& t : texts) sink += text::mask_personal_data(t).size();
  const double wall = bench::seconds_since(t0);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  const double cpu = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
  const double mb = static_cast<double>(bytes) * reps / 1e6;
  std::printf("%s: texts %zu, %.1f MB, findings %zu, texts changed %zu (sink %zu)\n", label,
              texts.size(), bytes / 1e6, findings, changed, sink);
  std::printf("  wall %.3f s, cpu %.3f s: %.1f MB/s (cpu), %.2f us per text (cpu)\n", wall, cpu,
              mb / cpu, cpu * 1e6 / (static_cast<double>(texts.size()) * reps));
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::atoi(argv[1]) : 5;
  std::vector<std::string> texts;
  for (const char* f : {"messages_with_votes.tsv", "messages_with_replies.tsv"})
    for (auto& d : bench::load(f, false)) {
      texts.push_back(std::move(d.title));
      texts.push_back(std::move(d.content));
      if (!d.reply.empty()) texts.push_back(std::move(d.reply));
    }
  if (argc > 2) {
    std::ofstream dump(argv[2]);
    for (const auto& t : texts)
      if (auto m = text::mask_personal_data(t); m != t) dump << m << "\n";
  }
  measure("as is", texts, reps);
  static const char* const kForms[] = {
      "，联系电话13812345678",  "，电话138-1234-5678",  "，手机１３８１２３４５６７８",
      "，电话138.1234.5678",    "，tel13812345678",     "，电话一三八一二三四五六七八",
      "，座机0731-28886666",    "，座机(0731)28886666", "，身份证430102199003071234",
      "，电话+86 138 1234 5678"};
  std::size_t k = 0;
  for (auto& t : texts) t += kForms[k++ % std::size(kForms)];
  measure("with a number", texts, reps);
  return 0;
}
