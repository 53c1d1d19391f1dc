// huiyin user add: create a user with one role at one org; the password comes from stdin so
// it never appears in the shell history or the process list.
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "kernel/auth.hpp"

namespace huiyin::cli {
namespace {

struct UserAddOptions {
  DbOptions db;
  std::string username, role, org, name;
  bool password_stdin = false;
};

void run(const UserAddOptions& o) {
  if (!o.password_stdin) fail(invalid("请用 --password-stdin 从标准输入提供密码", "password"), 2);
  std::string password;
  std::getline(std::cin, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == '\n'))
    password.pop_back();
  const ConfigFile cfg = load_config_or_throw(o.db.config);
  const std::string db = resolve_db(o.db, cfg);
  Opened opened = open_services_or_throw(db, resolve_data_dir(o.db, cfg), system_clock());
  NewUser u;
  u.username = o.username;
  u.display_name = o.name.empty() ? o.username : o.name;
  u.password = password;
  u.roles.push_back({o.role, o.org});
  auto id = opened.services->auth().create_user(u);
  if (!id) fail(id.error(), id.error().code == ErrorCode::conflict ? 3 : 1);
  std::cout << "已创建用户 " << o.username << " (id " << *id << "), 角色 " << o.role << " @ "
            << o.org << "\n";
}

}  // namespace

void add_user(CLI::App& app) {
  CLI::App* group = app.add_subcommand("user", "用户");
  group->require_subcommand(1);
  auto o = std::make_shared<UserAddOptions>();
  CLI::App* add = group->add_subcommand("add", "新建用户");
  add_db_options(add, o->db);
  add->add_option("--username", o->username, "登录名")->required();
  add->add_option("--role", o->role,
                  "角色: collector dispatcher handler unit_leader supervisor leader admin security_admin audit_admin")
      ->required();
  add->add_option("--org", o->org, "所属单位代码")->required();
  add->add_option("--name", o->name, "显示名(默认同登录名)");
  add->add_flag("--password-stdin", o->password_stdin, "从标准输入读取密码(一行)");
  add->callback([o] { run(*o); });
}

}  // namespace huiyin::cli
