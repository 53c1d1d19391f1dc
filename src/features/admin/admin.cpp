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
    out = CategoryView{c.code, c.name, in.parent, c.level, c.active};
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
