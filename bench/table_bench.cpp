// Table reader benchmark: a 12345-style work-order sheet of N rows x 8 Chinese cells (default
// 10,000), written once as XLSX with libxlsxwriter and once as quoted CSV with CRLF, then read
// back through io::read_table (format and encoding detected). Prints size, rows and the best
// of five reads for each.
// Usage: table_bench [N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "io/io_test_support.hpp"
#include "io/table_file.hpp"

using namespace huiyin;

namespace {

std::string text_of(int r, int c) { return "株洲市荷塘区月塘街道路灯不亮" + std::to_string(r * 8 + c); }

double best_read_ms(const std::string& bytes, std::size_t& rows) {
  double best = 1e12;
  for (int i = 0; i < 5; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto t = io::read_table(bytes);
    const auto t1 = std::chrono::steady_clock::now();
    rows = t.ok() ? t->size() : 0;
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 10000;
  const std::string xlsx = io::testing::make_xlsx([&](lxw_workbook*, lxw_worksheet* ws) {
    for (int r = 0; r <= n; ++r)
      for (int c = 0; c < 8; ++c) worksheet_write_string(ws, r, c, text_of(r, c).c_str(), nullptr);
  });
  std::string csv;
  for (int r = 0; r <= n; ++r) {
    for (int c = 0; c < 8; ++c) csv += (c ? ",\"" : "\"") + text_of(r, c) + "\"";
    csv += "\r\n";
  }
  for (const auto& [name, bytes] : {std::pair{"xlsx", &xlsx}, {"csv", &csv}}) {
    std::size_t rows = 0;
    const double ms = best_read_ms(*bytes, rows);
    std::printf("%-4s %9zu bytes  %zu rows  %.1f ms\n", name, bytes->size(), rows, ms);
  }
}
