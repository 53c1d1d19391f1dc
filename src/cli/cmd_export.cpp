// huiyin export ledger: the 台账 as XLSX, with the same filters as the web ledger.
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "features/reports/ledger.hpp"

namespace huiyin::cli {
namespace {

struct ExportOptions {
  DbOptions db;
  std::string out;
  std::string status, org, category, channel, campaign, q, from, to;
  bool overdue = false;
};

}  // namespace

void add_export(CLI::App& app) {
  CLI::App* group = app.add_subcommand("export", "导出");
  group->require_subcommand(1);
  auto o = std::make_shared<ExportOptions>();
  CLI::App* ledger = group->add_subcommand("ledger", "导出问题台账 (XLSX)");
  add_db_options(ledger, o->db);
  ledger->add_option("-o,--output", o->out, "输出文件,如 台账.xlsx")->required();
  ledger->add_option("--status", o->status, "状态代码,逗号分隔");
  ledger->add_option("--org", o->org, "单位代码(含下级)");
  ledger->add_option("--category", o->category, "问题类别代码");
  ledger->add_option("--channel", o->channel, "来源渠道代码");
  ledger->add_option("--campaign", o->campaign, "活动代码");
  ledger->add_option("--q", o->q, "关键词");
  ledger->add_option("--from", o->from, "起始日期 YYYY-MM-DD");
  ledger->add_option("--to", o->to, "截止日期 YYYY-MM-DD");
  ledger->add_flag("--overdue", o->overdue, "只导出超期的");
  ledger->callback([o] {
    const ConfigFile cfg = load_config_or_throw(o->db.config);
    const std::string db = resolve_db(o->db, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(o->db, cfg), system_clock());
    MatterQuery q;
    for (std::size_t start = 0; start < o->status.size();) {
      auto comma = o->status.find(',', start);
      auto part = o->status.substr(start, comma == std::string::npos ? comma : comma - start);
      if (!part.empty()) q.statuses.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    q.org = o->org;
    q.category = o->category;
    q.channel = o->channel;
    q.campaign = o->campaign;
    q.q = o->q;
    q.from = o->from;
    q.to = o->to;
    if (o->overdue) q.overdue = true;
    Status s = opened.services->ledger().write_file(cli_actor(), q, o->out);
    if (!s) fail(s.error());
    std::cout << "台账已导出到 " << o->out << "\n";
  });
}

}  // namespace huiyin::cli
