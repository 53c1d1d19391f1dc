// huiyin: the one program. Subcommands come from the table below.
#include <iostream>

#include "cli/commands.hpp"

namespace {

const huiyin::cli::CommandGroup kGroups[] = {
    {"serve", huiyin::cli::add_serve},   {"migrate", huiyin::cli::add_migrate},
    {"org", huiyin::cli::add_org},       {"user", huiyin::cli::add_user},
    {"audit", huiyin::cli::add_audit},   {"export", huiyin::cli::add_export},
    {"model", huiyin::cli::add_model},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"回音 Huiyin — 走找想促 closed-loop platform"};
  app.require_subcommand(1);
  for (const auto& g : kGroups) g.add(app);
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
