// Audit seals, by hand (figures in docs/benchmarks.md):
//   audit_bench intake DIR N        N intakes through IntakeService, with the audit key (seals,
//                                   keyed chain) and without (the unkeyed chain as before 003)
//   audit_bench verify URL N        N matters (each: submit with reporter, then an update with
//                                   a measure and an evaluation) written through the store in
//                                   batches, then one full verify, timed
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "domain/clock.hpp"
#include "features/matters/intake.hpp"
#include "kernel/services.hpp"
#include "store/audit_verify.hpp"
#include "store/store.hpp"
#include "features/matters/matter_store.hpp"
#include "store/measure_store.hpp"

using namespace huiyin;
using Steady = std::chrono::steady_clock;

namespace {

const std::string kKey(32, 'b');

double seconds_since(Steady::time_point t0) {
  return std::chrono::duration<double>(Steady::now() - t0).count();
}

double intake_run(const std::filesystem::path& dir, int n, bool keyed) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  StoreOptions o;
  if (keyed) o.audit_key = kKey;
  auto store = open_store("sqlite:" + (dir / "h.db").string(), o);
  if (!store || !(*store)->migrate()) std::abort();
  ManualClock clock(1795399200);
  ServiceConfig cfg;
  cfg.data_dir = dir.string();
  cfg.audit_key = o.audit_key;
  auto svc = Services::open(**store, clock, cfg);
  if (!svc) std::abort();
  auto t0 = Steady::now();
  for (int i = 0; i < n; ++i) {
    IntakeRequest r;
    r.title = "小区路灯不亮 " + std::to_string(i);
    r.content = "晚上七点以后整条路都是黑的,老人出门不方便";
    r.contact_name = "张三";
    r.contact_phone = "13812341234";
    auto res = (*svc)->intake().submit(r, "");
    if (!res) {
      std::cerr << res.error().detail << "\n";
      std::abort();
    }
  }
  return seconds_since(t0);
}

int verify_run(const std::string& url, int n) {
  StoreOptions o;
  o.audit_key = kKey;
  auto store = open_store(url, o);
  if (!store || !(*store)->migrate()) return 1;
  Store& s = **store;
  auto t0 = Steady::now();
  const int batch = 500;
  for (int done = 0; done < n; done += batch) {
    Status st = s.write([&](Tx& tx) -> Status {
      for (int i = done; i < std::min(n, done + batch); ++i) {
        Matter m;
        m.code = "ZZ-B-" + std::to_string(i);
        m.title = "路灯不亮 " + std::to_string(i);
        m.content = "整条路都是黑的";
        m.reporter_id = *db::insert_reporter(tx, {0, "张三", "13812341234", "", false});
        m.created_at = m.updated_at = 1000 + i;
        Id id = *db::insert_matter(tx, m);
        Event e;
        e.type = "submit";
        e.matter_id = id;
        e.at = m.created_at;
        if (!tx.append_event(e)) return invalid("event");
        m = *db::matter_by_id(tx, id);
        m.status = MatterStatus::resolved;
        m.reply = "已修复";
        if (Status u = db::update_matter(tx, m, m.version); !u) return u;
        Measure me;
        me.matter_id = id;
        me.content = "更换灯泡";
        (void)db::insert_measure(tx, me);
        Evaluation ev;
        ev.matter_id = id;
        ev.source = "citizen";
        (void)db::insert_evaluation(tx, ev);
        e.type = "resolve";
        if (!tx.append_event(e)) return invalid("event");
      }
      return ok();
    });
    if (!st) {
      std::cerr << st.error().detail << "\n";
      return 1;
    }
  }
  std::printf("wrote %d matters in %.1f s\n", n, seconds_since(t0));
  t0 = Steady::now();
  AuditFindings f;
  Status st = s.read([&](Tx& tx) -> Status {
    auto r = verify_audit(tx, kKey, {});
    if (!r) return r.error();
    f = std::move(*r);
    return ok();
  });
  if (!st) return 1;
  std::printf("verify: %.2f s, %lld events, %lld rows, ok=%d\n", seconds_since(t0),
              static_cast<long long>(f.events), static_cast<long long>(f.rows_checked),
              f.ok() ? 1 : 0);
  return f.ok() ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: audit_bench intake DIR N | verify URL N\n";
    return 2;
  }
  const std::string mode = argv[1];
  const int n = std::atoi(argv[3]);
  if (mode == "intake") {
    std::filesystem::path dir = argv[2];
    double plain = intake_run(dir / "plain", n, false);
    double keyed = intake_run(dir / "keyed", n, true);
    std::printf("%d intakes: unkeyed %.2f s (%.2f ms each), keyed+seals %.2f s (%.2f ms each)\n", n,
                plain, plain * 1000 / n, keyed, keyed * 1000 / n);
    return 0;
  }
  if (mode == "verify") return verify_run(argv[2], n);
  return 2;
}
