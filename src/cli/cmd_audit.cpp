// huiyin audit verify: recompute the hash chain of every audit event. Exit 0 when intact,
// 4 naming the first bad event otherwise.
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "service/audit.hpp"

namespace huiyin::cli {

void add_audit(CLI::App& app) {
  CLI::App* group = app.add_subcommand("audit", "审计");
  group->require_subcommand(1);
  auto o = std::make_shared<DbOptions>();
  CLI::App* verify = group->add_subcommand("verify", "校验审计事件链是否完整");
  add_db_options(verify, *o);
  verify->callback([o] {
    const std::string db = resolve_db(*o, load_config_or_throw(o->config));
    auto store = open_store_or_throw(db, /*migrate=*/false);
    auto report = verify_audit_chain(*store);
    if (!report) fail(report.error());
    if (report->ok) {
      std::cout << "审计链完整: 已校验 " << report->events_checked << " 条事件\n";
      return;
    }
    std::cerr << "审计链被破坏: 第一个异常事件 seq=" << report->first_bad_seq.value_or(0) << " ("
              << report->reason << "), 已校验 " << report->events_checked << " 条\n";
    throw CLI::RuntimeError(4);
  });
}

}  // namespace huiyin::cli
