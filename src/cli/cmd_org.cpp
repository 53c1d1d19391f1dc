// huiyin org list: the org tree as TSV (code, name, kind, level, parent).
// huiyin org add: one org (the root first, on a fresh database), as the trusted command line.
#include <iostream>
#include <memory>

#include "cli/cli_config.hpp"
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "features/admin/admin.hpp"
#include "kernel/catalog.hpp"

namespace huiyin::cli {
namespace {

struct OrgAddOptions {
  DbOptions db;
  OrgInput org;
};

}  // namespace

void add_org(CLI::App& app) {
  CLI::App* group = app.add_subcommand("org", "单位(组织机构)");
  group->require_subcommand(1);
  auto o = std::make_shared<DbOptions>();
  CLI::App* list = group->add_subcommand("list", "以 TSV 列出全部单位: code name kind level parent");
  add_db_options(list, *o);
  list->callback([o] {
    const ConfigFile cfg = load_config_or_throw(o->config);
    const std::string db = resolve_db(*o, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(*o, cfg), system_clock());
    auto orgs = opened.services->catalog().orgs();
    if (!orgs) fail(orgs.error());
    std::cout << "code\tname\tkind\tlevel\tparent\n";
    for (const auto& org : *orgs) {
      std::cout << org.code << '\t' << org.name << '\t' << code(org.kind) << '\t' << org.level
                << '\t' << org.parent_code << '\n';
    }
  });

  auto a = std::make_shared<OrgAddOptions>();
  CLI::App* add = group->add_subcommand("add", "新增单位(空数据库时先建市级单位,不填 --parent)");
  add_db_options(add, a->db);
  add->add_option("--code", a->org.code, "单位代码,如 430200")->required();
  add->add_option("--name", a->org.name, "单位名称")->required();
  add->add_option("--kind", a->org.kind, "area(块,属地)或 dept(条,部门)")->required();
  add->add_option("--level", a->org.level, "层级 1市 2区县 3街道乡镇 4社区村 5网格")->required();
  add->add_option("--parent", a->org.parent, "上级单位代码");
  add->callback([a] {
    const ConfigFile cfg = load_config_or_throw(a->db.config);
    const std::string db = resolve_db(a->db, cfg);
    Opened opened = open_services_or_throw(db, resolve_data_dir(a->db, cfg), system_clock());
    auto org = opened.services->admin().add_org(cli_actor(), a->org);
    if (!org) fail(org.error(), org.error().code == ErrorCode::conflict ? 3 : 1);
    std::cout << "已新增单位 " << org->code << "\t" << org->name << "\n";
  });
}

}  // namespace huiyin::cli
