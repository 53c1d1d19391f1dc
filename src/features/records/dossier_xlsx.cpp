// 干部纪实 as an XLSX workbook (libxlsxwriter, as the ledger): one sheet each for the records
// the official led or joined, the matters they raised with their outcomes, and the decisions.
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/calendar.hpp"

#include "io/xlsx_writer.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "kernel/support.hpp"

namespace huiyin {
namespace {

struct Sheet {
  lxw_worksheet* ws;
  lxw_format* cell;
  lxw_row_t row = 1;
  void put(lxw_col_t c, const std::string& s) { worksheet_write_string(ws, row, c, s.c_str(), cell); }
};

Sheet sheet(lxw_workbook* wb, const char* name, lxw_format* head, lxw_format* cell,
            std::initializer_list<std::pair<const char*, double>> cols) {
  Sheet s{workbook_add_worksheet(wb, name), cell};
  lxw_col_t c = 0;
  for (const auto& [title, width] : cols) {
    worksheet_set_column(s.ws, c, c, width, nullptr);
    worksheet_write_string(s.ws, 0, c++, title, head);
  }
  worksheet_freeze_panes(s.ws, 1, 0);
  return s;
}

std::string names(const std::vector<RecordPerson>& people) {
  std::string out;
  for (const auto& p : people) out += (out.empty() ? "" : "、") + p.name;
  return out;
}

}  // namespace

Result<std::string> dossier_xlsx_bytes(const Dossier& d) {
  return io::xlsx_bytes("干部纪实文件", [&](lxw_workbook* wb) -> Status {
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xD9E1F2);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);

  Sheet rec = sheet(wb, "工作记录", head, cell,
                    {{"序号", 6}, {"记录编号", 22}, {"日期", 12}, {"类型", 12}, {"方式", 14},
                     {"地点", 24}, {"主题", 36}, {"带队领导", 18}, {"参加人员", 24}});
  for (const auto& v : d.records) {
    const Record& r = v.record;
    const RecordKindSpec* spec = record_kind(r.kind);
    std::string method;
    if (spec)
      for (const auto& m : spec->methods)
        if (m.code == r.method) method = m.label;
    worksheet_write_number(rec.ws, rec.row, 0, static_cast<double>(rec.row), cell);
    rec.put(1, r.code);
    rec.put(2, r.day);
    rec.put(3, spec ? std::string(spec->label) : r.kind);
    rec.put(4, method);
    rec.put(5, v.place.name + (r.address.empty() ? "" : " " + r.address));
    rec.put(6, r.topic);
    rec.put(7, names(r.leaders));
    rec.put(8, names(r.participants));
    ++rec.row;
  }
  Sheet mat = sheet(wb, "发现问题", head, cell,
                    {{"序号", 6}, {"问题编号", 22}, {"标题", 40}, {"来源记录", 22}, {"主办单位", 20},
                     {"状态", 10}, {"是否解决", 10}});
  for (const auto& m : d.matters) {
    worksheet_write_number(mat.ws, mat.row, 0, static_cast<double>(mat.row), cell);
    mat.put(1, m.code);
    mat.put(2, m.title);
    mat.put(3, m.record_code);
    mat.put(4, m.lead.name);
    mat.put(5, std::string(label(m.status)));
    mat.put(6, m.solved ? (*m.solved ? "已解决" : "未解决") : "");
    ++mat.row;
  }
  Sheet mea = sheet(wb, "交办事项", head, cell,
                    {{"序号", 6}, {"事项", 44}, {"来源记录", 22}, {"责任单位", 20}, {"完成时限", 12},
                     {"进展", 8}, {"状态", 10}});
  for (const auto& dm : d.measures) {
    const Measure& m = dm.measure.measure;
    worksheet_write_number(mea.ws, mea.row, 0, static_cast<double>(mea.row), cell);
    mea.put(1, m.content);
    mea.put(2, dm.record_code);
    mea.put(3, dm.measure.owner.name);
    mea.put(4, m.deadline ? format_date(local_date(*m.deadline)) : "");
    mea.put(5, std::to_string(m.progress) + "%");
    mea.put(6, std::string(label(m.status)));
    ++mea.row;
  }
    return ok();
  });
}

}  // namespace huiyin
