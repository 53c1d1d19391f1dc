// huiyin sla run: one tick of the deadline scheduler (预警 → 提醒 → 督办 → 通报 → 约谈) as of a
// given instant, for operators and tests; `huiyin serve` runs the same tick every few minutes.
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "features/supervision/sla.hpp"
#include "http/json_util.hpp"
#include "kernel/bootstrap.hpp"
#include "store/catalog_store.hpp"

namespace huiyin::cli {
namespace {

struct SlaOptions {
  DbOptions db;
  std::string at;
  std::string days;
};

}  // namespace

void add_sla(CLI::App& app) {
  CLI::App* group = app.add_subcommand("sla", "办理时限督办");
  group->require_subcommand(1);
  auto o = std::make_shared<SlaOptions>();
  CLI::App* run = group->add_subcommand("run", "按督办规则检查一次(预警、提醒、督办、通报、约谈)");
  add_db_options(run, o->db);
  run->add_option("--at", o->at,
                  "按此时刻检查,ISO 8601(如 2026-11-30T09:00:00+08:00)或 YYYY-MM-DD;默认为现在");
  run->callback([o] {
    const ConfigFile cfg = load_config_or_throw(o->db.config);
    const std::string db = resolve_db(o->db, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(o->db, cfg), system_clock());
    Instant at = system_clock().now();
    if (!o->at.empty()) {
      auto t = http::parse_time(o->at);
      if (!t) fail(invalid("--at 时刻无效: " + o->at + "(应为 ISO 8601 或 YYYY-MM-DD)", "at"), 2);
      at = *t;
    }
    auto r = opened.services->sla().tick(at);
    if (!r) fail(r.error());
    if (!r->ran) {
      std::cout << "另一节点正在执行督办检查,本次未执行\n";
      return;
    }
    std::cout << "检查时刻 " << format_local_time(at) << ",在办且有时限的问题 " << r->matters
              << " 件,升级 " << r->escalated << " 件\n";
    for (const auto& [level, n] : r->by_level) {
      auto l = parse_escalation_level(level);
      std::cout << level << "\t" << (l ? label(*l) : "") << "\t" << n << "\n";
    }
    if (r->verified_by_timeout > 0)
      std::cout << "超时默认办结 " << r->verified_by_timeout << " 件(不计入解决率、满意率)\n";
  });

  // Its own options: two subcommands bound to one DbOptions would overwrite each other's --db.
  auto t = std::make_shared<SlaOptions>();
  CLI::App* timeout = group->add_subcommand(
      "verify-timeout", "设置超时默认:办结后多少个工作日内未评价、未回访即由系统默认办结(0为不启用)");
  add_db_options(timeout, t->db);
  timeout->add_option("--days", t->days, "工作日数,0到60;不给出时显示当前设置")->check(CLI::Number);
  timeout->callback([o = t] {
    const ConfigFile cfg = load_config_or_throw(o->db.config);
    const std::string db = resolve_db(o->db, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(o->db, cfg), system_clock());
    ServiceContext& ctx = opened.services->context();
    if (!o->days.empty()) {
      if (auto d = parse_verify_timeout_days(o->days); !d) fail(d.error(), 2);
      Status st = ctx.store().write(
          [&](Tx& tx) -> Status { return db::set_setting(tx, kVerifyTimeoutSetting, o->days); });
      if (!st) fail(st.error());
      if (Status r = ctx.reload(); !r) fail(r.error());
    }
    const int days = ctx.deadlines()->verify_timeout_days;
    if (days == 0)
      std::cout << "超时默认:未启用\n";
    else
      std::cout << "超时默认:办结后 " << days << " 个工作日内未评价、未回访的,由系统默认办结\n";
  });
}

}  // namespace huiyin::cli
