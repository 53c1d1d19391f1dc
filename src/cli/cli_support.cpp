#include "cli/cli_support.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace huiyin::cli {

void fail(const Error& e, int exit_code) {
  std::cerr << "huiyin: " << (e.detail.empty() ? "操作失败" : e.detail);
  if (!e.field.empty()) std::cerr << "(" << e.field << ")";
  std::cerr << "\n";
  throw CLI::RuntimeError(exit_code);
}

std::unique_ptr<Store> open_store_or_throw(const std::string& url, bool migrate) {
  if (url.starts_with("sqlite:")) {
    std::filesystem::path file(url.substr(7));
    if (file.has_parent_path()) {
      std::error_code ec;
      std::filesystem::create_directories(file.parent_path(), ec);
    }
  }
  auto store = open_store(url);
  if (!store) fail(store.error());
  if (migrate) {
    auto v = (*store)->migrate();
    if (!v) fail(v.error());
  }
  return std::move(store).value();
}

ServiceConfig service_config(const std::string& data_dir) {
  ServiceConfig cfg;
  if (!data_dir.empty()) cfg.data_dir = data_dir;
  const char* fast = std::getenv("HUIYIN_FAST_PASSWORD_HASH");
  cfg.fast_password_hashing = fast && std::string(fast) == "1";
  return cfg;
}

Opened open_services_or_throw(const std::string& url, const std::string& data_dir,
                              const Clock& clock) {
  return open_services_with_config(url, service_config(data_dir), clock);
}

Opened open_services_with_config(const std::string& url, const ServiceConfig& config,
                              const Clock& clock) {
  Opened o;
  o.store = open_store_or_throw(url, /*migrate=*/true);
  auto services = Services::open(*o.store, clock, config);
  if (!services) fail(services.error());
  o.services = std::move(services).value();
  return o;
}

Actor cli_actor() {
  Actor a;
  a.user_id = 0;
  a.username = "cli";
  a.display_name = "命令行";
  ActorRole r;
  r.role = Role::admin;
  r.org.path = "/";
  a.roles.push_back(r);
  return a;
}

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace huiyin::cli
