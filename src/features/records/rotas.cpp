// Use cases of rotas (轮值联合巡查 "4+1"): list, read, create and change a rota, each answered
// with whose turn it is now and next and which of its recent periods were inspected; and the
// defaults a joint inspection takes from its rota and a joint meeting from the one it continues.
#include <algorithm>
#include <set>

#include "domain/text_checks.hpp"
#include "features/records/record_kinds.hpp"
#include "features/records/records.hpp"
#include "kernel/support.hpp"

namespace huiyin {
namespace {

constexpr int kRecentPeriods = 8;
constexpr std::size_t kMaxLeads = 12;

OrgRef ref_of(const OrgIndex& orgs, Id id) {
  if (const Org* o = orgs.find(id)) return {o->code, o->name};
  return {};
}

OrgRef ref_of_code(const OrgIndex& orgs, const std::string& code) {
  if (const Org* o = orgs.find_code(code)) return {o->code, o->name};
  return {code, code};
}

std::vector<std::string> rota_paths(const Rota& r, const OrgIndex& orgs) {
  std::vector<std::string> out;
  if (const Org* o = orgs.find(r.org_id)) out.push_back(o->path);
  if (const Org* o = orgs.find(r.support_org_id)) out.push_back(o->path);
  for (const auto& c : r.leads)
    if (const Org* o = orgs.find_code(c)) out.push_back(o->path);
  return out;
}

bool may_read_rota(const Actor& a, const Rota& r, const OrgIndex& orgs) {
  return a.has_work_role() && can_see_paths(a, rota_paths(r, orgs));
}

// Dispatchers, leaders and admins whose org subtree holds the rota's area.
bool may_manage_rota(const Actor& a, const Org& area) {
  if (a.is_admin()) return true;
  return std::any_of(a.roles.begin(), a.roles.end(), [&](const ActorRole& g) {
    return (g.role == Role::dispatcher || g.role == Role::leader) &&
           in_subtree(area.path, g.org.path);
  });
}

Status check_leads(const std::vector<std::string>& leads, const OrgIndex& orgs) {
  if (leads.size() < 2 || leads.size() > kMaxLeads)
    return invalid("轮值牵头部门应为2至" + std::to_string(kMaxLeads) + "个部门", "leads");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < leads.size(); ++i) {
    const std::string f = "leads[" + std::to_string(i) + "]";
    const Org* o = orgs.find_code(leads[i]);
    if (!o || o->kind != OrgKind::dept) return invalid("部门“" + leads[i] + "”不存在", f);
    if (!seen.insert(leads[i]).second) return invalid("部门“" + o->name + "”重复", f);
  }
  return ok();
}

Result<Id> support_of(const std::string& code, const OrgIndex& orgs) {
  const Org* o = orgs.find_code(code);
  if (!o) return invalid("配合单位“" + code + "”不存在", "support");
  return o->id;
}

RotaPeriodView period_view(const Rota& r, int index, const OrgIndex& orgs, Date today,
                           const std::vector<std::pair<std::string, std::string>>& records) {
  RotaPeriodView p;
  p.span = rota_period(r, index);
  p.lead = ref_of_code(orgs, p.span.lead);
  const std::string from = format_date(p.span.from), to = format_date(p.span.to);
  for (const auto& [code, day] : records)
    if (day >= from && day <= to) p.records.push_back(code);
  p.state = !p.records.empty() ? "done" : p.span.to < today ? "missed" : "due";
  return p;
}

RotaView view_of(Tx& tx, Rota r, const OrgIndex& orgs, Instant now) {
  RotaView v;
  v.org = ref_of(orgs, r.org_id);
  v.support = ref_of(orgs, r.support_org_id);
  for (const auto& c : r.leads) v.leads.push_back(ref_of_code(orgs, c));
  const Date today = local_date(now);
  const int cur = rota_period_index(r, today).value_or(0);
  const auto records = db::rota_records(tx, r.code);
  v.current = period_view(r, cur, orgs, today, records);
  v.next = period_view(r, cur + 1, orgs, today, records);
  for (int i = std::max(0, cur - kRecentPeriods + 1); i <= cur; ++i)
    v.periods.push_back(period_view(r, i, orgs, today, records));
  v.rota = std::move(r);
  return v;
}

}  // namespace

Status check_rota_turn(const Rota& r, const std::string& date, const std::string& lead,
                       const OrgIndex& orgs) {
  auto day = parse_date(date);
  if (!day) return invalid("日期应为 YYYY-MM-DD", "date");
  if (!r.active) return invalid("轮值表“" + r.name + "”已停用", "rota");
  auto index = rota_period_index(r, *day);
  if (!index) return invalid("轮值表“" + r.name + "”自" + r.starts_on + "起轮值", "rota");
  const RotaPeriodSpan p = rota_period(r, *index);
  if (lead == p.lead) return ok();
  return invalid("本期(" + p.label + "," + rota_span_text(p) + ")轮值牵头部门为" +
                     ref_of_code(orgs, p.lead).name,
                 "lead_dept");
}

Status RecordService::fill_defaults(const Actor& actor, RecordInput& in) {
  const RecordKindSpec* spec = record_kind(in.kind);
  if (!spec) return ok();
  auto named = [&](const char* field) -> std::string {
    if (!spec->field(field)) return "";
    auto it = in.fields.find(field);
    return it != in.fields.end() && it->second.is_string() ? it->second.get<std::string>() : "";
  };
  auto absent = [&](const char* field) {
    auto it = in.fields.find(field);
    return it == in.fields.end() || it->second.is_null() ||
           (it->second.is_string() && it->second.get<std::string>().empty()) ||
           (it->second.is_array() && it->second.empty());
  };
  const std::string rota_code = named("rota"), series = named("series");
  if (rota_code.empty() && series.empty()) return ok();
  return ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    if (!rota_code.empty()) {
      auto r = db::rota_by_code(tx, rota_code);
      if (!r || !may_read_rota(actor, *r, orgs))
        return invalid("轮值表“" + rota_code + "”不存在", "rota");
      auto day = parse_date(in.date);
      auto index = day ? rota_period_index(*r, *day) : std::nullopt;
      if (!index || !r->active) return check_rota_turn(*r, in.date, "", orgs);  // stopped, or not begun
      {
        const RotaPeriodSpan p = rota_period(*r, *index);
        if (absent("period")) in.fields["period"] = p.label;
        if (absent("lead_dept")) in.fields["lead_dept"] = p.lead;
      }
      if (absent("support_unit"))
        if (const Org* o = orgs.find(r->support_org_id)) in.fields["support_unit"] = o->code;
      if (absent("route") && !r->route.empty()) in.fields["route"] = r->route;
    }
    if (!series.empty()) {
      auto m = db::record_by_code(tx, series);
      bool visible = false;
      if (m && m->kind == in.kind) {
        RecordFilter f;
        f.scope = scope_of(actor);
        f.recorded_by = actor.user_id;
        f.id = m->id;
        f.limit = 1;
        visible = !db::list_records(tx, f).items.empty();
      }
      if (!visible) return invalid(std::string(spec->label) + "“" + series + "”不存在", "series");
      in.fields["series"] = m->detail.value("series", m->code);
      for (const auto& fs : spec->fields) {
        const std::string name(fs.code);
        if (name == "series" || !absent(name.c_str()) || !m->detail.contains(name)) continue;
        const nlohmann::json& v = m->detail[name];
        // Orgs as kept ({code, name}) back to what is given: a code, or {name} of a unit
        // without an org of its own.
        auto given = [](const nlohmann::json& o) -> nlohmann::json {
          if (o.is_object() && o.contains("code")) return o["code"];
          if (o.is_object()) return nlohmann::json{{"name", o.value("name", "")}};
          return o;
        };
        if (fs.type == "org") {
          in.fields[name] = given(v);
        } else if (fs.type == "orgs" && v.is_array()) {
          nlohmann::json a = nlohmann::json::array();
          for (const auto& o : v) a.push_back(given(o));
          in.fields[name] = std::move(a);
        } else if (fs.type == "text") {
          in.fields[name] = v;
        }
      }
    }
    return ok();
  });
}

Result<std::vector<RotaView>> RecordService::rotas(const Actor& actor) {
  if (!actor.has_work_role()) return forbidden("只有工作人员可以查看轮值表");
  std::vector<RotaView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    for (auto& r : db::list_rotas(tx))
      if (may_read_rota(actor, r, orgs))
        out.push_back(view_of(tx, std::move(r), orgs, ctx_.clock().now()));
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<RotaView> RecordService::rota(const Actor& actor, const std::string& code) {
  std::optional<RotaView> out;
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    auto r = db::rota_by_code(tx, code);
    if (!r || !may_read_rota(actor, *r, orgs)) return not_found("轮值表不存在");
    out = view_of(tx, std::move(*r), orgs, ctx_.clock().now());
    return ok();
  });
  if (!st) return st.error();
  return std::move(*out);
}

Result<std::string> RecordService::create_rota(const Actor& actor, const RotaInput& in) {
  if (Status s = check_text(in.name, "name", "名称", 1, 50); !s) return s.error();
  if (in.period != "week" && in.period != "month")
    return invalid("轮值周期应为 week(每周)或 month(每月)", "period");
  auto start = parse_date(in.start);
  if (!start) return invalid("日期应为 YYYY-MM-DD", "start");
  if (Status s = check_text(in.route, "route", "巡查路线", 0, 500); !s) return s.error();
  const Instant now = ctx_.clock().now();
  TxError te;
  std::string code;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    const Org* area = orgs.find_code(in.org);
    if (!area || area->kind != OrgKind::area)
      return te.fail(invalid("区域“" + in.org + "”不存在", "org"));
    if (!may_manage_rota(actor, *area))
      return te.fail(forbidden("只有本区域的派单员、领导或管理员可以建立轮值表"));
    if (Status s = check_leads(in.leads, orgs); !s) return te.fail(s.error());
    auto support = support_of(in.support, orgs);
    if (!support) return te.fail(support.error());
    Rota r;
    r.name = in.name;
    r.org_id = area->id;
    r.period = in.period;
    r.starts_on = format_date(*start);
    r.leads = in.leads;
    r.support_org_id = *support;
    r.route = in.route;
    r.created_at = r.updated_at = now;
    auto c = next_day_code(tx, ctx_.config().code_prefix + "-LB", "rota", local_date(now), 3);
    if (!c) return c.error();
    r.code = *c;
    auto id = db::insert_rota(tx, r);
    if (!id) return te.fail(id.error());
    nlohmann::json payload = {{"code", r.code},     {"name", r.name},
                              {"org", area->code},  {"period", r.period},
                              {"start", r.starts_on}, {"leads", r.leads},
                              {"support", in.support}};
    Event e = make_event("rota_create", std::nullopt, &actor, actor.username, now, payload);
    e.subject = {kSubjectRota, *id};
    if (auto ev = tx.append_event(e); !ev) return ev.error();
    code = r.code;
    return ok();
  });
  if (!st) return te.take(st);
  return code;
}

Result<RotaView> RecordService::update_rota(const Actor& actor, const std::string& code,
                                            const RotaPatch& patch, std::int64_t expected_version) {
  if (patch.name)
    if (Status s = check_text(*patch.name, "name", "名称", 1, 50); !s) return s.error();
  if (patch.route)
    if (Status s = check_text(*patch.route, "route", "巡查路线", 0, 500); !s) return s.error();
  const Instant now = ctx_.clock().now();
  TxError te;
  std::optional<RotaView> out;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    auto r = db::rota_by_code(tx, code);
    if (!r || !may_read_rota(actor, *r, orgs)) return te.fail(not_found("轮值表不存在"));
    const Org* area = orgs.find(r->org_id);
    if (!area || !may_manage_rota(actor, *area))
      return te.fail(forbidden("只有本区域的派单员、领导或管理员可以修改轮值表"));
    if (r->version != expected_version)
      return te.fail(conflict("该轮值表已被他人修改,请刷新后重试"));
    Rota next = *r;
    nlohmann::json changed = nlohmann::json::object();
    if (patch.name) next.name = *patch.name, changed["name"] = *patch.name;
    if (patch.route) next.route = *patch.route, changed["route"] = *patch.route;
    if (patch.active) next.active = *patch.active, changed["active"] = *patch.active;
    if (patch.leads) {
      if (Status s = check_leads(*patch.leads, orgs); !s) return te.fail(s.error());
      next.leads = *patch.leads;
      changed["leads"] = *patch.leads;
    }
    if (patch.support) {
      auto support = support_of(*patch.support, orgs);
      if (!support) return te.fail(support.error());
      next.support_org_id = *support;
      changed["support"] = *patch.support;
    }
    next.updated_at = now;
    if (Status s = db::update_rota(tx, next, expected_version); !s) return te.fail(s.error());
    Event e = make_event("rota_update", std::nullopt, &actor, actor.username, now,
                         {{"code", r->code}, {"changed", changed}});
    e.subject = {kSubjectRota, r->id};
    if (auto ev = tx.append_event(e); !ev) return ev.error();
    auto saved = db::rota_by_code(tx, code);
    out = view_of(tx, std::move(*saved), orgs, now);
    return ok();
  });
  if (!st) return te.take(st);
  return std::move(*out);
}

}  // namespace huiyin
