#include "features/admin/admin.hpp"

#include <algorithm>
#include <set>

#include "kernel/bootstrap.hpp"
#include "domain/text_checks.hpp"
#include "kernel/support.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

Status require_admin(const Actor& a) {
  if (!a.is_admin()) return forbidden("只有系统管理员可以执行此操作");
  return ok();
}

Status require_security(const Actor& a) {
  if (!a.is_security_admin()) return forbidden("只有安全管理员可以执行此操作");
  return ok();
}

// 三员分立: the three administrators' roles, each held by someone at all times and never two by
// the same person.
constexpr Role kAdminRoles[] = {Role::admin, Role::security_admin, Role::audit_admin};

Status check_separation(const std::vector<UserRole>& roles) {
  int held = 0;
  for (Role r : kAdminRoles)
    held += std::any_of(roles.begin(), roles.end(), [r](const UserRole& ur) { return ur.role == r; });
  if (held > 1) return invalid("系统管理员、安全管理员、审计管理员不能由同一人兼任", "roles");
  return ok();
}

// How many active users hold `role`, counting `changed` with its new roles and activity.
int holders(Tx& tx, Role role, Id changed, bool changed_active, const std::vector<UserRole>& changed_roles) {
  int n = 0;
  for (const auto& u : db::list_users(tx)) {
    const bool active = u.id == changed ? changed_active : u.active;
    if (!active) continue;
    const auto roles = u.id == changed ? changed_roles : db::roles_of(tx, u.id);
    if (std::any_of(roles.begin(), roles.end(), [role](const UserRole& r) { return r.role == role; }))
      ++n;
  }
  return n;
}

bool same_roles(std::vector<UserRole> a, std::vector<UserRole> b) {
  auto key = [](const UserRole& r) { return std::pair(static_cast<int>(r.role), r.org_id); };
  auto less = [&](const UserRole& x, const UserRole& y) { return key(x) < key(y); };
  std::sort(a.begin(), a.end(), less);
  std::sort(b.begin(), b.end(), less);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](auto& x, auto& y) {
           return key(x) == key(y);
         });
}

UserView user_view(Tx& tx, const OrgIndex& orgs, const User& u) {
  UserView v{u.id, u.username, u.display_name, u.active, u.created_at, {}};
  for (const auto& r : db::roles_of(tx, u.id))
    if (const Org* org = orgs.find(r.org_id)) v.roles.push_back({r.role, *org});
  return v;
}

bool valid_code(const std::string& c) {
  if (c.empty() || c.size() > 40) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
           ch == '-' || ch == '_';
  });
}

Status check_name(const std::string& n, std::size_t max) {
  if (!valid_utf8(n)) return invalid("名称含有无效的字符编码", "name");
  if (n.find_first_not_of(" \t\r\n") == std::string::npos) return invalid("请填写名称", "name");
  if (utf8_length(n) > max) return invalid("名称不能超过" + std::to_string(max) + "个字", "name");
  return ok();
}

Status log_event(Tx& tx, const Actor& a, const std::string& type, const nlohmann::json& payload,
                 Instant now) {
  auto ev = tx.append_event(make_event(type, std::nullopt, &a, "", now, payload));
  if (!ev) return ev.error();
  return ok();
}

}  // namespace

Result<std::vector<UserView>> AdminService::users(const Actor& actor) {
  if (!actor.is_admin() && !actor.is_security_admin())
    return forbidden("只有系统管理员或安全管理员可以查看用户");
  std::vector<UserView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr cat = ctx_.catalog(tx);
    for (const auto& u : db::list_users(tx)) out.push_back(user_view(tx, cat->orgs(), u));
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<UserPageView> AdminService::users_page(const Actor& actor, const UserQuery& q) {
  if (!actor.is_admin() && !actor.is_security_admin())
    return forbidden("只有系统管理员或安全管理员可以查看用户");
  if (q.page < 1) return invalid("页码应从1开始", "page");
  if (q.page_size < 1 || q.page_size > 100) return invalid("每页条数应为1至100", "page_size");
  if (!valid_utf8(q.search) || utf8_length(q.search) > 50)
    return invalid("搜索内容无效或超过50个字", "q");
  std::string search = q.search;
  search.erase(0, search.find_first_not_of(" \t"));
  search.erase(search.find_last_not_of(" \t") + 1);
  UserPageView out;
  out.page = q.page;
  out.page_size = q.page_size;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr cat = ctx_.catalog(tx);
    auto page = db::list_users_page(tx, search, q.page_size, (q.page - 1) * q.page_size);
    out.total = page.total;
    for (const auto& u : page.users) out.items.push_back(user_view(tx, cat->orgs(), u));
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<UserView> AdminService::create_user(const Actor& actor, const NewUser& u) {
  // The system administrator opens accounts; roles are granted by the security administrator.
  if (!actor.is_admin() && !actor.is_security_admin())
    return forbidden("只有系统管理员可以新增用户");
  if (!u.roles.empty() && !actor.is_security_admin())
    return forbidden("角色由安全管理员授予:请先新增用户,再由安全管理员分配角色");
  if (!u.roles.empty()) {
    std::vector<UserRole> probe;
    for (const auto& g : u.roles)
      if (auto r = parse_role(g.role)) probe.push_back({0, *r, 0});
    if (Status st = check_separation(probe); !st) return st.error();
  }
  auto id = auth_.create_user(u, &actor);
  if (!id) return id.error();
  Result<UserView> out = not_found("用户不存在");
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    if (auto user = db::user_by_id(tx, *id)) out = user_view(tx, ctx_.catalog(tx)->orgs(), *user);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<UserView> AdminService::update_user(const Actor& actor, const std::string& username,
                                           const UserPatch& patch) {
  // 三员分立: name and activity are the system administrator's; passwords and roles the
  // security administrator's (roles sent unchanged do not count as a change).
  if (!actor.is_admin() && !actor.is_security_admin())
    return forbidden("只有系统管理员或安全管理员可以修改用户");
  if ((patch.display_name || patch.active) && !actor.is_admin())
    return forbidden("姓名与启用状态由系统管理员维护");
  if (patch.password && !actor.is_security_admin())
    return forbidden("重置密码由安全管理员办理");
  if (patch.display_name)
    if (Status st = check_display_name(*patch.display_name); !st) return st.error();
  std::optional<std::string> hash;
  if (patch.password) {
    if (Status st = check_password(*patch.password, username); !st) return st.error();
    auto h = auth_.hash_password(*patch.password);
    if (!h) return h.error();
    hash = *h;
  }
  const Instant now = ctx_.clock().now();
  TxError te;
  UserView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto u = db::user_by_username(tx, username);
    if (!u) return te.fail(not_found("用户“" + username + "”不存在"));
    if (u->id == actor.user_id && patch.active && !*patch.active)
      return te.fail(invalid("不能停用自己的账号", "active"));
    if (u->id == actor.user_id && hash)
      return te.fail(invalid("请通过“修改密码”修改自己的密码", "password"));
    const auto old_roles = db::roles_of(tx, u->id);
    std::optional<std::vector<UserRole>> new_roles;
    if (patch.roles) {
      auto roles = resolve_grants(tx, u->id, *patch.roles);
      if (!roles) return te.fail(roles.error());
      if (!same_roles(*roles, old_roles)) new_roles = std::move(*roles);
    }
    if (new_roles) {
      if (!actor.is_security_admin()) return te.fail(forbidden("角色由安全管理员授予"));
      if (u->id == actor.user_id) return te.fail(forbidden("不能修改自己的角色"));
      if (Status s = check_separation(*new_roles); !s) return te.fail(s.error());
    }
    const bool active_after = patch.active ? *patch.active : u->active;
    const auto& roles_after = new_roles ? *new_roles : old_roles;
    for (Role r : kAdminRoles) {
      const int before = holders(tx, r, u->id, u->active, old_roles);
      if (before > 0 && holders(tx, r, u->id, active_after, roles_after) == 0)
        return te.fail(conflict("不能移除最后一位" + std::string(label(r)) + ",请先为他人授予该角色"));
    }
    nlohmann::json changed = nlohmann::json::object();
    if (patch.display_name) u->display_name = *patch.display_name, changed["display_name"] = *patch.display_name;
    if (patch.active) u->active = *patch.active, changed["active"] = *patch.active;
    if (hash) u->password_hash = *hash, changed["password"] = "changed";
    if (Status s = db::update_user(tx, *u); !s) return te.fail(s.error());
    if (new_roles) {
      if (Status s = db::set_user_roles(tx, u->id, *new_roles); !s) return te.fail(s.error());
      nlohmann::json rj = nlohmann::json::array();
      for (const auto& g : *patch.roles) rj.push_back({{"role", g.role}, {"org", g.org}});
      changed["roles"] = rj;
    }
    // A reset password or a deactivated account ends the user's sessions.
    if (hash || (patch.active && !*patch.active))
      if (Status s = db::delete_sessions_of_user(tx, u->id, ""); !s) return te.fail(s.error());
    if (Status s = log_event(tx, actor, "user_update", {{"username", username}, {"changed", changed}}, now); !s)
      return s;
    if (hash)
      if (Status s = log_event(tx, actor, "password_reset", {{"username", username}}, now); !s) return s;
    if (new_roles)
      if (Status s = log_event(tx, actor, "role_change", {{"username", username}, {"roles", changed["roles"]}}, now); !s)
        return s;
    out = user_view(tx, ctx_.catalog(tx)->orgs(), *u);
    return ok();
  });
  if (!st) return te.take(st);
  return out;
}

Result<std::vector<ThrottleView>> AdminService::throttles(const Actor& actor) {
  if (Status st = require_security(actor); !st) return st.error();
  return ctx_.throttle().active(ctx_.clock().now());
}

Result<int> AdminService::lift_throttle(const Actor& actor, const std::string& account,
                                        const std::string& source) {
  if (Status st = require_security(actor); !st) return st.error();
  if (account.empty() && source.empty()) return invalid("请指定账号或来源地址", "account");
  const int n = ctx_.throttle().lift(account, source);
  const Instant now = ctx_.clock().now();
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    return log_event(tx, actor, "throttle_lift",
                     {{"account", account}, {"source", source}, {"lifted", n}}, now);
  });
  if (!st) return st.error();
  return n;
}

Result<OrgView> AdminService::add_org(const Actor& actor, const OrgInput& in) {
  if (Status st = require_admin(actor); !st) return st.error();
  if (!valid_code(in.code)) return invalid("单位编码应为1至40位字母、数字或 - _", "code");
  if (Status st = check_name(in.name, 100); !st) return st.error();
  auto kind = parse_org_kind(in.kind);
  if (!kind) return invalid("单位类型应为 area(块)或 dept(条)", "kind");
  if (in.level < 1 || in.level > 5) return invalid("层级应为1至5", "level");
  const Instant now = ctx_.clock().now();
  TxError te;
  OrgView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    if (db::org_by_code(tx, in.code)) return te.fail(conflict("单位编码“" + in.code + "”已存在"));
    Org o;
    o.code = in.code;
    o.name = in.name;
    o.kind = *kind;
    o.level = in.level;
    if (in.parent.empty()) {
      if (ctx_.catalog(tx)->orgs().root()) return te.fail(invalid("请选择上级单位", "parent"));
    } else {
      auto parent = db::org_by_code(tx, in.parent);
      if (!parent) return te.fail(invalid("上级单位“" + in.parent + "”不存在", "parent"));
      o.parent = parent->id;
    }
    auto id = db::put_org(tx, o);
    if (!id) return te.fail(id.error());
    if (Status s = log_event(tx, actor, "org_add",
                             {{"code", in.code}, {"name", in.name}, {"kind", in.kind},
                              {"level", in.level}, {"parent", in.parent}}, now);
        !s)
      return s;
    out = OrgView{in.code, in.name, *kind, in.level, in.parent};
    return ok();
  });
  if (!st) return te.take(st);
  refresh_catalog();
  return out;
}

namespace {

// Matters not yet struck off (销号), rejected or merged that the org leads or that lie in its
// area: the work a disabled org would leave without anyone to do it.
std::int64_t open_matters_of_org(Tx& tx, Id org_id) {
  return tx.conn()
      .query("SELECT COUNT(*) FROM matters WHERE (lead_org_id = $1 OR area_org_id = $1) "
             "AND status NOT IN ('closed', 'rejected', 'merged')",
             {org_id})
      .at(0)
      .integer(0);
}

std::int64_t matters_in_area(Tx& tx, Id org_id) {
  return tx.conn()
      .query("SELECT COUNT(*) FROM matters WHERE area_org_id = $1", {org_id})
      .at(0)
      .integer(0);
}

OrgView org_view(const Org& o, const OrgIndex& orgs) {
  OrgView v{o.code, o.name, o.kind, o.level, {}, o.active};
  if (o.parent)
    if (const Org* p = orgs.find(*o.parent)) v.parent_code = p->code;
  return v;
}

}  // namespace

Result<OrgView> AdminService::update_org(const Actor& actor, const std::string& code,
                                         const OrgPatch& p) {
  if (Status st = require_admin(actor); !st) return st.error();
  if (p.name)
    if (Status st = check_name(*p.name, 100); !st) return st.error();
  std::optional<OrgKind> kind;
  if (p.kind) {
    kind = parse_org_kind(*p.kind);
    if (!kind) return invalid("单位类型应为 area(块)或 dept(条)", "kind");
  }
  if (p.level && (*p.level < 1 || *p.level > 5)) return invalid("层级应为1至5", "level");
  const Instant now = ctx_.clock().now();
  TxError te;
  OrgView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto org = db::org_by_code(tx, code);
    if (!org) return te.fail(not_found("单位“" + code + "”不存在"));
    const CatalogPtr cat = ctx_.catalog(tx);
    const OrgIndex& orgs = cat->orgs();
    const Org before = *org;
    nlohmann::json changed = nlohmann::json::object();
    if (p.name && *p.name != org->name) {
      changed["name"] = {{"from", org->name}, {"to", *p.name}};
      org->name = *p.name;
    }
    if (kind && *kind != org->kind) {
      // A matter's 所在区域 is always a 块 (area) org.
      if (org->kind == OrgKind::area)
        if (const auto n = matters_in_area(tx, org->id); n > 0)
          return te.fail(conflict("该单位是" + std::to_string(n) +
                                  "件问题的所在区域,不能改为条(部门)类型"));
      changed["kind"] = {{"from", std::string(huiyin::code(org->kind))}, {"to", std::string(huiyin::code(*kind))}};
      org->kind = *kind;
    }
    if (p.level && *p.level != org->level) {
      changed["level"] = {{"from", org->level}, {"to", *p.level}};
      org->level = *p.level;
    }
    if (p.parent) {
      const Org* old_parent = org->parent ? orgs.find(*org->parent) : nullptr;
      const std::string old_code = old_parent ? old_parent->code : "";
      if (*p.parent != old_code) {
        if (!org->parent) return te.fail(invalid("顶级单位不能移动", "parent"));
        if (p.parent->empty()) return te.fail(invalid("请选择上级单位", "parent"));
        auto np = db::org_by_code(tx, *p.parent);
        if (!np) return te.fail(invalid("上级单位“" + *p.parent + "”不存在", "parent"));
        if (in_subtree(np->path, org->path))
          return te.fail(invalid("不能把单位移到它自己或它的下级单位之下", "parent"));
        if (!np->active) return te.fail(invalid("上级单位“" + np->name + "”已停用", "parent"));
        changed["parent"] = {{"from", old_code}, {"to", *p.parent}};
        org->parent = np->id;
      }
    }
    // The tree stays ordered: a 块 (area) sits under an area of a higher level (a smaller number),
    // a 条 (dept) under any unit of its own level or higher. A move without a level takes the
    // level the new place gives it (area: one below its parent; dept: its parent's).
    const bool placed = changed.contains("level") || changed.contains("parent") || changed.contains("kind");
    if (placed && org->parent) {
      auto parent = db::org_by_id(tx, *org->parent);
      if (parent) {
        if (changed.contains("parent") && !p.level) {
          const int level = org->kind == OrgKind::area ? parent->level + 1 : parent->level;
          if (level != org->level && level <= 5) {
            changed["level"] = {{"from", org->level}, {"to", level}};
            org->level = level;
          }
        }
        if (org->kind == OrgKind::area && parent->kind != OrgKind::area)
          return te.fail(invalid("块(属地)单位只能位于块(属地)单位之下", "parent"));
        const bool ordered = org->kind == OrgKind::area ? parent->level < org->level
                                                        : parent->level <= org->level;
        if (!ordered)
          return te.fail(invalid("层级与上级单位“" + parent->name + "”(第" +
                                     std::to_string(parent->level) + "级)不相符",
                                 p.level ? "level" : "parent"));
      }
    }
    for (const Org* child : placed ? orgs.children(org->id) : std::vector<const Org*>{}) {
      const bool ordered = child->kind == OrgKind::area ? org->level < child->level
                                                        : org->level <= child->level;
      if (!ordered || (child->kind == OrgKind::area && org->kind != OrgKind::area))
        return te.fail(invalid("下级单位“" + child->name + "”的类型或层级与调整后的本单位不相符,请先调整下级单位",
                               p.level ? "level" : "kind"));
    }
    if (p.active && *p.active != org->active) {
      if (!*p.active) {
        std::vector<std::string> why;
        if (const auto n = open_matters_of_org(tx, org->id); n > 0)
          why.push_back("仍有" + std::to_string(n) + "件未销号的问题由其主办或属于其区域");
        if (const auto n = db::active_users_at_org(tx, org->id); n > 0)
          why.push_back("仍有" + std::to_string(n) + "名启用的用户在该单位任职");
        int enabled_children = 0;
        for (const Org* child : orgs.children(org->id)) enabled_children += child->active ? 1 : 0;
        if (enabled_children > 0)
          why.push_back("仍有" + std::to_string(enabled_children) + "个下级单位未停用");
        if (!why.empty()) {
          std::string text;
          for (const auto& w : why) text += (text.empty() ? "" : ";") + w;
          return te.fail(conflict("不能停用“" + org->name + "”:" + text + "。请先办结或移交,再停用"));
        }
      } else if (org->parent) {
        if (const Org* parent = orgs.find(*org->parent); parent && !parent->active)
          return te.fail(conflict("上级单位“" + parent->name + "”已停用,请先启用上级单位"));
      }
      changed["active"] = *p.active;
      org->active = *p.active;
    }
    if (changed.empty()) {
      out = org_view(*org, orgs);
      return ok();
    }
    if (org->name != before.name || org->kind != before.kind || org->level != before.level ||
        org->parent != before.parent)
      if (auto id = db::put_org(tx, *org); !id) return te.fail(id.error());
    if (org->active != before.active)
      if (Status s = db::set_org_active(tx, org->id, org->active); !s) return te.fail(s.error());
    if (Status s = log_event(tx, actor, "org_update", {{"code", code}, {"changed", changed}}, now); !s)
      return s;
    out = org_view(*org, orgs);
    return ok();
  });
  if (!st) return te.take(st);
  refresh_catalog();
  return out;
}

Result<CategoryView> AdminService::add_category(const Actor& actor, const CategoryInput& in) {
  if (Status st = require_admin(actor); !st) return st.error();
  if (!valid_code(in.code)) return invalid("类别编码应为1至40位字母、数字或 - _", "code");
  if (Status st = check_name(in.name, 50); !st) return st.error();
  const Instant now = ctx_.clock().now();
  TxError te;
  CategoryView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    const CatalogPtr cats = ctx_.catalog(tx);
    Category c;
    c.code = in.code;
    c.name = in.name;
    c.active = in.active;
    if (cats->category_code(in.code))
      return te.fail(conflict("类别编码“" + in.code + "”已存在"));
    if (!in.parent.empty()) {
      const Category* p = cats->category_code(in.parent);
      if (!p) return te.fail(invalid("上级类别“" + in.parent + "”不存在", "parent"));
      if (p->level >= 3) return te.fail(invalid("类别最多三级", "parent"));
      c.parent = p->id;
      c.level = p->level + 1;
    }
    if (!in.default_dept.empty()) {
      auto o = db::org_by_code(tx, in.default_dept);
      if (!o) return te.fail(invalid("单位“" + in.default_dept + "”不存在", "default_dept"));
      c.default_dept_org = o->id;
    }
    auto id = db::put_category(tx, c);
    if (!id) return te.fail(id.error());
    if (Status s = log_event(tx, actor, "category_add",
                             {{"code", in.code}, {"name", in.name}, {"parent", in.parent}}, now);
        !s)
      return s;
    out = CategoryView{c.code, c.name, in.parent, c.level, c.active, in.default_dept};
    return ok();
  });
  if (!st) return te.take(st);
  refresh_catalog();
  return out;
}

Result<std::vector<CategoryView>> AdminService::categories(const Actor& actor) {
  if (Status st = require_admin(actor); !st) return st.error();
  return CatalogService(ctx_).categories(false);
}

Result<CategoryView> AdminService::update_category(const Actor& actor, const std::string& code,
                                                   const CategoryPatch& p) {
  if (Status st = require_admin(actor); !st) return st.error();
  if (p.name)
    if (Status st = check_name(*p.name, 50); !st) return st.error();
  const Instant now = ctx_.clock().now();
  TxError te;
  CategoryView out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    const CatalogPtr cats = ctx_.catalog(tx);
    const Category* found = cats->category_code(code);
    if (!found) return te.fail(not_found("类别“" + code + "”不存在"));
    Category c = *found;
    const auto all = db::list_categories(tx);
    auto children_of = [&](Id id) {
      std::vector<Category> out;
      for (const auto& x : all)
        if (x.parent == id) out.push_back(x);
      return out;
    };
    // The category's subtree below it, parents before children.
    std::vector<Category> below;
    for (std::vector<Category> next = children_of(c.id); !next.empty();) {
      std::vector<Category> deeper;
      for (const auto& x : next) {
        below.push_back(x);
        for (auto& y : children_of(x.id)) deeper.push_back(std::move(y));
      }
      next = std::move(deeper);
    }
    nlohmann::json changed = nlohmann::json::object();
    if (p.name && *p.name != c.name) {
      changed["name"] = {{"from", c.name}, {"to", *p.name}};
      c.name = *p.name;
    }
    int depth = 0;  // levels below the category
    for (const auto& x : below) depth = std::max(depth, x.level - found->level);
    if (p.parent) {
      const Category* old_parent = c.parent ? cats->category(*c.parent) : nullptr;
      const std::string old_code = old_parent ? old_parent->code : "";
      if (*p.parent != old_code) {
        int level = 1;
        std::optional<Id> parent;
        if (!p.parent->empty()) {
          const Category* np = cats->category_code(*p.parent);
          if (!np) return te.fail(invalid("上级类别“" + *p.parent + "”不存在", "parent"));
          if (np->id == c.id || std::any_of(below.begin(), below.end(),
                                             [&](const Category& x) { return x.id == np->id; }))
            return te.fail(invalid("不能把类别移到它自己或它的下级类别之下", "parent"));
          parent = np->id;
          level = np->level + 1;
        }
        if (level + depth > 3) return te.fail(invalid("类别最多三级,移动后将超过三级", "parent"));
        changed["parent"] = {{"from", old_code}, {"to", *p.parent}};
        c.parent = parent;
        c.level = level;
      }
    }
    if (p.default_dept) {
      std::optional<Id> dept;
      if (!p.default_dept->empty()) {
        auto o = db::org_by_code(tx, *p.default_dept);
        if (!o) return te.fail(invalid("单位“" + *p.default_dept + "”不存在", "default_dept"));
        if (!o->active) return te.fail(invalid("单位“" + o->name + "”已停用", "default_dept"));
        dept = o->id;
      }
      if (dept != c.default_dept_org) {
        changed["default_dept"] = *p.default_dept;
        c.default_dept_org = dept;
      }
    }
    std::vector<std::string> also_disabled;
    if (p.active && *p.active != c.active) {
      if (*p.active && c.parent)
        if (const Category* parent = cats->category(*c.parent); parent && !parent->active)
          return te.fail(conflict("上级类别“" + parent->name + "”已停用,请先启用上级类别"));
      changed["active"] = *p.active;
      c.active = *p.active;
    }
    if (!changed.empty()) {
      if (auto id = db::put_category(tx, c); !id) return te.fail(id.error());
      const int shift = c.level - found->level;
      for (auto x : below) {
        const bool disable = !c.active && x.active;
        if (shift == 0 && !disable) continue;
        x.level += shift;
        if (disable) {
          x.active = false;
          also_disabled.push_back(x.code);
        }
        if (auto id = db::put_category(tx, x); !id) return te.fail(id.error());
      }
      nlohmann::json payload = {{"code", code}, {"changed", changed}};
      if (!also_disabled.empty()) payload["also_disabled"] = also_disabled;
      if (Status s = log_event(tx, actor, "category_update", payload, now); !s) return s;
    }
    const Category* parent = c.parent ? cats->category(*c.parent) : nullptr;
    std::string dept;
    if (c.default_dept_org)
      if (auto o = db::org_by_id(tx, *c.default_dept_org)) dept = o->code;
    out = CategoryView{c.code, c.name, parent ? parent->code : "", c.level, c.active, dept};
    return ok();
  });
  if (!st) return te.take(st);
  refresh_catalog();
  return out;
}

Result<Campaign> AdminService::put_campaign(const Actor& actor, const CampaignInput& in) {
  if (Status st = require_admin(actor); !st) return st.error();
  if (!valid_code(in.code)) return invalid("活动编码应为1至40位字母、数字或 - _", "code");
  if (Status st = check_name(in.name, 100); !st) return st.error();
  auto starts = optional_date(in.starts, "starts_at");
  if (!starts) return starts.error();
  auto ends = optional_date(in.ends, "ends_at");
  if (!ends) return ends.error();
  if (*starts && *ends && **ends < **starts) return invalid("结束日期不能早于开始日期", "ends_at");
  Campaign c;
  c.code = in.code;
  c.name = in.name;
  if (*starts) c.starts_at = start_of_local_day(**starts);
  if (*ends) c.ends_at = end_of_local_day(**ends);
  const Instant now = ctx_.clock().now();
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    auto id = db::put_campaign(tx, c);
    if (!id) return id.error();
    c.id = *id;
    return log_event(tx, actor, "campaign_put", {{"code", in.code}, {"name", in.name}}, now);
  });
  if (!st) return st.error();
  refresh_catalog();
  return c;
}

// Right after a catalog write commits: this process's snapshot is rebuilt now, so the next
// request finds it ready. A failure here is no failure of the write: the next transaction that
// reads the catalog sees the version moved and rebuilds it itself.
void AdminService::refresh_catalog() { (void)ctx_.refresh_catalog(); }

Result<std::vector<CalendarDay>> AdminService::calendar(const Actor& actor) {
  if (Status st = require_admin(actor); !st) return st.error();
  std::vector<CalendarDay> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    out = db::calendar_days(tx);
    return ok();
  });
  if (!st) return st.error();
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

Status AdminService::put_calendar(const Actor& actor, const std::vector<CalendarDay>& days) {
  if (Status st = require_admin(actor); !st) return st;
  std::set<Date> seen;
  for (const auto& d : days) {
    if (!seen.insert(d.date).second) return invalid("日期" + format_date(d.date) + "重复", "days");
    if (!valid_utf8(d.name) || utf8_length(d.name) > 50)
      return invalid("日期" + format_date(d.date) + "的名称无效或过长", "days");
    if (d.name.find('\t') != std::string::npos || d.name.find('\n') != std::string::npos)
      return invalid("日期" + format_date(d.date) + "的名称不能含有制表符或换行", "days");
  }
  const Instant now = ctx_.clock().now();
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    if (Status s = db::replace_calendar(tx, days); !s) return s;
    return log_event(tx, actor, "calendar_put", {{"days", days.size()}}, now);
  });
  if (!st) return st;
  return ctx_.reload();
}

Result<std::vector<DeadlineRule>> AdminService::deadline_rules(const Actor& actor) {
  if (Status st = require_admin(actor); !st) return st.error();
  return ctx_.deadlines()->rules.rules();
}

Status AdminService::put_deadline_rules(const Actor& actor, const std::vector<DeadlineRule>& rules) {
  if (Status st = require_admin(actor); !st) return st;
  if (rules.empty()) return invalid("至少需要一条时限规则", "rules");
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    if (r.days < 1 || r.days > 365)
      return invalid("第" + std::to_string(i + 1) + "条规则的天数应为1至365", "rules");
    if (r.channel == Channel::petition && !r.working_days && r.days > kPetitionHandleDays)
      return invalid("信访事项办理时限不得超过60日", "rules");
    for (std::size_t j = 0; j < i; ++j)
      if (rules[j].channel == r.channel && rules[j].handling_class == r.handling_class)
        return invalid("第" + std::to_string(i + 1) + "条规则与第" + std::to_string(j + 1) + "条重复",
                       "rules");
  }
  const std::string tsv = DeadlineRules(rules).to_tsv();
  auto parsed = DeadlineRules::parse_tsv(tsv);
  if (!parsed) return parsed.error();
  const Instant now = ctx_.clock().now();
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    if (Status s = db::set_setting(tx, kDeadlineRulesSetting, tsv); !s) return s;
    return log_event(tx, actor, "deadline_rules_put", {{"rules", rules.size()}}, now);
  });
  if (!st) return st;
  return ctx_.reload();
}

}  // namespace huiyin
