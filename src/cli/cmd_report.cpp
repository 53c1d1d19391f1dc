// huiyin report circular: a month's 通报 of an org as XLSX or printable HTML (by the output's
// extension), drawn from the same stats, rankings and lists as the web app; --publish also
// stores it (期号, inputs hash, chain anchor). huiyin report circular-check: re-checks a
// published circular's inputs against the data now.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "features/reports/circular.hpp"

namespace huiyin::cli {
namespace {

struct CircularOptions {
  DbOptions db;
  std::string period, org, out, base_url;
  int issue = 0;
  std::vector<std::string> cases;
  bool publish = false;
  long long id = 0;
};

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
  if (!f) fail(invalid("无法写入 " + path, "output"));
}

}  // namespace

void add_report(CLI::App& app) {
  CLI::App* group = app.add_subcommand("report", "报表与通报");
  group->require_subcommand(1);
  auto o = std::make_shared<CircularOptions>();
  CLI::App* circ = group->add_subcommand("circular", "生成通报(.xlsx 或 .html,按输出文件扩展名)");
  add_db_options(circ, o->db);
  circ->add_option("--period", o->period, "通报期间 YYYY-MM,如 2026-11")->required();
  circ->add_option("--org", o->org, "发文单位代码(统计其下级);默认为根单位");
  circ->add_option("-o,--output", o->out, "输出文件,如 通报.xlsx 或 通报.html")->required();
  circ->add_option("--issue", o->issue, "期号(当年第几期);默认为该单位的下一期");
  circ->add_option("--case", o->cases, "典型案例:已办结问题的编号,可重复");
  circ->add_flag("--publish", o->publish, "同时发布(保存通报、输入数据哈希和审计链锚点)");
  circ->add_option("--base-url", o->base_url, "HTML 中链接的站点地址,如 https://huiyin.example.cn");
  circ->callback([o] {
    const bool html = o->out.ends_with(".html") || o->out.ends_with(".htm");
    if (!html && !o->out.ends_with(".xlsx")) fail(invalid("输出文件应以 .xlsx 或 .html 结尾", "output"), 2);
    const ConfigFile cfg = load_config_or_throw(o->db.config);
    const std::string db = resolve_db(o->db, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(o->db, cfg), system_clock());
    CircularRequest req;
    req.period = o->period;
    req.org = o->org;
    if (o->issue > 0) req.issue = o->issue;
    req.cases = o->cases;
    auto& svc = opened.services->circulars();
    auto c = o->publish ? svc.publish(cli_actor(), req) : svc.preview(cli_actor(), req);
    if (!c) fail(c.error());
    if (html) {
      write_file(o->out, circular_html(*c, o->base_url));
    } else {
      auto bytes = circular_xlsx(*c);
      if (!bytes) fail(bytes.error());
      write_file(o->out, *bytes);
    }
    std::cout << c->title << "(" << c->year << "年第" << c->issue << "期)已写入 " << o->out << "\n"
              << "输入数据 SHA-256 " << c->inputs_sha256 << "\n";
    if (c->id) std::cout << "已发布,编号 " << *c->id << ",审计链第 " << c->anchor_seq << " 条\n";
  });
  CLI::App* check = group->add_subcommand("circular-check", "复核已发布通报的输入数据是否仍一致");
  auto k_opts = std::make_shared<CircularOptions>();  // its own: options bind to their variables
  add_db_options(check, k_opts->db);
  check->add_option("--id", k_opts->id, "通报编号")->required();
  check->callback([o = k_opts] {
    const ConfigFile cfg = load_config_or_throw(o->db.config);
    const std::string db = resolve_db(o->db, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(o->db, cfg), system_clock());
    auto k = opened.services->circulars().verify(cli_actor(), o->id);
    if (!k) fail(k.error());
    std::cout << "保存的输入数据" << (k->stored_intact ? "完好" : "与其哈希不符") << ";按现有数据重算"
              << (k->inputs_match ? "一致" : "不一致") << "\n";
    for (const auto& part : k->changed) std::cout << "变化\t" << part << "\n";
    if (!k->inputs_match) throw CLI::RuntimeError(1);
  });
}

}  // namespace huiyin::cli
