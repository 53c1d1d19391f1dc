// The catalog's cost per request, by hand (figures in docs/benchmarks.md):
//   catalog_bench URL [ORGS] [MATTERS] [REPS]
// Fills a fresh database (`sqlite:PATH` or `postgresql://…`, migrated here) with a city of about
// ORGS orgs (districts, streets, communities, grids and departments; default 3,000) and MATTERS
// matters (default 300, half of them assigned to a department), then times the service calls a
// staff request makes, REPS times each (default 300, after 20 warm-up calls): the matter list
// (first page of 20, newest first); the same as the first request after a catalog change made
// elsewhere (a campaign written straight to the store before each call); one matter's detail;
// the org tree (the forms' picker); the public district list; and, last, an anonymous web-form
// intake with a category and a district (a write). Times are wall-clock per call, in one
// thread, without HTTP and JSON.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matters.hpp"
#include "kernel/auth.hpp"
#include "kernel/catalog.hpp"
#include "kernel/services.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"
#include "store/store.hpp"

using namespace huiyin;
using Steady = std::chrono::steady_clock;

namespace {

const std::string kKey(32, 'c');

[[noreturn]] void die(const std::string& what, const Error& e) {
  std::cerr << what << ": " << e.detail << "\n";
  std::exit(1);
}

// City 430200 with 40 departments and 9 districts; each district 6 departments and S streets
// of 8 communities with 2 grids each, S the smallest that reaches `target`: 9 × (S × 25 + 7) +
// 41 orgs, 3,029 for the default 3,000 (S = 13).
struct City {
  std::vector<std::string> districts, depts;
  int orgs = 0;
};

City seed_orgs(Store& store, int target) {
  City c;
  const int per_street = 8;
  const int per_district = 9 * (1 + per_street * 3);  // one street with its communities and grids
  const int streets = std::max(1, (target - 41 - 9 * 7 + per_district - 1) / per_district);
  Status st = store.write([&](Tx& tx) -> Status {
    auto add = [&](const std::string& code, const std::string& name, OrgKind kind, int level,
                   std::optional<Id> parent) -> Id {
      Org o;
      o.code = code;
      o.name = name;
      o.kind = kind;
      o.level = level;
      o.parent = parent;
      auto id = db::put_org(tx, o);
      if (!id) die("org " + code, id.error());
      ++c.orgs;
      return *id;
    };
    const Id city = add("430200", "株洲市", OrgKind::area, 1, std::nullopt);
    for (int d = 1; d <= 40; ++d) {
      const std::string code = "430200-D" + std::to_string(d);
      add(code, "市直部门" + std::to_string(d), OrgKind::dept, 2, city);
      c.depts.push_back(code);
    }
    for (int d = 1; d <= 9; ++d) {
      const std::string dc = "4302" + std::to_string(10 + d);
      const Id district = add(dc, "第" + std::to_string(d) + "区", OrgKind::area, 2, city);
      c.districts.push_back(dc);
      for (int k = 1; k <= 6; ++k)
        add(dc + "-D" + std::to_string(k), "区部门" + std::to_string(k), OrgKind::dept, 3,
            district);
      for (int s = 1; s <= streets; ++s) {
        const std::string sc = dc + std::to_string(100 + s);
        const Id street = add(sc, "街道" + std::to_string(s), OrgKind::area, 3, district);
        for (int m = 1; m <= per_street; ++m) {
          const std::string mc = sc + std::to_string(100 + m);
          const Id community = add(mc, "社区" + std::to_string(m), OrgKind::area, 4, street);
          for (int g = 1; g <= 2; ++g)
            add(mc + "-G" + std::to_string(g), "网格" + std::to_string(g), OrgKind::area, 5,
                community);
        }
      }
    }
    return ok();
  });
  if (!st) die("orgs", st.error());
  return c;
}

struct Timing {
  double p50, p95, mean;
};

// `f` timed `reps` times after 20 untimed calls; `setup`, when given, runs untimed before each.
Timing time_calls(int reps, const std::function<void()>& f,
                  const std::function<void()>& setup = {}) {
  for (int i = 0; i < 20; ++i) f();
  std::vector<double> ms;
  ms.reserve(reps);
  for (int i = 0; i < reps; ++i) {
    if (setup) setup();
    auto t0 = Steady::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double x : ms) sum += x;
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)], sum / ms.size()};
}

void report(const char* what, const Timing& t) {
  std::printf("%-34s p50 %8.3f ms   p95 %8.3f ms   mean %8.3f ms\n", what, t.p50, t.p95, t.mean);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: catalog_bench URL [ORGS] [MATTERS] [REPS]\n";
    return 2;
  }
  const std::string url = argv[1];
  const int target = argc > 2 ? std::atoi(argv[2]) : 3000;
  const int n_matters = argc > 3 ? std::atoi(argv[3]) : 300;
  const int reps = argc > 4 ? std::atoi(argv[4]) : 300;

  StoreOptions so;
  so.audit_key = kKey;
  auto store = open_store(url, so);
  if (!store) die("open", store.error());
  if (auto v = (*store)->migrate(); !v) die("migrate", v.error());
  const City city = seed_orgs(**store, target);

  const auto data = std::filesystem::temp_directory_path() / "huiyin-catalog-bench";
  std::filesystem::create_directories(data);
  ManualClock clock(1795399200);
  ServiceConfig cfg;
  cfg.data_dir = data.string();
  cfg.audit_key = kKey;
  cfg.fast_password_hashing = true;
  cfg.retrain_every = 0;
  auto svc = Services::open(**store, clock, cfg);
  if (!svc) die("services", svc.error());
  Services& s = **svc;

  auto uid =
      s.auth().create_user({"bench_disp", "派单员", "Bench-pass-2026", {{"dispatcher", "430200"}}});
  if (!uid) die("user", uid.error());
  auto actor = s.auth().actor_of(*uid);
  if (!actor) die("actor", actor.error());

  const auto t_fill = Steady::now();
  std::vector<std::string> codes;
  for (int i = 0; i < n_matters; ++i) {
    IntakeRequest r;
    r.title = "小区路灯不亮 " + std::to_string(i);
    r.content = "晚上七点以后整条路都是黑的,老人出门不方便";
    r.category = "0101";
    r.district = city.districts[i % city.districts.size()];
    r.contact_name = "张三";
    r.contact_phone = "13812341234";
    auto res = s.intake().submit(r, "");
    if (!res) die("intake", res.error());
    codes.push_back(res->code);
    if (i % 2 == 0) continue;
    auto current = s.matters().get(*actor, res->code);
    if (!current) die("get", current.error());
    ActionRequest accept_req;
    accept_req.action = "accept";
    auto accept = s.matters().act(*actor, res->code, accept_req, current->summary.matter.version);
    if (!accept) die("accept", accept.error());
    ActionRequest assign;
    assign.action = "assign";
    assign.lead_org = city.depts[i % city.depts.size()];
    assign.co_orgs = {city.depts[(i + 1) % city.depts.size()]};
    assign.handling_class = "immediate";
    auto assigned = s.matters().act(*actor, res->code, assign, accept->summary.matter.version);
    if (!assigned) die("assign", assigned.error());
  }
  std::printf("backend %s: %d orgs, %d matters (filled in %.1f s), %d calls each\n",
              (*store)->backend().c_str(), city.orgs, n_matters,
              std::chrono::duration<double>(Steady::now() - t_fill).count(), reps);

  MatterQuery q;
  q.limit = 20;
  report("matter list (20 of all)", time_calls(reps, [&] {
           auto l = s.matters().list(*actor, q);
           if (!l || l->items.size() != static_cast<std::size_t>(std::min(20, n_matters)))
             die("list", l ? Error{ErrorCode::internal, "short page", {}} : l.error());
         }));
  // A campaign written straight to the store, as another node or the CLI would: the next
  // request is the first to see the catalog changed.
  int campaigns = 0;
  report("matter list, first after a change",
         time_calls(
             reps,
             [&] {
               auto l = s.matters().list(*actor, q);
               if (!l) die("list", l.error());
             },
             [&] {
               Status st = (*store)->write([&](Tx& tx) -> Status {
                 auto id =
                     db::put_campaign(tx, {0, "C" + std::to_string(campaigns++), "活动", {}, {}});
                 if (!id) return id.error();
                 return ok();
               });
               if (!st) die("campaign", st.error());
             }));
  std::size_t next = 0;
  report("matter detail", time_calls(reps, [&] {
           auto d = s.matters().get(*actor, codes[next++ % codes.size()]);
           if (!d) die("detail", d.error());
         }));
  report("org tree (all orgs)", time_calls(reps, [&] {
           auto o = s.catalog().orgs();
           if (!o || static_cast<int>(o->size()) != city.orgs)
             die("orgs", Error{ErrorCode::internal, "count", {}});
         }));
  report("districts (public form)", time_calls(reps, [&] {
           auto d = s.catalog().districts();
           if (!d) die("districts", d.error());
         }));
  int extra = 0;
  report("intake (category, district)", time_calls(reps, [&] {
           IntakeRequest r;
           r.title = "占道经营 " + std::to_string(extra++);
           r.content = "早上六点到九点路边摊占满人行道";
           r.category = "0101";
           r.district = city.districts[extra % city.districts.size()];
           r.anonymous = true;
           auto res = s.intake().submit(r, "");
           if (!res) die("intake", res.error());
         }));
  return 0;
}
