// huiyin bench generate: fills a database with generated matters for the benchmarks
// (demo/bulk_generate.hpp): the demo city grown to ~2,000 units and N matters of the last year.
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "demo/bulk_generate.hpp"

namespace huiyin::cli {
namespace {

struct GenerateOptions {
  DbOptions db;
  std::int64_t matters = 0;
  BulkOptions bulk;
};

}  // namespace

void add_bench(CLI::App& app) {
  CLI::App* group = app.add_subcommand("bench", "性能测试数据");
  group->require_subcommand(1);
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* gen = group->add_subcommand(
      "generate", "生成测试数据:演示城市扩展到约2000个单位,近一年的问题及其办理过程");
  add_db_options(gen, o->db);
  gen->add_option("--matters", o->matters, "问题件数(最多10,000,000)")
      ->required()
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{10'000'000}));
  gen->add_option("--orgs", o->bulk.orgs, "单位总数(约)")->check(CLI::Range(1, 100'000));
  gen->add_option("--batch", o->bulk.batch, "每个事务写入的件数")->check(CLI::Range(1, 1'000'000));
  gen->add_option("--days", o->bulk.days, "分布在最近多少天")->check(CLI::Range(1, 3650));
  gen->add_option("--seed", o->bulk.seed, "随机种子");
  gen->callback([o] {
    const ConfigFile cfg = load_config_or_throw(o->db.config);
    const std::string db = resolve_db(o->db, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(o->db, cfg), system_clock());
    BulkOptions bulk = o->bulk;
    bulk.matters = o->matters;
    const auto t0 = std::chrono::steady_clock::now();
    bulk.progress = [&](std::int64_t done) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      std::cerr << "\r已写入 " << done << " / " << bulk.matters << " 件 (" << static_cast<long>(s)
                << " s)" << std::flush;
    };
    auto r = bulk_generate(*opened.services, bulk);
    std::cerr << "\n";
    if (!r) fail(r.error());
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "单位 " << r->orgs << " 个(新增 " << r->orgs_added << ")"
              << (r->demo_seeded ? ",先导入了演示城市" : "") << "\n"
              << "问题 " << r->matters << " 件,审计事件 " << r->events << " 条\n"
              << "写入 " << r->fill_seconds << " s,重建检索索引 " << r->index_seconds << " s,共 "
              << total << " s\n";
  });
}

}  // namespace huiyin::cli
