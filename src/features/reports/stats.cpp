#include "features/reports/stats.hpp"

#include <algorithm>

#include "domain/calendar.hpp"
#include "features/matters/matter_views.hpp"
#include "features/matters/matters.hpp"
#include "kernel/support.hpp"
#include "features/matters/matter_facts_store.hpp"
#include "features/matters/matter_stats_store.hpp"
#include "features/matters/matter_store.hpp"
#include "features/reports/rate_counts.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

bool stats_role(Role r) {
  return r == Role::leader || r == Role::supervisor || r == Role::dispatcher || r == Role::admin ||
         r == Role::unit_leader;
}

// A unit leader (单位负责人) with no wider role reads the figures of the unit they lead only:
// that unit, which every figure is then filtered to (as the lead unit).
std::optional<Org> own_unit_only(const Actor& who) {
  std::optional<Org> unit;
  for (const auto& r : who.roles) {
    if (r.role != Role::unit_leader) return std::nullopt;
    if (!unit) unit = r.org;
  }
  return unit;
}

// The org filter of a figure: `code` when given; a unit leader's own unit (another is refused).
Result<std::optional<Id>> org_filter(const Actor& who, const OrgIndex& orgs, const std::string& code) {
  std::optional<Id> org;
  if (!code.empty()) {
    const Org* o = orgs.find_code(code);
    if (!o) return invalid("单位“" + code + "”不存在", "org");
    org = o->id;
  }
  if (auto unit = own_unit_only(who)) {
    if (org && *org != unit->id) return forbidden("单位负责人只能查看本单位的统计");
    org = unit->id;
  }
  return org;
}

// The actor reduced to the roles that may read statistics; empty roles → forbidden.
Result<Actor> stats_actor(const Actor& a) {
  Actor out = a;
  out.roles.clear();
  for (const auto& r : a.roles)
    if (stats_role(r.role)) out.roles.push_back(r);
  if (out.roles.empty()) return forbidden("只有领导、督查、派单、单位负责人和管理人员可以查看统计");
  return out;
}

struct Period {
  Date from{}, to{};  // inclusive
};

Result<Period> period_of(const StatsQuery& q, Instant now) {
  auto from = optional_date(q.from, "from");
  if (!from) return from.error();
  auto to = optional_date(q.to, "to");
  if (!to) return to.error();
  Period p;
  p.to = *to ? **to : local_date(now);
  p.from = *from ? **from : p.to - std::chrono::days{29};
  if (p.from > p.to) return invalid("开始日期不能晚于结束日期", "from");
  if ((p.to - p.from).count() > 3660) return invalid("统计区间不能超过10年", "from");
  return p;
}

// The channel and category of a figure, as the query names them (checked against the catalog).
struct Dims {
  std::string channel;
  std::optional<Id> category;
};

Result<Dims> dims_of(const StatsQuery& q, const CatalogSnapshot& cat) {
  Dims d;
  if (!q.channel.empty()) {
    if (!parse_channel(q.channel)) return invalid("来源渠道“" + q.channel + "”不存在", "channel");
    d.channel = q.channel;
  }
  if (!q.category.empty()) {
    const Category* c = cat.category_code(q.category);
    if (!c) return invalid("问题类别“" + q.category + "”不存在", "category");
    d.category = c->id;
  }
  return d;
}

StatsFilter filter_of(const Scope& scope, const Period& p, std::optional<Id> org, Instant now,
                      const Dims& dims) {
  StatsFilter f;
  f.scope = scope;
  f.org = org;
  f.from = start_of_local_day(p.from);
  f.to = start_of_local_day(p.to + std::chrono::days{1});
  f.now = now;
  f.channel = dims.channel;
  f.category = dims.category;
  return f;
}

// The figures of one set of matters: its column counts and its timeline counts, and the rates.
StatsFigures figures_of(const StatsCounts& c, const RateCounts& timeline) {
  StatsFigures f;
  f.counts = c;
  f.rate_counts = column_rate_counts(c);
  f.rate_counts += timeline;
  f.rates = rates_of(f.rate_counts);
  return f;
}

// The figures of the filter's matters, whole.
StatsFigures figures(Tx& tx, const StatsFilter& f, const TimelineSetup& setup) {
  const FactFigures c = db::fact_figures(tx, f, setup);
  return figures_of(c.counts, c.timeline);
}

// ... grouped: each group key with its figures.
std::vector<std::pair<std::string, StatsFigures>> grouped_figures(Tx& tx, const StatsFilter& f,
                                                                   GroupBy by,
                                                                   const TimelineSetup& setup) {
  std::vector<std::pair<std::string, StatsFigures>> out;
  for (auto& [key, c] : db::fact_figures_grouped(tx, f, by, setup)) out.emplace_back(key, figures_of(c.counts, c.timeline));
  return out;
}

}  // namespace

Result<StatsOverview> StatsService::overview(const Actor& actor, const StatsQuery& q) {
  auto who = stats_actor(actor);
  if (!who) return who.error();
  const Instant now = ctx_.clock().now();
  auto period = period_of(q, now);
  if (!period) return period.error();
  Result<StatsOverview> out = StatsOverview{};
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    auto picked = org_filter(*who, ctx_.catalog(tx)->orgs(), q.org);
    if (!picked) {
      out = picked.error();
      return ok();
    }
    const std::optional<Id> org = *picked;
    auto dims = dims_of(q, *ctx_.catalog(tx));
    if (!dims) {
      out = dims.error();
      return ok();
    }
    const auto deadlines = ctx_.deadlines();  // kept while the figures read its calendar
    const TimelineSetup setup{sign_for_working_days(tx), &deadlines->calendar};
    StatsOverview v;
    v.from = period->from;
    v.to = period->to;
    v.current = figures(tx, filter_of(scope_of(*who), *period, org, now, *dims), setup);
    const auto len = period->to - period->from + std::chrono::days{1};
    Period prev{period->from - len, period->from - std::chrono::days{1}};
    v.previous = figures(tx, filter_of(scope_of(*who), prev, org, now, *dims), setup);
    out = v;
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<Rankings> StatsService::rankings(const Actor& actor, const StatsQuery& q,
                                        const std::string& level) {
  auto who = stats_actor(actor);
  if (!who) return who.error();
  if (!level.empty() && level != "dept" && level != "area")
    return invalid("排名层级应为 dept(部门)或 area(地区)", "level");
  const Instant now = ctx_.clock().now();
  auto period = period_of(q, now);
  if (!period) return period.error();
  Result<Rankings> out = Rankings{};
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const OrgIndex& orgs = catalog->orgs();
    auto dims = dims_of(q, *catalog);
    if (!dims) {
      out = dims.error();
      return ok();
    }
    const auto deadlines = ctx_.deadlines();  // kept while the figures read its calendar
    const TimelineSetup setup{sign_for_working_days(tx), &deadlines->calendar};
    Rankings r;
    r.from = period->from;
    r.to = period->to;
    if (auto text = db::setting(tx, kRankingWeightsSetting)) {
      auto w = RankingWeights::parse(*text);
      if (!w) return w.error();
      r.weights = *w;
    }
    // A unit leader reads the ranking their unit stands in, as circulars publish it: the
    // departments of the whole tree, their own marked.
    const std::optional<Org> unit = own_unit_only(*who);
    Scope scope = scope_of(*who);
    if (unit) {
      scope = Scope{true, {}};
      r.own_unit = unit->code;
    }
    const Org* base = nullptr;
    if (unit) {
      base = orgs.root();
    } else if (!q.org.empty()) {
      base = orgs.find_code(q.org);
      if (!base) {
        out = invalid("单位“" + q.org + "”不存在", "org");
        return ok();
      }
    } else {
      for (const auto& role : who->roles)
        if (!base || role.org.path.size() < base->path.size()) base = orgs.find(role.org.id);
    }
    std::optional<Id> base_id = base ? std::optional<Id>(base->id) : std::nullopt;
    // One group of units, scored and ranked among themselves.
    auto add_group = [&](const std::vector<std::pair<const Org*, StatsFigures>>& units,
                         const char* lvl, double full) {
      std::vector<RankingInput> in;
      for (const auto& [o, f] : units) in.push_back({o->code, f.counts.collected, f.rates});
      for (const auto& row : rank_units(in, r.weights, full)) {
        auto it = std::find_if(units.begin(), units.end(),
                               [&](const auto& u) { return u.first->code == row.key; });
        r.items.push_back(
            {{it->first->code, it->first->name}, lvl, row.score, full, row.rank, it->second});
      }
    };
    const StatsFilter f = filter_of(scope, *period, base_id, now, *dims);
    if (level.empty() || level == "dept") {
      std::vector<std::pair<const Org*, StatsFigures>> depts;
      for (auto& [key, fig] : grouped_figures(tx, f, GroupBy::org_lead, setup)) {
        if (key.empty()) continue;
        const Org* o = orgs.find(std::stoll(key));
        if (o && o->kind == OrgKind::dept) depts.emplace_back(o, std::move(fig));
      }
      add_group(depts, "dept", 100);
    }
    if ((level.empty() || level == "area") && base) {
      std::vector<std::pair<const Org*, StatsFigures>> areas;
      for (const Org* child : orgs.children(base->id))
        if (child->kind == OrgKind::area && child->active)
          areas.emplace_back(child, figures(tx, filter_of(scope, *period, child->id, now, *dims), setup));
      add_group(areas, "area", 150);
    }
    out = std::move(r);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<GroupRow>> StatsService::grouped(const Actor& actor, const StatsQuery& q,
                                                    const std::string& by) {
  auto who = stats_actor(actor);
  if (!who) return who.error();
  GroupBy g;
  if (by == "org") g = GroupBy::org_lead;
  else if (by == "category") g = GroupBy::category;
  else if (by == "channel") g = GroupBy::channel;
  else if (by == "day") g = GroupBy::day;
  else if (by == "status") g = GroupBy::status;
  else return invalid("分组方式应为 org、category、channel、day 或 status", "by");
  const Instant now = ctx_.clock().now();
  auto period = period_of(q, now);
  if (!period) return period.error();
  Result<std::vector<GroupRow>> out = std::vector<GroupRow>{};
  Status st = ctx_.store().read([&](Tx& tx) -> Status {
    const CatalogPtr catalog = ctx_.catalog(tx);
    const CatalogSnapshot& cat = *catalog;
    auto picked = org_filter(*who, cat.orgs(), q.org);
    if (!picked) {
      out = picked.error();
      return ok();
    }
    const std::optional<Id> org = *picked;
    auto dims = dims_of(q, cat);
    if (!dims) {
      out = dims.error();
      return ok();
    }
    const auto deadlines = ctx_.deadlines();  // kept while the figures read its calendar
    const TimelineSetup setup{sign_for_working_days(tx), &deadlines->calendar};
    std::vector<GroupRow> rows;
    for (auto& [key, fig] : grouped_figures(tx, filter_of(scope_of(*who), *period, org, now, *dims), g, setup)) {
      GroupRow r;
      r.key = key;
      r.name = key;
      Id id = 0;
      bool numeric = !key.empty() &&
                     std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (numeric) id = std::stoll(key);
      switch (g) {
        case GroupBy::org_lead:
          if (const Org* o = numeric ? cat.orgs().find(id) : nullptr) {
            r.key = o->code;
            r.name = o->name;
          } else if (key.empty()) {
            r.name = "未交办";
          }
          break;
        case GroupBy::category:
          if (const Category* c = numeric ? cat.category(id) : nullptr) {
            r.key = c->code;
            r.name = c->name;
          } else if (key.empty()) {
            r.name = "未分类";
          }
          break;
        case GroupBy::channel:
          if (auto ch = parse_channel(key)) r.name = std::string(label(*ch));
          break;
        case GroupBy::status:
          if (auto s = parse_status(key)) r.name = std::string(label(*s));
          break;
        case GroupBy::day:
          break;
      }
      r.figures = std::move(fig);
      rows.push_back(std::move(r));
    }
    out = std::move(rows);
    return ok();
  });
  if (!st) return st.error();
  return out;
}

std::int64_t WorkbenchCounts::of(std::string_view key) const {
  for (const auto& c : cards)
    if (c.key == key) return c.count;
  return 0;
}

// A card's count is the total of the list it opens: the same query and test, counted over every
// row without a cap and without building the rows' summaries.
Result<WorkbenchCounts> StatsService::workbench(const Actor& actor) {
  WorkbenchCounts w;
  MatterService matters(ctx_);
  for (const auto& card : work_cards()) {
    MatterQuery q;
    q.card = std::string(card.key);
    q.limit = 1;
    q.with_total = true;
    auto list = matters.list(actor, q);
    if (!list) return list.error();
    w.cards.push_back({std::string(card.key), std::string(card.label), card.hot,
                       list->total.value_or(0)});
  }
  return w;
}

}  // namespace huiyin
