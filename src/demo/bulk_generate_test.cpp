// `huiyin bench generate` as a user of the filled database finds it: an intact audit chain,
// matters in every status over the last year, a province-sized org tree, the ledger and the
// figures counting the generated matters, keyword search finding them, and a matter submitted
// afterwards through intake getting a fresh code and being found too. On SQLite, and on a fresh
// PostgreSQL database as postgresql/BulkGenerate.* (skipped without HUIYIN_TEST_PG_URL).
#include "demo/bulk_generate.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "demo/demo_seed.hpp"
#include "demo/demo_test_support.hpp"
#include "features/matters/intake.hpp"
#include "features/matters/matter_store.hpp"
#include "features/matters/matters.hpp"
#include "features/reports/stats.hpp"
#include "kernel/audit.hpp"
#include "kernel/auth.hpp"
#include "kernel/support.hpp"
#include "store/directory_store.hpp"
#include "store/store_test_support.hpp"

namespace huiyin {
namespace {

namespace fs = std::filesystem;
using testing::create_pg_test_database;
using testing::test_audit_key;

// 2026-11-22 10:00 Asia/Shanghai.
const Instant kNow = start_of_local_day(Date{std::chrono::year{2026} / 11 / 22}) + 10 * 3600;

bool on_postgresql() {
  const char* b = std::getenv("HUIYIN_SERVICE_BACKEND");
  return b && std::string(b) == "postgresql";
}

// Each test is its own process and generates again: fewer on PostgreSQL, where every event of a
// bulk transaction still walks the chain head's row versions (see docs/benchmarks.md).
const std::int64_t kMatters = on_postgresql() ? 600 : 3000;

struct Generated {
  fs::path dir;
  std::string pg_db;
  std::unique_ptr<Store> store;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<Services> services;
  Id last_demo_matter = 0;  // generated matters have larger ids
  BulkReport report;
  double seconds = 0;
  bool skipped = false;
};

Generated& generated() {
  static Generated* g = [] {
    auto* x = new Generated;
    x->dir = fs::temp_directory_path() / ("huiyin_bulk_test_" + random_token(6));
    fs::create_directories(x->dir);
    std::string url = "sqlite:" + (x->dir / "huiyin.db").string();
    if (on_postgresql()) {
      x->pg_db = "huiyin_bulk_" + std::to_string(::getpid());
      url = create_pg_test_database(x->pg_db);
      if (url.empty()) {
        x->skipped = true;
        return x;
      }
    }
    auto opened = testing::open_demo_test_store(url, x->dir / "data", kNow, kNow - 400 * 86400);
    x->store = std::move(opened.store);
    x->clock = std::move(opened.clock);
    x->services = std::move(opened.services);
    if (!x->services) return x;
    auto demo = seed_demo(*x->services, DemoSeedOptions{.matters = 100});
    EXPECT_TRUE(demo.ok()) << demo.error().detail;
    (void)x->store->read([&](Tx& tx) -> Status {
      MatterFilter f;
      f.scope.all = true;
      f.limit = 1;
      auto page = db::list_matters(tx, f);
      if (!page.items.empty()) x->last_demo_matter = page.items.front().id;
      return ok();
    });
    BulkOptions o;
    o.matters = kMatters;
    o.batch = 1000;
    const auto t0 = std::chrono::steady_clock::now();
    auto r = bulk_generate(*x->services, o);
    x->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_TRUE(r.ok()) << r.error().detail;
    if (r) x->report = *r;
    return x;
  }();
  return *g;
}

Actor actor(Generated& g, const std::string& username) {
  Id id = 0;
  EXPECT_TRUE(g.store->read([&](Tx& tx) -> Status {
    if (auto u = db::user_by_username(tx, username)) id = u->id;
    return ok();
  }));
  auto a = g.services->auth().actor_of(id);
  EXPECT_TRUE(a.ok());
  return a ? *a : Actor{};
}

std::int64_t listed(Generated& g, MatterQuery q) {
  q.with_total = true;
  q.limit = 1;
  auto list = g.services->matters().list(actor(g, "admin"), q);
  EXPECT_TRUE(list.ok()) << (list ? "" : list.error().detail);
  return list && list->total ? *list->total : -1;
}

std::vector<std::string> codes_found(Generated& g, const std::string& words) {
  MatterQuery q;
  q.q = words;
  q.limit = 1000;
  auto list = g.services->matters().list(actor(g, "admin"), q);
  EXPECT_TRUE(list.ok()) << (list ? "" : list.error().detail);
  std::vector<std::string> out;
  if (list)
    for (const auto& m : list->items) out.push_back(m.matter.code);
  return out;
}

TEST(BulkGenerate, WritesTheMattersAndTheirEvents) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  EXPECT_EQ(g.report.matters, kMatters);
  EXPECT_GT(g.report.events, kMatters * 2);
  EXPECT_LT(g.report.events, kMatters * 7);
  std::printf("generated %lld matters, %lld events in %.1f s (fill %.1f s, index %.1f s)\n",
              static_cast<long long>(g.report.matters), static_cast<long long>(g.report.events),
              g.seconds, g.report.fill_seconds, g.report.index_seconds);
}

TEST(BulkGenerate, AuditChainAndRowSealsVerify) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  auto r = verify_audit_chain(*g.store, test_audit_key());
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_TRUE(r->findings.counts.empty());
  for (const auto& p : r->findings.problems) ADD_FAILURE() << p.kind << ": " << p.detail;
  EXPECT_GT(r->findings.rows_checked, kMatters * 3);
}

TEST(BulkGenerate, EveryStatusOccurs) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  for (MatterStatus s : all<MatterStatus>()) {
    MatterQuery q;
    q.statuses = {std::string(code(s))};
    EXPECT_GT(listed(g, q), 0) << code(s);
  }
}

TEST(BulkGenerate, FieldRecordsRaiseAShareOfTheMatters) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  MatterQuery q;
  q.source_kind = "any";
  q.from = format_date(local_date(kNow - 365 * 86400));
  q.to = format_date(local_date(kNow - 100 * 86400));  // before the demo city's own records
  const std::int64_t raised = listed(g, q);
  EXPECT_GT(raised, kMatters / 20);
  EXPECT_LT(raised, kMatters / 2);
}

TEST(BulkGenerate, OrgTreeGrowsToAboutTwoThousandUnitsShapedLikeTheDemoCity) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  std::vector<Org> orgs;
  ASSERT_TRUE(g.store->read([&](Tx& tx) -> Status {
    orgs = db::list_orgs(tx);
    return ok();
  }));
  EXPECT_GE(orgs.size(), 1950u);
  EXPECT_LE(orgs.size(), 2050u);
  std::set<std::string> codes;
  for (const auto& o : orgs) codes.insert(o.code);
  for (const char* c : {"430200", "430200-CGJ", "430202", "430202001", "430202-CGJ", "430202-STHJJ"})
    EXPECT_TRUE(codes.count(c)) << c;
}

TEST(BulkGenerate, EachMatterHasOneToSixEventsEndingInItsStatus) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  ASSERT_TRUE(g.store->read([&](Tx& tx) -> Status {
    MatterFilter f;
    f.scope.all = true;
    f.limit = 300;
    for (const Matter& m : db::list_matters(tx, f).items) {
      if (m.id <= g.last_demo_matter) continue;
      std::vector<Event> events = tx.events_of(m.id);
      EXPECT_GE(events.size(), 1u) << m.code;
      EXPECT_LE(events.size(), 6u) << m.code;
      if (events.empty()) continue;
      EXPECT_EQ(events.front().type, "submit") << m.code;
      EXPECT_EQ(events.back().to_status, m.status) << m.code;
      EXPECT_GE(m.created_at, kNow - 366 * 86400) << m.code;
      EXPECT_LE(m.updated_at, kNow) << m.code;
      if (m.status == MatterStatus::assigned) EXPECT_TRUE(m.deadline) << m.code;
    }
    return ok();
  }));
}

TEST(BulkGenerate, LedgerAndFiguresCountTheGeneratedMatters) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  EXPECT_GE(listed(g, MatterQuery{}), kMatters + 100);
  StatsQuery q;
  q.from = format_date(local_date(kNow - 365 * 86400));
  q.to = format_date(local_date(kNow));
  auto o = g.services->stats().overview(actor(g, "leader"), q);
  ASSERT_TRUE(o.ok()) << o.error().detail;
  // Merged duplicates are not collected; every other generated matter is.
  EXPECT_GE(o->current.counts.collected, kMatters * 85 / 100);
  EXPECT_GT(o->current.counts.resolved, kMatters / 2);
}

TEST(BulkGenerate, GeneratedMatterIsFoundByKeyword) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  std::optional<Matter> m;
  ASSERT_TRUE(g.store->read([&](Tx& tx) -> Status {
    m = db::matter_by_id(tx, g.last_demo_matter + kMatters / 2);
    return ok();
  }));
  ASSERT_TRUE(m);
  // Four characters of the title (UTF-8: three bytes each).
  const std::string words = m->title.substr(0, 12);
  auto codes = codes_found(g, words);
  EXPECT_NE(std::find(codes.begin(), codes.end(), m->code), codes.end()) << words;
}

TEST(BulkGenerate, MatterSubmittedAfterwardsGetsAFreshCodeAndIsFound) {
  Generated& g = generated();
  if (g.skipped) GTEST_SKIP() << "HUIYIN_TEST_PG_URL not set";
  std::set<std::string> before;
  ASSERT_TRUE(g.store->read([&](Tx& tx) -> Status {
    MatterFilter f;
    f.scope.all = true;
    f.limit = 1000;
    for (const Matter& m : db::list_matters(tx, f).items) before.insert(m.code);
    return ok();
  }));
  IntakeRequest req;
  req.title = "枇杷巷口井盖松动";
  req.content = "枇杷巷口的井盖松动，车辆经过时哐当作响，担心有人踩空，请尽快维修。";
  req.contact_name = "王芳";
  req.contact_phone = "13912345678";
  auto r = g.services->intake().submit(req, "");
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_FALSE(before.count(r->code)) << r->code;
  // Today's number follows the generated matters of today.
  const std::string today = r->code.substr(0, r->code.rfind('-') + 1);
  for (const auto& c : before)
    if (c.rfind(today, 0) == 0) EXPECT_LT(c, r->code);
  auto codes = codes_found(g, "井盖松动");
  EXPECT_NE(std::find(codes.begin(), codes.end(), r->code), codes.end());
}

}  // namespace
}  // namespace huiyin
