// The `huiyin` subcommands as data: each group adds its subcommands to the CLI11 app.
// A command signals failure by throwing CLI::RuntimeError(exit_code); main() turns that into
// the process exit status (nothing below main calls exit()).
#pragma once

#include <CLI/CLI.hpp>

namespace huiyin::cli {

struct CommandGroup {
  const char* name;
  void (*add)(CLI::App& app);
};

// One function per file cmd_<name>.cpp.
void add_serve(CLI::App& app);    // serve
void add_migrate(CLI::App& app);  // migrate
void add_org(CLI::App& app);      // org list
void add_user(CLI::App& app);     // user add
void add_audit(CLI::App& app);    // audit verify
void add_export(CLI::App& app);   // export ledger
void add_sla(CLI::App& app);      // sla run
void add_model(CLI::App& app);    // model train | eval | predict
void add_report(CLI::App& app);   // report circular | circular-check
void add_webhook(CLI::App& app);  // webhook add | list | dead | replay
void add_stats(CLI::App& app);    // stats rebuild | check
void add_bench(CLI::App& app);    // bench generate
void add_backup(CLI::App& app);   // backup, restore
void add_retention(CLI::App& app); // retention run

}  // namespace huiyin::cli
