// huiyin stats rebuild | check: the stored per-matter figures behind the rates, rankings and the
// wall (features/matters/matter_facts_store.hpp). `rebuild` works every matter's out again in one
// transaction (after a bulk load, or to repair); `check` holds them against a full recount of
// every matter and exits 4 listing the differences, 0 when they agree.
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "features/matters/matter_facts_store.hpp"
#include "features/reports/rate_counts.hpp"

namespace huiyin::cli {

void add_stats(CLI::App& app) {
  CLI::App* group = app.add_subcommand("stats", "统计底表");
  group->require_subcommand(1);
  CLI::App* rebuild = group->add_subcommand("rebuild", "按全部事项重算统计底表(批量导入后或修复时)");
  auto ro = std::make_shared<DbOptions>();
  add_db_options(rebuild, *ro);
  rebuild->callback([o = ro] {
    const ConfigFile cfg = load_config_or_throw(o->config);
    auto store = open_store_or_throw(resolve_db(*o, cfg), /*migrate=*/true, resolve_data_dir(*o, cfg),
                                     AuditKeyUse::write);
    const auto started = std::chrono::steady_clock::now();
    auto n = store->write([](Tx& tx) -> Result<std::int64_t> { return db::rebuild_matter_facts(tx); });
    if (!n) fail(n.error());
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started).count();
    std::cout << "统计底表已重算: " << *n << " 件事项, 用时 " << ms << " 毫秒\n";
  });

  CLI::App* check = group->add_subcommand("check", "以全部事项重新计数,核对统计底表");
  auto co = std::make_shared<DbOptions>();
  add_db_options(check, *co);
  check->callback([o = co] {
    const ConfigFile cfg = load_config_or_throw(o->config);
    auto store = open_store_or_throw(resolve_db(*o, cfg), /*migrate=*/false, resolve_data_dir(*o, cfg),
                                     AuditKeyUse::verify);
    const Instant now = system_clock().now();
    auto diffs = store->read([&](Tx& tx) -> Result<std::vector<std::string>> {
      if (db::matter_facts_behind(tx)) return std::vector<std::string>{"有事项尚无统计底表(请运行 huiyin stats rebuild)"};
      return db::stored_figures_differences(tx, now);
    });
    if (!diffs) fail(diffs.error());
    if (diffs->empty()) {
      std::cout << "统计底表与重新计数一致\n";
      return;
    }
    std::cerr << "统计底表与重新计数不一致:\n";
    for (const auto& d : *diffs) std::cerr << "  - " << d << "\n";
    throw CLI::RuntimeError(4);
  });
}

}  // namespace huiyin::cli
