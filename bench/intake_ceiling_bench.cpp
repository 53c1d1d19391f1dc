// The ceilings intake over HTTP is measured against (Google Benchmark, in-process, SQLite):
//   RawInsert       a plain program's insert of one ~460-byte row per transaction into a table
//                   without indexes, with Huiyin's settings (WAL, synchronous=NORMAL): what the
//                   store can do at all;
//   Intake/threads  a citizen's intake through IntakeService — validation, reporter, matter,
//                   search key, audit event with its seals, stored figures — in one process,
//                   from 1 and 4 threads (4 share commits: store/group_commit.hpp).
// Run by `make bench` (scripts/bench.sh); figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/clock.hpp"
#include "features/matters/intake.hpp"
#include "kernel/services.hpp"
#include "store/store.hpp"

using namespace huiyin;

namespace {

std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("huiyin-ceiling-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void RawInsert(benchmark::State& state) {
  const auto dir = fresh_dir("raw");
  sqlite3* db = nullptr;
  sqlite3_open((dir / "raw.db").c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
               "CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT, content TEXT, at INTEGER)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (title, content, at) VALUES (?1, ?2, ?3)", -1, &st, nullptr);
  const std::string title = "荷塘区月塘街道小区门口的路灯不亮";
  std::string content;
  while (content.size() < 400) content += "小区门口的路灯已经坏了一个星期,晚上出行很不方便。";
  std::int64_t n = 0;
  for (auto _ : state) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_bind_text(st, 1, title.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, content.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, ++n);
    sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  state.SetItemsProcessed(state.iterations());
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}
BENCHMARK(RawInsert)->UseRealTime()->MinTime(3);

// One store and services for every thread of a run.
struct IntakeWorld {
  std::filesystem::path dir;
  ManualClock clock{1795399200};
  std::unique_ptr<Store> store;
  std::unique_ptr<Services> svc;
  std::atomic<int> counter{0};
};
std::unique_ptr<IntakeWorld> world;

void Intake(benchmark::State& state) {
  if (state.thread_index() == 0) {
    world = std::make_unique<IntakeWorld>();
    world->dir = fresh_dir("intake");
    StoreOptions o;
    o.audit_key = std::string(32, 'k');
    auto s = open_store("sqlite:" + (world->dir / "h.db").string(), o);
    if (!s || !(*s)->migrate()) {
      state.SkipWithError("store");
      return;
    }
    world->store = std::move(*s);
    ServiceConfig cfg;
    cfg.data_dir = world->dir.string();
    cfg.audit_key = o.audit_key;
    auto svc = Services::open(*world->store, world->clock, cfg);
    if (!svc) {
      state.SkipWithError("services");
      return;
    }
    world->svc = std::move(*svc);
  }
  for (auto _ : state) {
    const int i = world->counter.fetch_add(1);
    IntakeRequest r;
    r.title = "荷塘区月塘街道反映问题" + std::to_string(i);
    r.content = "荷塘区月塘街道第" + std::to_string(i % 97) +
                "号楼附近小区门口的路灯已经坏了一个星期,晚上出行很不方便,请尽快修复。";
    r.contact_name = "张三";
    r.contact_phone = "138" + std::to_string(10000000 + i % 89999999);
    auto res = world->svc->intake().submit(r, "");
    if (!res) state.SkipWithError(res.error().detail.c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(Intake)->UseRealTime()->MinTime(5)->Threads(1)->Threads(4);

}  // namespace

BENCHMARK_MAIN();
