// The 四下基层 figures as the one-page register offices file (libxlsxwriter, in memory): a title,
// the period and scope, the summary text, then 一、总体情况, 二、各类工作记录 (by kind), 三、按方式统计
// and 四、问题来源渠道 — the same numbers as GET /api/v1/stats/grassroots.
#include <xlsxwriter.h>

#include <cstdio>

#include "domain/calendar.hpp"
#include "domain/codes.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "io/xlsx_writer.hpp"

namespace huiyin {
namespace {

constexpr lxw_col_t kLastCol = 8;  // 序号 .. 已完成

struct Writer {
  lxw_worksheet* ws;
  lxw_format *title, *line, *summary, *section, *head, *cell, *num;
  lxw_row_t row = 0;

  void section_row(const std::string& text) {
    ++row;  // a blank row before each part
    worksheet_merge_range(ws, row, 0, row, kLastCol, text.c_str(), section);
    ++row;
  }
  void header(std::initializer_list<const char*> titles) {
    lxw_col_t c = 0;
    for (const char* t : titles) worksheet_write_string(ws, row, c++, t, head);
    ++row;
  }
  void text(lxw_col_t c, const std::string& s) { worksheet_write_string(ws, row, c, s.c_str(), cell); }
  void number(lxw_col_t c, std::int64_t v) {
    worksheet_write_number(ws, row, c, static_cast<double>(v), num);
  }
};

std::string rate_text(const std::optional<double>& r) {
  if (!r) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", *r * 100.0);
  return buf;
}

}  // namespace

Result<std::string> grassroots_xlsx_bytes(const GrassrootsFigures& g) {
  return io::xlsx_bytes("四下基层统计表", [&](lxw_workbook* wb) -> Status {
    Writer w{workbook_add_worksheet(wb, "四下基层统计")};
    w.title = workbook_add_format(wb);
    format_set_bold(w.title);
    format_set_font_size(w.title, 16);
    format_set_align(w.title, LXW_ALIGN_CENTER);
    w.line = workbook_add_format(wb);
    w.summary = workbook_add_format(wb);
    format_set_text_wrap(w.summary);
    format_set_align(w.summary, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(w.summary, LXW_BORDER_THIN);
    w.section = workbook_add_format(wb);
    format_set_bold(w.section);
    w.head = workbook_add_format(wb);
    format_set_bold(w.head);
    format_set_bg_color(w.head, 0xD9E1F2);
    format_set_border(w.head, LXW_BORDER_THIN);
    format_set_align(w.head, LXW_ALIGN_CENTER);
    w.cell = workbook_add_format(wb);
    format_set_border(w.cell, LXW_BORDER_THIN);
    w.num = workbook_add_format(wb);
    format_set_border(w.num, LXW_BORDER_THIN);
    format_set_align(w.num, LXW_ALIGN_RIGHT);
    const double widths[] = {6, 16, 18, 10, 10, 10, 10, 10, 10};
    for (lxw_col_t c = 0; c <= kLastCol; ++c) worksheet_set_column(w.ws, c, c, widths[c], nullptr);

    const std::string title = "四下基层工作情况统计表(" + g.scope + ")";
    worksheet_merge_range(w.ws, 0, 0, 0, kLastCol, title.c_str(), w.title);
    worksheet_set_row(w.ws, 0, 28, nullptr);
    const std::string line = "统计期间:" + format_date(g.from) + " 至 " + format_date(g.to) +
                             "    统计范围:" + g.scope + "(含下级)";
    worksheet_merge_range(w.ws, 1, 0, 1, kLastCol, line.c_str(), w.line);
    worksheet_merge_range(w.ws, 2, 0, 2, kLastCol, ("情况综述:" + g.summary_text).c_str(), w.summary);
    worksheet_set_row(w.ws, 2, 66, nullptr);
    w.row = 3;

    std::int64_t records = 0;
    for (const auto& [k, n] : g.records) records += n;
    w.section_row("一、总体情况");
    w.header({"序号", "指标", "数值"});
    const std::pair<const char*, std::int64_t> overall[] = {
        {"工作记录(次)", records},
        {"接待群众(批)", g.batches},
        {"接待群众(人次)", g.persons},
        {"收集意见建议(条)", g.matters_raised},
        {"提出办法举措(条)", g.measures_proposed},
        {"办法举措已完成(条)", g.measures_done},
        {"已解决(件)", g.solved},
    };
    int i = 0;
    for (const auto& [label, v] : overall) {
      worksheet_write_number(w.ws, w.row, 0, ++i, w.num);
      w.text(1, label);
      w.number(2, v);
      ++w.row;
    }
    worksheet_write_number(w.ws, w.row, 0, ++i, w.num);
    w.text(1, "解决率");
    w.text(2, rate_text(g.resolution_rate));
    ++w.row;

    w.section_row("二、各类工作记录");
    w.header({"序号", "类型", "记录数(次)", "发现问题", "已答复", "已解决", "已销号", "交办事项", "已完成"});
    GrassrootsKind sum;
    i = 0;
    for (const auto& spec : record_kinds()) {
      auto it = g.kinds.find(std::string(spec.code));
      if (it == g.kinds.end()) continue;
      const GrassrootsKind& k = it->second;
      worksheet_write_number(w.ws, w.row, 0, ++i, w.num);
      w.text(1, std::string(spec.label));
      const std::int64_t v[] = {k.records, k.matters, k.answered, k.solved, k.closed, k.decisions,
                                k.decisions_done};
      for (lxw_col_t c = 0; c < 7; ++c) w.number(c + 2, v[c]);
      sum.records += k.records;
      sum.matters += k.matters;
      sum.answered += k.answered;
      sum.solved += k.solved;
      sum.closed += k.closed;
      sum.decisions += k.decisions;
      sum.decisions_done += k.decisions_done;
      ++w.row;
    }
    w.text(0, "");
    w.text(1, "合计");
    const std::int64_t t[] = {sum.records, sum.matters, sum.answered, sum.solved, sum.closed,
                              sum.decisions, sum.decisions_done};
    for (lxw_col_t c = 0; c < 7; ++c) w.number(c + 2, t[c]);
    ++w.row;

    w.section_row("三、按方式统计");
    w.header({"序号", "类型", "方式", "次数"});
    i = 0;
    for (const auto& spec : record_kinds())
      for (const auto& m : spec.methods) {
        auto it = g.methods.find(std::string(m.code));
        if (it == g.methods.end()) continue;
        worksheet_write_number(w.ws, w.row, 0, ++i, w.num);
        w.text(1, std::string(spec.label));
        w.text(2, std::string(m.label));
        w.number(3, it->second);
        ++w.row;
      }

    w.section_row("四、问题来源渠道");
    w.header({"序号", "渠道", "问题数"});
    i = 0;
    for (Channel c : all<Channel>()) {
      auto it = g.channels.find(std::string(code(c)));
      if (it == g.channels.end()) continue;
      worksheet_write_number(w.ws, w.row, 0, ++i, w.num);
      w.text(1, std::string(label(c)));
      w.number(2, it->second);
      ++w.row;
    }
    worksheet_write_string(w.ws, w.row, 1, "合计", w.cell);
    w.number(2, g.matters_raised);
    ++w.row;

    worksheet_set_paper(w.ws, 9);  // A4
    worksheet_fit_to_pages(w.ws, 1, 1);
    return ok();
  });
}

}  // namespace huiyin
