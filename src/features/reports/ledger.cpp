#include "features/reports/ledger.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
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

// 完成时限 is the matter's deadline; 措施完成时限 beside it lists each measure's, numbered as
// the measures are. 反映时间 is when the matter was raised. 来源记录 is the field record that
// raised it ("走访调研 ZZ-ZF-20261123-001"), empty for a matter reported otherwise; it comes
// last so the columns offices already read keep their places. After it, 原定时限 (the deadline
// the first assignment gave) and 延期后时限 (the deadline when extended, else blank), so a
// reader sees both.
constexpr Column kColumns[] = {
    {"序号", 6},          {"问题编号", 20}, {"问题来源", 12}, {"问题类别", 14},
    {"问题描述", 50},     {"所在区域", 16}, {"责任单位", 28}, {"责任人", 12},
    {"整改措施", 40},     {"完成时限", 12}, {"措施完成时限", 14}, {"整改进展", 30},
    {"办理状态", 10},     {"是否销号", 8},  {"反映时间", 17}, {"受理时间", 17},
    {"办结时间", 17},     {"来源记录", 26}, {"原定时限", 12}, {"延期后时限", 12},
};
constexpr lxw_row_t kHeaderRow = 2;  // rows 0 and 1: the title and the filters line

// One ledger row: the matter and its measures, reporter data never included.
struct Row {
  MatterSummary s;
  std::string source;  // 来源记录
  std::vector<OrgRef> co_orgs;
  std::vector<Measure> measures;
  bool timeout = false;  // verified by the 超时默认 rule (its last evaluation)
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
  std::vector<std::string> owners, measures, measure_deadlines, progress;
  int i = 0;
  for (const auto& ms : r.measures) {
    ++i;
    if (!ms.owner_name.empty() &&
        std::find(owners.begin(), owners.end(), ms.owner_name) == owners.end())
      owners.push_back(ms.owner_name);
    measures.push_back(std::to_string(i) + ". " + mask_personal_data(ms.content));
    measure_deadlines.push_back(std::to_string(i) + ". " +
                                (ms.deadline ? format_date(local_date(*ms.deadline)) : "—"));
    progress.push_back(std::to_string(i) + ". " + std::string(label(ms.status)) + " " +
                       std::to_string(ms.progress) + "%");
  }
  std::string progress_text = join_lines(progress);
  if (!m.reply.empty())
    progress_text += (progress_text.empty() ? "" : "\n") + std::string("答复:") + mask_personal_data(m.reply);
  auto when = [](const std::optional<Instant>& t) { return t ? format_local_time(*t) : std::string(); };
  auto day = [](const std::optional<Instant>& t) { return t ? format_date(local_date(*t)) : std::string(); };
  return {
      std::to_string(index),
      m.code,
      std::string(label(m.channel)),
      r.s.category_name,
      mask_personal_data(m.title) + "\n" + mask_personal_data(m.content),
      !r.s.area_path.empty() ? r.s.area_path : r.s.area ? r.s.area->name : "",  // 区 / 街道 / 社区
      units,
      join_lines(owners),
      join_lines(measures),
      m.deadline ? format_date(local_date(*m.deadline)) : "",
      join_lines(measure_deadlines),
      progress_text,
      std::string(label(m.status)) + (r.timeout ? "(超时默认)" : ""),
      m.status == MatterStatus::closed ? "是" : "否",
      format_local_time(m.created_at),
      when(m.accepted_at),
      when(m.resolved_at),
      r.source,
      day(r.s.original_deadline),
      day(r.s.extended_deadline),
  };
}

Status write_workbook(const std::vector<Row>& rows, const std::string& path,
                      const LedgerTitle& title, const std::string& footer) {
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

  lxw_format* big = workbook_add_format(wb);
  format_set_bold(big);
  format_set_font_size(big, 16);
  format_set_align(big, LXW_ALIGN_CENTER);
  format_set_align(big, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* note = workbook_add_format(wb);
  format_set_text_wrap(note);
  format_set_align(note, LXW_ALIGN_VERTICAL_CENTER);

  constexpr auto last_col = static_cast<lxw_col_t>(std::size(kColumns) - 1);
  const std::string heading = "问题台账(" + title.unit + ")";
  worksheet_merge_range(ws, 0, 0, 0, last_col, heading.c_str(), big);
  worksheet_set_row(ws, 0, 30, nullptr);
  const std::string line = "筛选条件:" + title.filters + "    导出时间:" + title.exported_at;
  worksheet_merge_range(ws, 1, 0, 1, last_col, line.c_str(), note);
  worksheet_set_row(ws, 1, 20, nullptr);

  lxw_col_t c = 0;
  for (const auto& col : kColumns) {
    worksheet_set_column(ws, c, c, col.width, nullptr);
    worksheet_write_string(ws, kHeaderRow, c, col.title, head);
    ++c;
  }
  worksheet_set_row(ws, kHeaderRow, 22, nullptr);
  worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
  lxw_row_t r = kHeaderRow + 1;
  int index = 0;
  for (const auto& row : rows) {
    auto cells = cells_of(row, ++index);
    for (lxw_col_t k = 0; k < cells.size(); ++k) {
      if (k == 0)
        worksheet_write_number(ws, r, k, static_cast<double>(index), cell);
      else
        worksheet_write_string(ws, r, k, cells[k].c_str(), cell);
    }
    ++r;
  }
  if (!rows.empty()) worksheet_autofilter(ws, kHeaderRow, 0, r - 1, c - 1);
  worksheet_write_string(ws, r + 1, 0, footer.c_str(), nullptr);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return internal_error(std::string("写入台账失败:") + lxw_strerror(err));
  return ok();
}

std::string compact_date(Date d) {
  std::string s = format_date(d);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

// The filters as a reader of the sheet would say them; "全部" when there are none.
std::string filters_text(const MatterQuery& q, const CatalogSnapshot& cat,
                         const LedgerService::SourceLabel& source_label) {
  std::vector<std::string> parts;
  if (!q.statuses.empty()) {
    std::string v;
    for (const auto& st : q.statuses) {
      auto s = parse_status(st);
      v += (v.empty() ? "" : "、") + (s ? std::string(label(*s)) : st);
    }
    parts.push_back("办理状态 " + v);
  }
  if (!q.org.empty()) {
    const Org* o = cat.orgs().find_code(q.org);
    parts.push_back("单位 " + (o ? o->name : q.org) + "(含下级)");
  }
  if (!q.category.empty()) {
    const Category* c = cat.category_code(q.category);
    parts.push_back("问题类别 " + (c ? c->name : q.category));
  }
  if (!q.channel.empty()) {
    auto ch = parse_channel(q.channel);
    parts.push_back("来源渠道 " + (ch ? std::string(label(*ch)) : q.channel));
  }
  if (!q.campaign.empty()) {
    const Campaign* c = cat.campaign_code(q.campaign);
    parts.push_back("活动 " + (c ? c->name : q.campaign));
  }
  if (!q.q.empty()) parts.push_back("关键词 " + q.q);
  if (q.overdue && *q.overdue) parts.push_back("只看超期");
  if (!q.from.empty() || !q.to.empty())
    parts.push_back("反映时间 " + (q.from.empty() ? std::string("不限") : q.from) + " 至 " +
                    (q.to.empty() ? std::string("不限") : q.to));
  if (!q.card.empty()) parts.push_back("工作台 " + q.card);
  if (q.solved) parts.push_back(*q.solved ? "已解决" : "未解决");
  if (!q.source_kind.empty()) {
    std::string kind = q.source_kind == "any" ? std::string("工作记录")
                       : source_label         ? source_label(q.source_kind)
                                              : std::string();
    parts.push_back("来源 " + (kind.empty() ? q.source_kind : kind));
  }
  if (!q.source_record.empty()) parts.push_back("来源记录 " + q.source_record);
  if (!q.source_from.empty() || !q.source_to.empty())
    parts.push_back("记录日期 " + (q.source_from.empty() ? std::string("不限") : q.source_from) +
                    " 至 " + (q.source_to.empty() ? std::string("不限") : q.source_to));
  if (!q.source_org.empty()) {
    const Org* o = cat.orgs().find_code(q.source_org);
    parts.push_back("记录地点 " + (o ? o->name : q.source_org) + "(含下级)");
  }
  if (parts.empty()) return "全部";
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ";") + p;
  return out;
}

// The unit the ledger is of: the org filtered on, else the actor's own scope (the city for a
// city-wide actor).
std::string unit_of(const Actor& actor, const MatterQuery& q, const CatalogSnapshot& cat) {
  if (!q.org.empty())
    if (const Org* o = cat.orgs().find_code(q.org)) return o->name;
  const Scope scope = scope_of(actor);
  if (!scope.all && !actor.roles.empty()) return actor.primary_org().name;
  if (const Org* root = cat.orgs().root()) return root->name;
  return "全部";
}

}  // namespace

std::string LedgerTitle::file_name() const {
  // Characters a file system or a header would choke on become "_".
  std::string u;
  for (char ch : unit) u += (ch == '/' || ch == '\\' || ch == '"' || ch == ':' || ch == '*' ||
                              ch == '?' || ch == '<' || ch == '>' || ch == '|' ||
                              static_cast<unsigned char>(ch) < 0x20)
                                 ? '_'
                                 : ch;
  return "问题台账_" + u + "_" + compact_date(date) + ".xlsx";
}

std::string LedgerTitle::ascii_file_name() const { return "ledger_" + compact_date(date) + ".xlsx"; }

Result<LedgerTitle> LedgerService::title(const Actor& actor, const MatterQuery& q) {
  LedgerTitle t;
  const Instant now = ctx_.clock().now();
  t.date = local_date(now);
  t.exported_at = format_local_time(now);
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    t.unit = unit_of(actor, q, *catalog);
    t.filters = filters_text(q, *catalog, source_label_);
    return ok();
  });
  if (!st) return st.error();
  return t;
}

Status LedgerService::write_file(const Actor& actor, const MatterQuery& q, const std::string& path) {
  MatterService matters(ctx_);
  matters.set_source_resolver(source_resolver_);
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
      if (!s.source_code.empty()) {  // the list names the record that raised it
        std::string kind = source_label_ ? source_label_(s.source_kind) : std::string();
        row.source = (kind.empty() ? s.source_kind : kind) + " " + s.source_code;
      }
      if (s.matter.status == MatterStatus::verified || s.matter.status == MatterStatus::closed) {
        const auto evals = db::evaluations_of(tx, s.matter.id);
        row.timeout = !evals.empty() && evals.back().source == "timeout";
      }
      row.s = std::move(s);
      rows.push_back(std::move(row));
    }
    return ok();
  });
  if (!st) return st;
  auto title_row = title(actor, q);
  if (!title_row) return title_row.error();
  return write_workbook(rows, path, *title_row, chain_head_line(head));
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
