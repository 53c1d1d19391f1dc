// Administration endpoints (admin role; the chain and the service both check): users and roles,
// orgs, categories, the working-day calendar and the deadline rules.
#include "features/admin/handlers.hpp"
#include "features/admin/user_json.hpp"
#include "http/catalog_json.hpp"
#include "http/reply.hpp"
#include "features/admin/admin.hpp"

namespace huiyin::http {
namespace {

// roles: [{role, org}] → RoleGrant list; field names like roles[1].org on error.
std::optional<std::vector<RoleGrant>> role_grants(const json& body, Fields& f) {
  auto it = body.find("roles");
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_array()) {
    f.fail(invalid("字段 roles 应为数组", "roles"));
    return std::nullopt;
  }
  std::vector<RoleGrant> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& r = (*it)[i];
    const std::string at = "roles[" + std::to_string(i) + "]";
    if (!r.is_object() || !r.contains("role") || !r["role"].is_string() || !r.contains("org") ||
        !r["org"].is_string()) {
      f.fail(invalid(at + " 应为 {role, org} 且均为字符串", at));
      return std::nullopt;
    }
    out.push_back({r["role"].get<std::string>(), r["org"].get<std::string>()});
  }
  return out;
}

// A positive whole number from the query, or `fallback` when absent.
Result<int> query_number(const Request& req, const char* name, int fallback) {
  const std::string t = query_text(req, name);
  if (t.empty()) return fallback;
  if (t.size() > 6 || t.find_first_not_of("0123456789") != std::string::npos)
    return invalid(std::string("参数 ") + name + " 应为正整数", name);
  return std::stoi(t);
}

json admin_category_json(const CategoryView& v) {
  json j = category_json(v);
  j["default_dept"] = v.default_dept.empty() ? json(nullptr) : json(v.default_dept);
  return j;
}

}  // namespace

// Without page/page_size/q: every user as an array (as before). With any of them: one page,
// {items, total, page, page_size}.
Response handle_admin_users(Context& c) {
  const bool paged = !query_text(c.req, "page").empty() || !query_text(c.req, "page_size").empty() ||
                     !query_text(c.req, "q").empty();
  if (paged) {
    UserQuery q;
    q.search = query_text(c.req, "q");
    auto page = query_number(c.req, "page", 1);
    if (!page) return problem(page.error());
    auto size = query_number(c.req, "page_size", 20);
    if (!size) return problem(size.error());
    q.page = *page;
    q.page_size = *size;
    auto result = c.services.admin().users_page(c.actor(), q);
    if (!result) return problem(result.error());
    json items = json::array();
    for (const auto& u : result->items) items.push_back(user_view_json(u));
    return json_response({{"items", std::move(items)},
                          {"total", result->total},
                          {"page", result->page},
                          {"page_size", result->page_size}});
  }
  auto users = c.services.admin().users(c.actor());
  if (!users) return problem(users.error());
  json out = json::array();
  for (const auto& u : *users) out.push_back(user_view_json(u));
  return json_response(out);
}

Response handle_admin_user_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  NewUser u;
  u.username = f.str("username").value_or("");
  u.display_name = f.str("display_name").value_or("");
  u.password = f.str("password").value_or("");
  if (auto roles = role_grants(*body, f)) u.roles = std::move(*roles);
  if (!f.ok()) return problem(f.error());
  if (u.display_name.empty()) u.display_name = u.username;
  auto created = c.services.admin().create_user(c.actor(), u);
  if (!created) return problem(created.error());
  return json_response(user_view_json(*created), 201);
}

Response handle_admin_user_patch(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  UserPatch p;
  p.display_name = f.str("display_name");
  p.active = f.boolean("active");
  p.password = f.str("password");
  p.roles = role_grants(*body, f);
  if (!f.ok()) return problem(f.error());
  auto updated = c.services.admin().update_user(c.actor(), c.param("username"), p);
  if (!updated) return problem(updated.error());
  return json_response(user_view_json(*updated));
}

Response handle_admin_org_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  OrgInput in;
  in.code = f.str("code").value_or("");
  in.name = f.str("name").value_or("");
  in.kind = f.str("kind").value_or("");
  in.level = static_cast<int>(f.integer("level").value_or(0));
  in.parent = f.str("parent").value_or("");
  if (!f.ok()) return problem(f.error());
  auto org = c.services.admin().add_org(c.actor(), in);
  if (!org) return problem(org.error());
  return json_response(org_view_json(*org), 201);
}

Response handle_admin_org_patch(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  OrgPatch p;
  p.name = f.str("name");
  p.kind = f.str("kind");
  p.parent = f.str("parent");
  if (auto level = f.integer("level")) p.level = static_cast<int>(*level);
  p.active = f.boolean("active");
  if (!f.ok()) return problem(f.error());
  auto org = c.services.admin().update_org(c.actor(), c.param("code"), p);
  if (!org) return problem(org.error());
  return json_response(org_view_json(*org));
}

Response handle_admin_categories(Context& c) {
  auto list = c.services.admin().categories(c.actor());
  if (!list) return problem(list.error());
  json out = json::array();
  for (const auto& v : *list) out.push_back(admin_category_json(v));
  return json_response(out);
}

Response handle_admin_category_patch(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  CategoryPatch p;
  p.name = f.str("name");
  p.parent = f.str("parent");
  p.default_dept = f.str("default_dept");
  p.active = f.boolean("active");
  if (!f.ok()) return problem(f.error());
  // null clears, like "".
  if (body->contains("parent") && (*body)["parent"].is_null()) p.parent = "";
  if (body->contains("default_dept") && (*body)["default_dept"].is_null()) p.default_dept = "";
  auto cat = c.services.admin().update_category(c.actor(), c.param("code"), p);
  if (!cat) return problem(cat.error());
  return json_response(admin_category_json(*cat));
}

Response handle_admin_category_add(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  Fields f(*body);
  CategoryInput in;
  in.code = f.str("code").value_or("");
  in.name = f.str("name").value_or("");
  in.parent = f.str("parent").value_or("");
  in.default_dept = f.str("default_dept").value_or("");
  in.active = f.boolean("active").value_or(true);
  if (!f.ok()) return problem(f.error());
  auto cat = c.services.admin().add_category(c.actor(), in);
  if (!cat) return problem(cat.error());
  return json_response(category_json(*cat), 201);
}

Response handle_admin_calendar(Context& c) {
  auto days = c.services.admin().calendar(c.actor());
  if (!days) return problem(days.error());
  return json_response(calendar_json(*days));
}

Response handle_admin_calendar_put(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  auto it = body->find("days");
  if (it == body->end() || !it->is_array())
    return problem(invalid("字段 days 应为数组", "days"));
  std::vector<CalendarDay> days;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& d = (*it)[i];
    const std::string at = "days[" + std::to_string(i) + "]";
    if (!d.is_object() || !d.contains("date") || !d["date"].is_string() || !d.contains("type") ||
        !d["type"].is_string())
      return problem(invalid(at + " 应为 {date, type, name}", at));
    auto date = parse_date(d["date"].get<std::string>());
    if (!date) return problem(invalid(at + ".date 应为 YYYY-MM-DD 格式的日期", at + ".date"));
    const std::string type = d["type"].get<std::string>();
    if (type != "holiday" && type != "workday")
      return problem(invalid(at + ".type 应为 holiday 或 workday", at + ".type"));
    std::string name;
    if (d.contains("name") && d["name"].is_string()) name = d["name"].get<std::string>();
    days.push_back({*date, type == "holiday" ? DayType::holiday : DayType::workday, name});
  }
  Status s = c.services.admin().put_calendar(c.actor(), days);
  if (!s) return problem(s.error());
  auto stored = c.services.admin().calendar(c.actor());
  if (!stored) return problem(stored.error());
  return json_response(calendar_json(*stored));
}

Response handle_admin_rules(Context& c) {
  auto rules = c.services.admin().deadline_rules(c.actor());
  if (!rules) return problem(rules.error());
  return json_response(deadline_rules_json(*rules));
}

Response handle_admin_rules_put(Context& c) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(body.error());
  auto it = body->find("rules");
  if (it == body->end() || !it->is_array())
    return problem(invalid("字段 rules 应为数组", "rules"));
  std::vector<DeadlineRule> rules;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& r = (*it)[i];
    const std::string at = "rules[" + std::to_string(i) + "]";
    if (!r.is_object()) return problem(invalid(at + " 应为对象", at));
    DeadlineRule rule;
    if (r.contains("channel") && !r["channel"].is_null()) {
      auto ch = r["channel"].is_string() ? parse_channel(r["channel"].get<std::string>())
                                         : std::nullopt;
      if (!ch) return problem(invalid(at + ".channel 不是已知的来源渠道", at + ".channel"));
      rule.channel = ch;
    }
    if (r.contains("handling_class") && !r["handling_class"].is_null()) {
      auto hc = r["handling_class"].is_string()
                    ? parse_handling_class(r["handling_class"].get<std::string>())
                    : std::nullopt;
      if (!hc)
        return problem(invalid(at + ".handling_class 不是已知的办理类型", at + ".handling_class"));
      rule.handling_class = hc;
    }
    if (!r.contains("days") || !r["days"].is_number_integer() || r["days"].get<long>() < 1 ||
        r["days"].get<long>() > 3650)
      return problem(invalid(at + ".days 应为1到3650之间的整数", at + ".days"));
    rule.days = r["days"].get<int>();
    std::string unit = r.contains("unit") && r["unit"].is_string() ? r["unit"].get<std::string>()
                                                                   : "working";
    if (unit != "working" && unit != "calendar")
      return problem(invalid(at + ".unit 应为 working 或 calendar", at + ".unit"));
    rule.working_days = unit == "working";
    rules.push_back(rule);
  }
  Status s = c.services.admin().put_deadline_rules(c.actor(), rules);
  if (!s) return problem(s.error());
  auto stored = c.services.admin().deadline_rules(c.actor());
  if (!stored) return problem(stored.error());
  return json_response(deadline_rules_json(*stored));
}

}  // namespace huiyin::http
