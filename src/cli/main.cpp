// huiyin: the one program. Subcommands come from the table below.
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"

namespace {

const huiyin::cli::CommandGroup kGroups[] = {
    {"serve", huiyin::cli::add_serve},   {"migrate", huiyin::cli::add_migrate},
    {"org", huiyin::cli::add_org},       {"user", huiyin::cli::add_user},
    {"audit", huiyin::cli::add_audit},   {"export", huiyin::cli::add_export},
    {"sla", huiyin::cli::add_sla},       {"webhook", huiyin::cli::add_webhook},
#ifdef HUIYIN_HAVE_MODEL_CMD  // set by cli/CMakeLists.txt when cmd_model.cpp is present
    {"model", huiyin::cli::add_model},
#endif
    {"report", huiyin::cli::add_report}, {"stats", huiyin::cli::add_stats},
    {"bench", huiyin::cli::add_bench},   {"backup", huiyin::cli::add_backup},
    {"retention", huiyin::cli::add_retention},
};

}  // namespace

int main(int argc, char** argv) {
  // One line per event: time, level, message (requests: method path status ms).
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  CLI::App app{"回音 Huiyin — 走找想促 closed-loop platform"};
  app.require_subcommand(1);
  for (const auto& g : kGroups) g.add(app);
  // Whatever a command wrote is anchored outside the database when it ends.
  struct AnchorAtExit {
    ~AnchorAtExit() { huiyin::cli::flush_audit_anchors(); }
  } anchor_at_exit;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "huiyin: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
