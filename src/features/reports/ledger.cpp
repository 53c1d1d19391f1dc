#include "features/reports/ledger.hpp"

#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/calendar.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/matters.hpp"
#include "kernel/privacy_mask.hpp"
#include "kernel/support.hpp"
#include "store/measure_store.hpp"

namespace huiyin {
namespace {

struct Column {
  const char* title;
  double width;
};

constexpr Column kColumns[] = {
    {"序号", 6},      {"问题编号", 20}, {"问题来源", 12}, {"问题类别", 14}, {"问题描述", 50},
    {"所在区域", 16}, {"责任单位", 28}, {"责任人", 12},   {"整改措施", 40}, {"完成时限", 12},
    {"整改进展", 30}, {"办理状态", 10}, {"是否销号", 8},  {"受理时间", 17}, {"办结时间", 17},
};

// One ledger row: the matter and its measures, reporter data never included.
struct Row {
  MatterSummary s;
  std::vector<OrgRef> co_orgs;
  std::vector<Measure> measures;
};

std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += "\n";
    out += s;
  }
  return out;
}

std::vector<std::string> cells_of(const Row& r, int index) {
  const Matter& m = r.s.matter;
  std::string units;
  if (r.s.lead_org) units = "主办:" + r.s.lead_org->name;
  if (!r.co_orgs.empty()) {
    std::string co;
    for (const auto& o : r.co_orgs) co += (co.empty() ? "" : "、") + o.name;
    units += (units.empty() ? "" : "\n") + std::string("协办:") + co;
  }
  std::vector<std::string> owners, measures, progress;
  int i = 0;
  for (const auto& ms : r.measures) {
    ++i;
    if (!ms.owner_name.empty() &&
        std::find(owners.begin(), owners.end(), ms.owner_name) == owners.end())
      owners.push_back(ms.owner_name);
    measures.push_back(std::to_string(i) + ". " + mask_personal_data(ms.content));
    progress.push_back(std::to_string(i) + ". " + std::string(label(ms.status)) + " " +
                       std::to_string(ms.progress) + "%");
  }
  std::string progress_text = join_lines(progress);
  if (!m.reply.empty())
    progress_text += (progress_text.empty() ? "" : "\n") + std::string("答复:") + mask_personal_data(m.reply);
  auto when = [](const std::optional<Instant>& t) { return t ? format_local_time(*t) : std::string(); };
  return {
      std::to_string(index),
      m.code,
      std::string(label(m.channel)),
      r.s.category_name,
      mask_personal_data(m.title) + "\n" + mask_personal_data(m.content),
      r.s.area ? r.s.area->name : "",
      units,
      join_lines(owners),
      join_lines(measures),
      m.deadline ? format_date(local_date(*m.deadline)) : "",
      progress_text,
      std::string(label(m.status)),
      m.status == MatterStatus::closed ? "是" : "否",
      when(m.accepted_at),
      when(m.resolved_at),
  };
}

Status write_workbook(const std::vector<Row>& rows, const std::string& path,
                      const std::string& footer) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return internal_error("无法创建台账文件");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "问题台账");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xD9E1F2);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_align(head, LXW_ALIGN_CENTER);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(head);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);

  lxw_col_t c = 0;
  for (const auto& col : kColumns) {
    worksheet_set_column(ws, c, c, col.width, nullptr);
    worksheet_write_string(ws, 0, c, col.title, head);
    ++c;
  }
  worksheet_set_row(ws, 0, 22, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t r = 1;
  for (const auto& row : rows) {
    auto cells = cells_of(row, static_cast<int>(r));
    for (lxw_col_t k = 0; k < cells.size(); ++k) {
      if (k == 0)
        worksheet_write_number(ws, r, k, static_cast<double>(r), cell);
      else
        worksheet_write_string(ws, r, k, cells[k].c_str(), cell);
    }
    ++r;
  }
  if (!rows.empty()) worksheet_autofilter(ws, 0, 0, r - 1, c - 1);
  worksheet_write_string(ws, r + 1, 0, footer.c_str(), nullptr);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return internal_error(std::string("写入台账失败:") + lxw_strerror(err));
  return ok();
}

}  // namespace

Status LedgerService::write_file(const Actor& actor, const MatterQuery& q, const std::string& path) {
  MatterService matters(ctx_);
  auto list = matters.list_all(actor, q);
  if (!list) return list.error();
  std::vector<Row> rows;
  rows.reserve(list->size());
  ChainHead head;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    head = tx.chain_head();
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    const MatterReader reader(tx, &actor, orgs);
    for (auto& s : *list) {
      Row row;
      for (const auto& mo : s.matter.orgs)
        if (mo.role == MatterOrgRole::co)
          if (const Org* o = orgs.find(mo.org_id)) row.co_orgs.push_back({o->code, o->name});
      for (auto& ms : db::measures_of(tx, s.matter.id))
        row.measures.push_back(reader.measure(s.matter, std::move(ms)));
      row.s = std::move(s);
      rows.push_back(std::move(row));
    }
    return ok();
  });
  if (!st) return st;
  return write_workbook(rows, path, chain_head_line(head));
}

Result<std::string> LedgerService::write_memory(const Actor& actor, const MatterQuery& q) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path tmp = fs::temp_directory_path(ec) / ("huiyin-ledger-" + random_token(12) + ".xlsx");
  if (ec) return internal_error("无法创建临时文件");
  Status st = write_file(actor, q, tmp.string());
  if (!st) {
    fs::remove(tmp, ec);
    return st.error();
  }
  std::ifstream in(tmp, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  fs::remove(tmp, ec);
  if (!in && !in.eof()) return internal_error("读取台账失败");
  return buf.str();
}

}  // namespace huiyin
