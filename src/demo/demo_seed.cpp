#include "demo/demo_seed.hpp"

#include "features/reports/circular.hpp"
#include "features/supervision/sla.hpp"
#include "demo/demo_visits.hpp"
#include "demo/demo_lead.hpp"
#include "demo/demo_notifications.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "features/admin/admin.hpp"
#include "kernel/auth.hpp"
#include "demo/demo_seed_data.hpp"
#include "demo/demo_seed_plan.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matters.hpp"
#include "features/matters/measures.hpp"
#include "features/supervision/spot_checks.hpp"
#include "kernel/support.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

constexpr Instant kDay = 86400;

Error wrap(const std::string& what, const Error& e) {
  Error out = e;
  out.detail = "演示数据:" + what + "失败:" + e.detail;
  return out;
}

// The org tree in one transaction, parents first, plus each sub-category's default lead unit,
// and one audit event that says the demo city was loaded.
Result<int> load_orgs(Store& store, const DemoData& d, Instant at) {
  int n = 0;
  Status st = store.write([&](Tx& tx) -> Status {
    std::map<std::string, Id> ids;
    for (const auto& o : d.orgs) {
      Org org;
      org.code = o.code;
      org.name = o.name;
      org.kind = o.kind;
      org.level = o.level;
      if (!o.parent.empty()) org.parent = ids.at(o.parent);
      auto id = db::put_org(tx, org);
      if (!id) return id.error();
      ids[o.code] = *id;
      ++n;
    }
    for (Category c : db::list_categories(tx)) {
      auto it = d.category_depts.find(c.code);
      if (it == d.category_depts.end() || c.default_dept_org) continue;
      c.default_dept_org = ids.at(it->second.dept);
      if (auto r = db::put_category(tx, c); !r) return r.error();
    }
    Event e = make_event("demo_seed", std::nullopt, nullptr, "system", at,
                         {{"city", kDemoCityCode}, {"orgs", n}});
    if (auto r = tx.append_event(e); !r) return r.error();
    return ok();
  });
  if (!st) return wrap("导入单位", st.error());
  return n;
}

// Replays the planned steps of every matter in time order, each by its demo user with the
// clock set to the step's time.
class Replayer {
 public:
  Replayer(Services& s, ManualClock& clock, std::map<std::string, Actor> actors)
      : s_(s), clock_(clock), actors_(std::move(actors)) {}

  // The planned steps and the field records' tasks, in one time order (a task after the plans'
  // steps of the same instant, tasks among themselves in the order given).
  Result<int> run(const std::vector<DemoMatterPlan>& plans, const std::vector<DemoTask>& tasks) {
    constexpr int kTask = -1;
    std::vector<std::tuple<Instant, int, int, int>> order;
    for (const auto& p : plans)
      for (size_t k = 0; k < p.steps.size(); ++k)
        order.emplace_back(p.steps[k].at, 0, p.index, static_cast<int>(k));
    for (size_t t = 0; t < tasks.size(); ++t) order.emplace_back(tasks[t].at, 1, static_cast<int>(t), kTask);
    std::sort(order.begin(), order.end());
    state_.assign(plans.size(), {});
    for (const auto& [at, source, i, k] : order) {
      clock_.set(std::max(at, clock_.now()));
      if (source == 1) {
        if (Status st = tasks[static_cast<size_t>(i)].run(); !st) return st.error();
        continue;
      }
      const DemoMatterPlan& p = plans[static_cast<size_t>(i)];
      if (Status st = step(p, p.steps[static_cast<size_t>(k)]); !st)
        return wrap("第" + std::to_string(i + 1) + "件问题“" + p.request.title + "”的第" +
                        std::to_string(k + 1) + "步",
                    st.error());
    }
    return static_cast<int>(order.size());
  }

 private:
  struct MatterState {
    std::string code, token;
    std::int64_t version = 0;
    bool stale = false;
    std::vector<std::pair<Id, std::int64_t>> measures;  // id, version
  };

  Result<const Actor*> actor(const std::string& username) {
    auto it = actors_.find(username);
    if (it == actors_.end()) return invalid("演示用户" + username + "不存在", "actor");
    return &it->second;
  }

  Status refresh(MatterState& m, const Actor& by) {
    if (!m.stale) return ok();
    auto detail = s_.matters().get(by, m.code);
    if (!detail) return detail.error();
    m.version = detail->summary.matter.version;
    m.stale = false;
    return ok();
  }

  Status step(const DemoMatterPlan& p, const DemoStep& st) {
    MatterState& m = state_[static_cast<size_t>(p.index)];
    const Actor* by = nullptr;
    if (!st.actor.empty()) {
      auto a = actor(st.actor);
      if (!a) return a.error();
      by = *a;
    }
    switch (st.kind) {
      case DemoStepKind::submit: {
        auto r = s_.intake().submit(p.request, {}, by);
        if (!r) return r.error();
        m.code = r->code;
        m.token = r->token;
        m.version = 1;
        m.stale = true;
        return ok();
      }
      case DemoStepKind::act: {
        if (!by) return invalid("缺少办理人", "actor");
        if (Status r = refresh(m, *by); !r) return r;
        ActionRequest req = st.action;
        if (st.merge_into >= 0) req.into = state_[static_cast<size_t>(st.merge_into)].code;
        auto r = s_.matters().act(*by, m.code, req, m.version);
        if (!r) return r.error();
        m.version = r->summary.matter.version;
        return ok();
      }
      case DemoStepKind::add_measures:
        for (const auto& in : st.measures) {
          auto r = s_.measures().add(*by, m.code, in);
          if (!r) return r.error();
          m.measures.emplace_back(r->measure.id, r->measure.version);
        }
        m.stale = true;
        return ok();
      case DemoStepKind::finish_measures:
        for (auto& [id, version] : m.measures) {
          MeasurePatch patch;
          patch.progress = 100;
          patch.status = "done";
          patch.evidence = st.evidence;
          auto r = s_.measures().update(*by, id, patch, version);
          if (!r) return r.error();
          version = r->measure.version;
        }
        m.stale = true;
        return ok();
      case DemoStepKind::notice: {
        if (!by) return invalid("缺少受理机关人员", "actor");
        auto r = s_.matters().petition_notice(*by, m.code);
        if (!r) return r.error();
        return ok();
      }
      case DemoStepKind::evaluate: {
        auto r = s_.intake().evaluate(m.code, m.token, st.evaluation);
        if (!r) return r.error();
        m.stale = true;
        return ok();
      }
    }
    return ok();
  }

  Services& s_;
  ManualClock& clock_;
  std::map<std::string, Actor> actors_;
  std::vector<MatterState> state_;
};

// 回头看 of last month by the city's supervisor over every unit: a fixed seed (shown on the page,
// so the draw can be redone), the first sampled matter failed (重办), the next two passed.
Result<std::string> demo_spot_check(Services& s, const std::map<std::string, Actor>& actors,
                                    Instant now) {
  auto sup = actors.find("supervisor");
  if (sup == actors.end()) return std::string();
  const auto ymd = std::chrono::year_month_day(local_date(now));
  const auto last = std::chrono::year_month_day(std::chrono::sys_days(ymd.year() / ymd.month() / 1) -
                                                std::chrono::days{1});
  const Date from = std::chrono::sys_days(last.year() / last.month() / 1);
  SpotCheckDraw in{kDemoCityCode, format_date(from), format_date(std::chrono::sys_days(last)), 8,
                   "demo-" + format_date(from).substr(0, 7)};
  auto v = s.spot_checks().draw(sup->second, in);
  if (!v) return wrap("回头看抽样", v.error());
  for (std::size_t i = 0; i < v->items.size() && i < 3; ++i) {
    const bool passed = i > 0;
    auto r = s.spot_checks().record(sup->second, v->row.code, v->items[i].matter_code, passed,
                                    passed ? "" : "回头看电话回访,群众反映问题仍未解决");
    if (!r) return wrap("回头看复查", r.error());
  }
  return v->row.code;
}

}  // namespace

// Last month's 通报 of the city, published by its supervisor once the scheduler has put the
// overdue matters on the ladder, with two closed matters of that month as good-practice cases.
Status demo_circular(Services& s, const std::map<std::string, Actor>& actors, Instant now) {
  const Actor* sup = nullptr;
  for (const auto& [name, a] : actors)
    if (!sup && a.has(Role::supervisor) && a.primary_org().code == kDemoCityCode) sup = &a;
  if (!sup) return ok();
  if (auto t = s.sla().tick(now); !t) return t.error();
  using namespace std::chrono;
  const year_month_day today{local_date(now)};
  const year_month_day first = year_month_day{today.year() / today.month() / 1} - months{1};
  const Date from = sys_days{first};
  const Date to = sys_days{first.year() / first.month() / last};
  MatterQuery q;
  q.statuses = {"closed"};
  q.org = kDemoCityCode;
  q.from = format_date(from);
  q.to = format_date(to);
  q.limit = 2;
  auto closed = s.matters().list(*sup, q);
  if (!closed) return closed.error();
  CircularRequest req;
  req.period = format_date(from).substr(0, 7);
  req.org = kDemoCityCode;
  for (const auto& m : closed->items) req.cases.push_back(m.matter.code);
  auto c = s.circulars().publish(*sup, req);
  if (!c) return c.error();
  return ok();
}

Result<DemoSeedReport> seed_demo(Services& s, const DemoSeedOptions& options) {
  DemoSeedReport report;
  Store& store = s.context().store();
  bool exists = false;
  Status st = store.read([&](Tx& tx) -> Status {
    exists = db::org_by_code(tx, kDemoCityCode).has_value();
    return ok();
  });
  if (!st) return st.error();
  if (exists) return report;

  auto data = load_demo_data();
  if (!data) return data.error();
  const Instant now = options.now ? options.now : s.context().clock().now();

  // A second set of services over the same store, on a clock the seeder moves, with fast
  // password hashing for the demo accounts only.
  ManualClock clock(now - static_cast<Instant>(options.days + 2) * kDay);
  ServiceConfig config = s.context().config();
  config.fast_password_hashing = true;
  auto seeder = Services::open(store, clock, config);
  if (!seeder) return seeder.error();
  Services& sv = **seeder;

  auto orgs = load_orgs(store, *data, clock.now());
  if (!orgs) return orgs.error();
  report.orgs = *orgs;

  std::map<std::string, Actor> actors;
  for (const auto& u : data->users) {
    auto id = sv.auth().create_user({u.username, u.display_name, kDemoPassword, u.roles});
    if (!id) return wrap("创建用户" + u.username, id.error());
    auto a = sv.auth().actor_of(*id);
    if (!a) return a.error();
    actors.emplace(u.username, std::move(*a));
    ++report.users;
  }

  const Actor* admin = nullptr;
  for (const auto& [name, a] : actors)
    if (a.is_admin()) admin = &a;
  if (!admin) return invalid("演示数据没有管理员账号", "users.tsv");
  for (const auto& c : data->campaigns) {
    CampaignInput in{c.code, c.name,
                     format_date(local_date(now + static_cast<Instant>(c.starts_days) * kDay)),
                     format_date(local_date(now + static_cast<Instant>(c.ends_days) * kDay))};
    if (auto r = sv.admin().put_campaign(*admin, in); !r) return wrap("创建活动" + c.code, r.error());
    ++report.campaigns;
  }

  if (Status w = demo_webhook(sv, *admin); !w) return wrap("添加推送地址", w.error());
  auto plans = plan_demo_matters(*data, *sv.context().deadlines(),
                                 {options.matters, options.seed, options.days, now});
  const std::map<std::string, Actor> actors_copy = actors;
  auto visits = demo_visit_tasks(sv, now, actors_copy);
  if (!visits) return visits.error();
  auto records = demo_record_tasks(sv, clock, now, actors_copy);
  if (!records) return records.error();
  std::vector<DemoTask> tasks = std::move(*visits);
  std::move(records->begin(), records->end(), std::back_inserter(tasks));
  auto steps = Replayer(sv, clock, std::move(actors)).run(plans, tasks);
  if (!steps) return steps.error();
  if (Status lead = seed_unit_leading(sv, actors_copy); !lead) return wrap("单位分办与审核", lead.error());
  if (Status n = demo_notifications_after(sv, now); !n) return wrap("消息推送", n.error());
  report.matters = static_cast<int>(plans.size());
  report.steps = *steps - static_cast<int>(tasks.size());
  report.records = static_cast<int>(
      std::count_if(tasks.begin(), tasks.end(), [](const DemoTask& t) { return t.records; }));
  // At the present: the 超时默认 rule on matters nobody verified, then last month's 回头看.
  clock.set(std::max(now - 3600, clock.now()));
  auto timed_out = sv.matters().verify_timed_out(now);
  if (!timed_out) return timed_out.error();
  report.verified_by_timeout = *timed_out;
  auto check = demo_spot_check(sv, actors_copy, clock.now());
  if (!check) return check.error();
  report.spot_check = *check;
  if (Status c = demo_circular(s, actors_copy, now); !c) return wrap("发布演示通报", c.error());
  report.seeded = true;
  return report;
}

Status seed_demo(Services& s) {
  auto r = seed_demo(s, DemoSeedOptions{});
  if (!r) return r.error();
  return ok();
}

}  // namespace huiyin
