// huiyin migrate: apply pending schema migrations and load the default reference data.
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"

namespace huiyin::cli {

void add_migrate(CLI::App& app) {
  auto o = std::make_shared<DbOptions>();
  CLI::App* cmd = app.add_subcommand("migrate", "升级数据库结构并载入默认数据");
  add_db_options(cmd, *o);
  cmd->callback([o] {
    const ConfigFile cfg = load_config_or_throw(o->config);
    const std::string db = resolve_db(*o, cfg);
    const std::string data_dir = resolve_data_dir(*o, cfg);
    auto store = open_store_or_throw(db, /*migrate=*/false, data_dir, AuditKeyUse::write);
    auto version = store->migrate();
    if (!version) fail(version.error());
    auto services = Services::open(*store, system_clock(), service_config(data_dir));
    if (!services) fail(services.error());
    std::cout << "数据库已升级到第 " << *version << " 版 (" << store->backend() << ")\n";
  });
}

}  // namespace huiyin::cli
