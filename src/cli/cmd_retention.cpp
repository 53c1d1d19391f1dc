// huiyin retention run --db URL [--years N] [--petition-years N] [--dry-run]: erases the personal
// data of reporters whose matters were closed longer ago than the rule allows
// (features/matters/retention.hpp), in batches of one transaction each, one audited event per
// matter. The periods come from the flags, else HUIYIN_RETENTION_YEARS /
// HUIYIN_PETITION_RETENTION_YEARS, else the config file's retention_years /
// petition_retention_years, else 3 and 10 years. --dry-run counts and lists without writing.
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "domain/calendar.hpp"
#include "domain/clock.hpp"
#include "features/matters/retention.hpp"

namespace huiyin::cli {
namespace {

struct RetentionOptions {
  DbOptions db;
  std::string years, petition_years;
  CLI::Option* years_flag = nullptr;
  CLI::Option* petition_flag = nullptr;
  bool dry_run = false;
};

int years_of(const std::string& text, const char* field) {
  try {
    std::size_t used = 0;
    int n = std::stoi(text, &used);
    if (used == text.size() && n >= 1 && n <= 100) return n;
  } catch (...) {
  }
  fail(invalid(std::string(field) + " 应为 1 至 100 之间的整数（年）：" + text, field));
}

}  // namespace

void add_retention(CLI::App& app) {
  CLI::App* group = app.add_subcommand("retention", "个人信息保存期限");
  group->require_subcommand(1);
  auto o = std::make_shared<RetentionOptions>();
  CLI::App* run = group->add_subcommand(
      "run", "删除办结已超过保存期限的事项中反映人的姓名、手机号与身份证号（逐件留审计事件）");
  add_db_options(run, o->db);
  o->years_flag = run->add_option("--years", o->years, "一般事项办结后保存年数（默认 3）");
  o->petition_flag = run->add_option("--petition-years", o->petition_years, "信访事项办结后保存年数（默认 10）");
  run->add_flag("--dry-run", o->dry_run, "只统计与列出，不删除");
  run->callback([o] {
    const ConfigFile cfg = load_config_or_throw(o->db.config);
    db::RetentionRule rule;
    rule.years = years_of(pick(o->years_flag, o->years, "HUIYIN_RETENTION_YEARS", cfg, "retention_years", "3"),
                          "retention_years");
    rule.petition_years =
        years_of(pick(o->petition_flag, o->petition_years, "HUIYIN_PETITION_RETENTION_YEARS", cfg,
                      "petition_retention_years", "10"),
                 "petition_retention_years");
    auto store = open_store_or_throw(resolve_db(o->db, cfg), /*migrate=*/false,
                                     resolve_data_dir(o->db, cfg),
                                     o->dry_run ? AuditKeyUse::verify : AuditKeyUse::write);
    const Instant now = system_clock().now();
    std::int64_t total = 0;
    std::vector<std::string> shown;
    db::RetentionPass last;
    for (;;) {
      auto pass = o->dry_run
                      ? store->read([&](Tx& tx) { return db::erase_expired_personal_data(tx, rule, now, true, 1000000); })
                      : store->write([&](Tx& tx) { return db::erase_expired_personal_data(tx, rule, now, false); });
      if (!pass) fail(pass.error());
      last = *pass;
      total += pass->matters;
      for (const auto& c : pass->codes)
        if (shown.size() < 20) shown.push_back(c);
      if (o->dry_run || pass->matters == 0) break;
    }
    flush_audit_anchors();
    std::cout << "保存期限: 一般事项办结后 " << rule.years << " 年（" << format_date(local_date(last.cutoff))
              << " 之前办结），信访事项 " << rule.petition_years << " 年（"
              << format_date(local_date(last.petition_cutoff)) << " 之前办结）\n";
    for (const auto& c : shown) std::cout << "  " << c << "\n";
    if (total > static_cast<std::int64_t>(shown.size()))
      std::cout << "  …另有 " << total - static_cast<std::int64_t>(shown.size()) << " 件\n";
    std::cout << (o->dry_run ? "将删除个人信息的事项: " : "已删除个人信息的事项: ") << total << " 件\n";
  });
}

}  // namespace huiyin::cli
