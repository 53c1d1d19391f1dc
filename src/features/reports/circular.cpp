#include "features/reports/circular.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "domain/calendar.hpp"
#include "domain/codes.hpp"
#include "features/matters/matter_reader.hpp"
#include "features/matters/matters.hpp"
#include "features/reports/circular_store.hpp"
#include "features/reports/report_json.hpp"
#include "features/reports/stats.hpp"
#include "kernel/support.hpp"

namespace huiyin {
namespace {

using nlohmann::json;

constexpr const char* kSubjectCircular = "circular";  // events of a circular name it as subject

bool circular_role(Role r) { return r == Role::supervisor || r == Role::leader || r == Role::admin; }

// The org the asker may issue for: `code`, inside the subtree of a supervisor, leader or admin
// role; by default the widest such role's org.
Result<Org> issuing_org(Tx& tx, ServiceContext& ctx, const Actor& a, const std::string& code) {
  const ActorRole* widest = nullptr;
  for (const auto& r : a.roles)
    if (circular_role(r.role) && (!widest || r.org.path.size() < widest->org.path.size())) widest = &r;
  if (!widest) return forbidden("只有督查、领导和管理人员可以编发通报");
  const CatalogPtr cat = ctx.catalog(tx);
  if (code.empty()) {
    // The command line acts at the top of the tree ("/"): the root org issues.
    const Org* own = cat->orgs().find_path(widest->org.path);
    if (!own) own = cat->orgs().root();
    if (!own) return invalid("请指定发文单位", "org");
    return *own;
  }
  const Org* o = cat->orgs().find_code(code);
  if (!o) return invalid("单位“" + code + "”不存在", "org");
  for (const auto& r : a.roles)
    if (circular_role(r.role) && in_subtree(o->path, r.org.path)) return *o;
  return forbidden("只能编发本单位及下级单位的通报");
}

struct Month {
  int year = 0;
  unsigned month = 0;
  Date from{}, to{};
};

Result<Month> month_of(const std::string& period) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0;
  char tail = 0;
  if (period.size() != 7 || period[4] != '-' ||
      std::sscanf(period.c_str(), "%4d-%2u%c", &y, &m, &tail) != 2 || y < 2000 || y > 2100 ||
      m < 1 || m > 12)
    return invalid("通报期间应为 YYYY-MM,如 2026-11", "period");
  Month out;
  out.year = y;
  out.month = m;
  out.from = sys_days{year{y} / month{m} / 1};
  out.to = sys_days{year{y} / month{m} / last};
  return out;
}

// One list's filter as the ledger's address gives it (and GET /api/v1/matters takes it).
using Params = std::vector<std::pair<std::string, std::string>>;

MatterQuery query_of(const Params& p) {
  MatterQuery q;
  for (const auto& [k, v] : p) {
    if (k == "from") q.from = v;
    else if (k == "to") q.to = v;
    else if (k == "org") q.org = v;
    else if (k == "escalation") q.escalation = v;
    else if (k == "overdue") q.overdue = v == "true";
    else if (k == "returned") q.returned = v == "true";
    else if (k == "reopened") q.reopened = v == "true";
  }
  return q;
}

json params_json(const Params& p) {
  json j = json::object();
  for (const auto& [k, v] : p) j[k] = v;
  return j;
}

// The list's filter: the period's matters with one flag, or the ladder as it stands now.
Params list_params(const std::string& key, const Month& m, const std::string& org) {
  Params p;
  const bool ladder = key == "supervised" || key == "circulated" || key == "talk";
  if (!ladder) {
    p.emplace_back("from", format_date(m.from));
    p.emplace_back("to", format_date(m.to));
  }
  p.emplace_back("org", org);
  if (ladder) p.emplace_back("escalation", key);
  else p.emplace_back(key, "true");
  return p;
}

json item_json(const Matter& printed, const MatterSummary& s) {
  return {{"code", printed.code},
          {"title", printed.title},
          {"lead_org", s.lead_org ? json(s.lead_org->name) : json(nullptr)},
          {"area", s.area_path},
          {"status", code(printed.status)},
          {"status_label", label(printed.status)},
          {"deadline", printed.deadline ? json(format_date(local_date(*printed.deadline))) : json(nullptr)},
          {"deadline_text", s.deadline_text},
          {"created_at", format_local_time(printed.created_at)},
          {"return_count", printed.return_count}};
}

bool resolved_status(MatterStatus s) {
  return s == MatterStatus::resolved || s == MatterStatus::verified || s == MatterStatus::closed;
}

struct Built {
  json inputs, content;
};

// Reads every figure and list for `org` and `m` through the stats and matter services (as the
// asker), and the printed texts through the public (masked) reading.
Result<Built> build(ServiceContext& ctx, const Actor& actor, const Org& org, const Month& m,
                    const std::vector<std::string>& cases) {
  StatsService stats(ctx);
  MatterService matters(ctx);
  StatsQuery sq{format_date(m.from), format_date(m.to), org.code};
  auto overview = stats.overview(actor, sq);
  if (!overview) return overview.error();
  auto ranking = stats.rankings(actor, sq, "");
  if (!ranking) return ranking.error();

  Built b;
  b.inputs = {{"org", org.code},
              {"period", format_date(m.from).substr(0, 7)},
              {"from", format_date(m.from)},
              {"to", format_date(m.to)},
              {"figures", http::figures_json(overview->current)},
              {"ranking", http::rankings_json(*ranking)}};
  // The figures count the period's matters but merged duplicates (carried by the matter they
  // merged into): the ledger of every other status is the list behind them.
  std::string statuses;
  for (MatterStatus s : all<MatterStatus>())
    if (s != MatterStatus::merged) statuses += (statuses.empty() ? "" : ",") + std::string(code(s));
  b.content = {{"figures_query", params_json({{"from", format_date(m.from)},
                                              {"to", format_date(m.to)},
                                              {"org", org.code},
                                              {"status", statuses}})}};
  json in_lists = json::object(), out_lists = json::array();
  std::vector<std::pair<std::string, std::vector<MatterSummary>>> rows;
  for (const auto& spec : circular_lists()) {
    const Params p = list_params(spec.key, m, org.code);
    auto list = matters.list_all(actor, query_of(p));
    if (!list) return list.error();
    json codes = json::array();
    for (const auto& s : *list) codes.push_back(s.matter.code);
    in_lists[spec.key] = {{"query", params_json(p)}, {"count", list->size()}, {"codes", codes}};
    rows.emplace_back(spec.key, std::move(*list));
  }
  b.inputs["lists"] = std::move(in_lists);

  std::vector<MatterDetail> chosen;
  for (const auto& c : cases) {
    auto d = matters.get(actor, c);
    if (!d) return invalid("典型案例“" + c + "”不存在或不在您的管辖范围内", "cases");
    if (!resolved_status(d->summary.matter.status))
      return invalid("典型案例“" + c + "”尚未办结,只能从已办结的问题中选取", "cases");
    chosen.push_back(std::move(*d));
  }
  b.inputs["cases"] = cases;

  Status st = ctx.store().read([&](Tx& tx) -> Status {
    const CatalogPtr cat = ctx.catalog(tx);
    MatterReader printed(tx, nullptr, cat->orgs());  // what a circular may say: masked
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& spec = circular_lists()[i];
      json items = json::array();
      for (const auto& s : rows[i].second) items.push_back(item_json(printed.matter(s.matter), s));
      out_lists.push_back({{"key", spec.key},
                           {"title", spec.title},
                           {"query", b.inputs["lists"][spec.key]["query"]},
                           {"count", rows[i].second.size()},
                           {"items", std::move(items)}});
    }
    json out_cases = json::array();
    for (const auto& d : chosen) {
      const Matter shown = printed.matter(d.summary.matter);
      json j = item_json(shown, d.summary);
      j["reply"] = shown.reply;
      j["resolved_at"] = shown.resolved_at ? json(format_local_time(*shown.resolved_at)) : json(nullptr);
      out_cases.push_back(std::move(j));
    }
    b.content["cases"] = std::move(out_cases);
    return ok();
  });
  if (!st) return st.error();
  b.content["lists"] = std::move(out_lists);
  return b;
}

int next_issue(Tx& tx, Id org, int year) { return db::max_circular_issue(tx, org, year) + 1; }

std::string title_of(const Org& org, const Month& m) {
  return org.name + "关于" + std::to_string(m.year) + "年" + std::to_string(m.month) +
         "月群众诉求办理情况的通报";
}

// The inputs and what is printed, wrapped with the header fields of a circular.
Result<Circular> assemble(ServiceContext& ctx, const Actor& actor, const CircularRequest& req) {
  auto m = month_of(req.period);
  if (!m) return m.error();
  if (req.issue && (*req.issue < 1 || *req.issue > 999)) return invalid("期号应为 1 至 999", "issue");
  if (req.cases.size() > 20) return invalid("典型案例最多选 20 件", "cases");
  Result<Org> org = Org{};
  int issue = 0;
  Status st = ctx.store().read([&](Tx& tx) -> Status {
    org = issuing_org(tx, ctx, actor, req.org);
    if (org) issue = req.issue.value_or(next_issue(tx, org->id, m->year));
    return ok();
  });
  if (!st) return st.error();
  if (!org) return org.error();
  auto built = build(ctx, actor, *org, *m, req.cases);
  if (!built) return built.error();
  Circular c;
  c.org = {org->code, org->name};
  c.period = req.period;
  c.year = m->year;
  c.issue = issue;
  c.title = title_of(*org, *m);
  c.inputs = std::move(built->inputs);
  c.inputs_sha256 = sha256_of(c.inputs.dump());
  c.content = std::move(built->content);
  c.published_at = ctx.clock().now();
  c.published_by = actor.display_name.empty() ? actor.username : actor.display_name;
  return c;
}

// The header and hash fields of the content, so the printed page names what it was drawn from.
void stamp(Circular& c) {
  c.content["org"] = {{"code", c.org.code}, {"name", c.org.name}};
  c.content["period"] = c.period;
  c.content["from"] = c.inputs["from"];
  c.content["to"] = c.inputs["to"];
  c.content["figures"] = c.inputs["figures"];
  c.content["ranking"] = c.inputs["ranking"];
  c.content["issue_text"] = std::to_string(c.year) + "年第" + std::to_string(c.issue) + "期";
  c.content["date"] = format_date(local_date(c.published_at));
  c.content["inputs_sha256"] = c.inputs_sha256;
  c.content["published_by"] = c.published_by;
  c.content["anchor"] = {{"seq", c.anchor_seq}, {"hash", c.anchor_hash}};
}

}  // namespace

const std::vector<CircularListSpec>& circular_lists() {
  static const std::vector<CircularListSpec> lists = {
      {"overdue", "超期未办结问题"},     {"returned", "被退回过的问题"},
      {"reopened", "重办问题"},          {"supervised", "督办问题"},
      {"circulated", "通报名单"},        {"talk", "约谈提议"},
  };
  return lists;
}

Result<Circular> CircularService::preview(const Actor& actor, const CircularRequest& req) {
  auto c = assemble(ctx_, actor, req);
  if (!c) return c.error();
  stamp(*c);
  return c;
}

Result<Circular> CircularService::publish(const Actor& actor, const CircularRequest& req) {
  auto c = assemble(ctx_, actor, req);
  if (!c) return c.error();
  TxError te;
  Status st = ctx_.store().write([&](Tx& tx) -> Status {
    const CatalogPtr cat = ctx_.catalog(tx);
    const Org* org = cat->orgs().find_code(c->org.code);
    if (!org) return te.fail(invalid("单位“" + c->org.code + "”不存在", "org"));
    if (!req.issue) c->issue = next_issue(tx, org->id, c->year);
    const ChainHead head = tx.chain_head();
    c->anchor_seq = head.seq;
    c->anchor_hash = head.hash;
    stamp(*c);
    db::CircularRow row{0, org->id, c->period, c->year, c->issue, c->title, c->inputs.dump(),
                        c->inputs_sha256, c->anchor_seq, c->anchor_hash, c->content.dump(),
                        actor.user_id, c->published_at};
    auto id = db::insert_circular(tx, row);
    if (!id) return te.fail(id.error());
    c->id = *id;
    json payload = {{"org", c->org.code}, {"period", c->period}, {"issue", c->issue},
                    {"inputs_sha256", c->inputs_sha256}, {"anchor_seq", c->anchor_seq}};
    Event e = make_event("circular_publish", std::nullopt, &actor, actor.username, c->published_at,
                         payload);
    e.subject = {kSubjectCircular, *id};
    if (auto ev = tx.append_event(e); !ev) return ev.error();
    return ok();
  });
  if (!st) return te.take(st);
  return c;
}

namespace {

Circular from_row(const db::CircularRow& r, const OrgIndex& orgs) {
  Circular c;
  c.id = r.id;
  if (const Org* o = orgs.find(r.org_id)) c.org = {o->code, o->name};
  c.period = r.period;
  c.year = static_cast<int>(r.year);
  c.issue = static_cast<int>(r.issue);
  c.title = r.title;
  c.inputs = json::parse(r.inputs, nullptr, false);
  c.inputs_sha256 = r.inputs_sha256;
  c.anchor_seq = r.anchor_seq;
  c.anchor_hash = r.anchor_hash;
  c.content = json::parse(r.content, nullptr, false);
  c.published_at = r.published_at;
  if (c.content.is_object()) c.published_by = c.content.value("published_by", "");
  return c;
}

bool may_read(const Actor& a, const Org& org) {
  for (const auto& r : a.roles)
    if (circular_role(r.role) && in_subtree(org.path, r.org.path)) return true;
  return false;
}

}  // namespace

Result<std::vector<Circular>> CircularService::list(const Actor& actor, const std::string& org) {
  if (std::none_of(actor.roles.begin(), actor.roles.end(),
                   [](const ActorRole& r) { return circular_role(r.role); }))
    return forbidden("只有督查、领导和管理人员可以查看通报");
  Result<std::vector<Circular>> out = std::vector<Circular>{};
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr cat = ctx_.catalog(tx);
    const OrgIndex& orgs = cat->orgs();
    std::optional<Id> only;
    if (!org.empty()) {
      const Org* o = orgs.find_code(org);
      if (!o) {
        out = invalid("单位“" + org + "”不存在", "org");
        return ok();
      }
      only = o->id;
    }
    std::vector<Circular> items;
    for (const auto& r : db::list_circulars(tx, only)) {
      const Org* o = orgs.find(r.org_id);
      if (!o || !may_read(actor, *o)) continue;
      Circular c = from_row(r, orgs);
      c.inputs = nullptr;
      c.content = nullptr;
      items.push_back(std::move(c));
    }
    out = std::move(items);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<Circular> CircularService::get(const Actor& actor, Id id) {
  Result<Circular> out = not_found("通报不存在或不在您的管辖范围内");
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr cat = ctx_.catalog(tx);
    const OrgIndex& orgs = cat->orgs();
    auto r = db::circular_by_id(tx, id);
    if (!r) return ok();
    const Org* o = orgs.find(r->org_id);
    if (!o || !may_read(actor, *o)) return ok();
    out = from_row(*r, orgs);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<CircularCheck> CircularService::verify(const Actor& actor, Id id) {
  auto c = get(actor, id);
  if (!c) return c.error();
  CircularCheck k;
  k.stored_sha256 = c->inputs_sha256;
  k.anchor_seq = c->anchor_seq;
  k.anchor_hash = c->anchor_hash;
  k.stored_intact = c->inputs.is_object() && sha256_of(c->inputs.dump()) == c->inputs_sha256;
  CircularRequest req;
  req.period = c->period;
  req.org = c->org.code;
  req.issue = c->issue;
  if (c->inputs.is_object() && c->inputs.contains("cases"))
    for (const auto& code : c->inputs["cases"])
      if (code.is_string()) req.cases.push_back(code.get<std::string>());
  auto now = assemble(ctx_, actor, req);
  if (!now) {
    // A chosen case no longer resolved (reopened since) is a change, not a failure.
    if (now.error().field != "cases") return now.error();
    k.changed.push_back("cases");
    return k;
  }
  k.recomputed_sha256 = now->inputs_sha256;
  k.inputs_match = k.stored_intact && k.recomputed_sha256 == k.stored_sha256;
  if (!c->inputs.is_object()) return k;
  const json& was = c->inputs;
  const json& is = now->inputs;
  for (const auto& [key, v] : is["figures"].items())
    if (!was.contains("figures") || was["figures"].value(key, json()) != v)
      k.changed.push_back("figures." + key);
  if (was.value("ranking", json()) != is["ranking"]) k.changed.push_back("ranking");
  for (const auto& spec : circular_lists())
    if (!was.contains("lists") || was["lists"].value(spec.key, json()) != is["lists"][spec.key])
      k.changed.push_back(std::string("lists.") + spec.key);
  if (was.value("cases", json()) != is["cases"]) k.changed.push_back("cases");
  return k;
}

}  // namespace huiyin
