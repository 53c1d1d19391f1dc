#include "features/reports/common_problems.hpp"

#include "io/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "domain/calendar.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/matter_views.hpp"
#include "kernel/privacy_mask.hpp"
#include "kernel/support.hpp"
#include "text/clustering.hpp"
#include "features/matters/matter_store.hpp"

namespace huiyin {
namespace {

constexpr int kMaxMatters = 20000;
constexpr int kDefaultDays = 90;

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

Result<std::vector<CommonProblem>> CommonProblemService::find(const Actor& actor,
                                                              const CommonProblemQuery& q) {
  if (!actor.has(Role::supervisor) && !actor.has(Role::leader) && !actor.is_admin())
    return forbidden("只有督查、领导和管理员可以查看共性问题");
  auto from = optional_date(q.from, "from");
  if (!from) return from.error();
  auto to = optional_date(q.to, "to");
  if (!to) return to.error();
  const Date last = to->value_or(local_date(ctx_.clock().now()));
  const Date first = from->value_or(last - std::chrono::days{kDefaultDays});
  if (first > last) return invalid("开始日期不能晚于结束日期", "from");

  std::vector<Matter> matters;
  CatalogPtr catalog;
  Result<std::vector<CommonProblem>> out = std::vector<CommonProblem>{};
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    MatterFilter f;
    f.scope = scope_of(actor);
    if (!f.scope.all && f.scope.org_paths.empty()) return ok();
    if (!q.org.empty()) {
      const Org* o = cat.orgs().find_code(q.org);
      if (!o) {
        out = invalid("单位“" + q.org + "”不存在", "org");
        return ok();
      }
      f.org = o->id;
    }
    f.created_from = start_of_local_day(first);
    f.created_to = start_of_local_day(last + std::chrono::days{1});
    for (MatterStatus s : {MatterStatus::submitted, MatterStatus::accepted, MatterStatus::assigned,
                           MatterStatus::signed_, MatterStatus::returned, MatterStatus::resolved,
                           MatterStatus::verified, MatterStatus::closed, MatterStatus::reopened})
      f.statuses.push_back(s);
    f.limit = 1000;
    const MatterReader reader(tx, &actor, cat.orgs());
    while (static_cast<int>(matters.size()) < kMaxMatters) {
      MatterPage page = db::list_matters(tx, f);
      // Clustered on what this reader may read: a unit complained about sees masked texts.
      for (auto& m : page.items) matters.push_back(reader.matter(m));
      if (!page.next_cursor) break;
      f.before_id = page.next_cursor;
    }
    return ok();
  });
  if (!st) return st.error();
  if (!out) return out;

  const CatalogSnapshot& cat = *catalog;
  std::map<Id, const Matter*> by_id;
  std::vector<text::ClusterItem> items;
  items.reserve(matters.size());
  for (const auto& m : matters) {
    by_id[m.id] = &m;
    std::optional<Id> unit = m.area_org_id ? m.area_org_id : m.lead_org_id;
    items.push_back({m.id, m.title, m.content, unit});
  }
  std::vector<CommonProblem> problems;
  for (const auto& c : text::cluster_texts(items)) {
    CommonProblem p;
    p.size = c.members.size();
    p.keywords = c.keywords;
    p.cohesion = c.cohesion;
    for (Id a : c.areas)
      if (const Org* o = cat.orgs().find(a)) p.units.push_back(o->name);
    std::map<std::string, int> cats;
    for (Id id : c.members) {
      const Matter* m = by_id[id];
      p.codes.push_back(m->code);
      if (m->category_id)
        if (const Category* k = cat.category(*m->category_id)) ++cats[k->name];
    }
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [name, n] : cats) ranked.push_back({-n, name});
    std::sort(ranked.begin(), ranked.end());
    for (const auto& [n, name] : ranked) p.categories.push_back(name);
    for (Id id : c.examples) {
      const Matter* m = by_id[id];
      p.examples.push_back({m->code, mask_personal_data(m->title)});
    }
    problems.push_back(std::move(p));
  }
  return problems;
}

Result<std::string> CommonProblemService::write_xlsx(const Actor& actor,
                                                     const CommonProblemQuery& q) {
  auto problems = find(actor, q);
  if (!problems) return problems.error();
  return io::xlsx_bytes("共性问题文件", [&](lxw_workbook* wb) -> Status {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "共性问题");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xD9E1F2);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  lxw_format* cell = workbook_add_format(wb);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
  const std::pair<const char*, double> cols[] = {{"序号", 6},     {"问题数", 8},  {"涉及单位", 28},
                                                 {"问题类别", 18}, {"关键词", 24}, {"典型问题", 60},
                                                 {"全部问题编号", 40}};
  lxw_col_t c = 0;
  for (const auto& [title, width] : cols) {
    worksheet_set_column(ws, c, c, width, nullptr);
    worksheet_write_string(ws, 0, c++, title, head);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t r = 1;
  for (const auto& p : *problems) {
    std::vector<std::string> examples;
    for (const auto& e : p.examples) examples.push_back(e.code + " " + e.title);
    worksheet_write_number(ws, r, 0, static_cast<double>(r), cell);
    worksheet_write_number(ws, r, 1, static_cast<double>(p.size), cell);
    worksheet_write_string(ws, r, 2, join(p.units, "、").c_str(), cell);
    worksheet_write_string(ws, r, 3, join(p.categories, "、").c_str(), cell);
    worksheet_write_string(ws, r, 4, join(p.keywords, "、").c_str(), cell);
    worksheet_write_string(ws, r, 5, join(examples, "\n").c_str(), cell);
    worksheet_write_string(ws, r, 6, join(p.codes, "\n").c_str(), cell);
    ++r;
  }
  ChainHead chain;
  (void)ctx_.store().read([&](Tx& tx) -> Status {
    chain = tx.chain_head();
    return ok();
  });
  worksheet_write_string(ws, r + 1, 0, chain_head_line(chain).c_str(), nullptr);
    return ok();
  });
}

}  // namespace huiyin
