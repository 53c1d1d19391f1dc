// The demo city as a user finds it after `huiyin serve --demo`: a real org tree, demo users who
// can log in, a few hundred matters in every status and from every channel written in natural
// Chinese, figures that look like a working office, an intact audit chain, and nothing doubled
// when the seeding runs again.
#include "demo/demo_seed.hpp"
#include "demo/demo_test_support.hpp"
#include "features/records/records.hpp"
#include "kernel/auth.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "kernel/audit.hpp"
#include "kernel/auth.hpp"
#include "demo/demo_seed_data.hpp"
#include "demo/demo_seed_plan.hpp"
#include "features/reports/circular.hpp"
#include "features/reports/stats.hpp"
#include "share/resources.hpp"
#include "features/matters/matter_facts_store.hpp"
#include "features/matters/matter_store.hpp"
#include "features/reports/rate_counts.hpp"
#include "features/matters/matters.hpp"
#include "store/directory_store.hpp"

namespace huiyin {
namespace {

namespace fs = std::filesystem;

// 2026-11-22 10:00 Asia/Shanghai.
const Instant kNow = start_of_local_day(Date{std::chrono::year{2026} / 11 / 22}) + 10 * 3600;

struct Seeded {
  fs::path dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<Services> services;
  DemoSeedReport report;
  double seconds = 0;
};

Seeded& seeded() {
  static Seeded* s = [] {
    auto* x = new Seeded;
    x->dir = fs::temp_directory_path() /
             ("huiyin_demo_seed_test_" + std::to_string(::getpid()));
    fs::remove_all(x->dir);
    fs::create_directories(x->dir);
    // Chain events of the store itself before the seeded history.
    auto opened = testing::open_demo_test_store("sqlite:" + (x->dir / "huiyin.db").string(),
                                                x->dir / "data", kNow, kNow - 93 * 86400);
    x->store = std::move(opened.store);
    x->clock = std::move(opened.clock);
    x->services = std::move(opened.services);
    auto t0 = std::chrono::steady_clock::now();
    auto r = seed_demo(*x->services, DemoSeedOptions{});
    x->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_TRUE(r.ok()) << r.error().detail;
    if (r) x->report = *r;
    return x;
  }();
  return *s;
}

std::vector<Matter> all_matters(Store& store) {
  std::vector<Matter> out;
  Status st = store.read([&](Tx& tx) -> Status {
    MatterFilter f;
    f.scope.all = true;
    f.limit = 1000;
    for (;;) {
      MatterPage page = db::list_matters(tx, f);
      out.insert(out.end(), page.items.begin(), page.items.end());
      if (!page.next_cursor) break;
      f.before_id = page.next_cursor;
    }
    return ok();
  });
  EXPECT_TRUE(st.ok());
  return out;
}

struct Counts {
  size_t orgs = 0, users = 0, matters = 0;
  std::int64_t events = 0;
};

Counts counts(Store& store) {
  Counts c;
  Status st = store.read([&](Tx& tx) -> Status {
    c.orgs = db::list_orgs(tx).size();
    c.users = db::list_users(tx).size();
    return tx.for_each_event([&](const Event&) {
      ++c.events;
      return true;
    });
  });
  EXPECT_TRUE(st.ok());
  c.matters = all_matters(store).size();
  return c;
}

TEST(DemoSeed, SeedsFourHundredMattersInSeconds) {
  Seeded& s = seeded();
  ASSERT_TRUE(s.report.seeded);
  EXPECT_EQ(s.report.matters, 400);
  // The planned 400, the 8 problems the demo's field visits found and the 54 of its other
  // field records (records.tsv).
  EXPECT_EQ(all_matters(*s.store).size(), 462u);
  EXPECT_GT(s.report.steps, 2000);
  std::printf("seeded %d matters in %d steps in %.1f s\n", s.report.matters, s.report.steps,
              s.seconds);
}

TEST(DemoSeed, FieldVisitsAreRecordedWithTheMattersTheyFoundAndTheirDecisions) {
  Seeded& s = seeded();
  EXPECT_EQ(s.report.records, 48);
  Id leader_id = 0;
  ASSERT_TRUE(s.store->read([&](Tx& tx) -> Status {
    if (auto u = db::user_by_username(tx, "leader")) leader_id = u->id;
    return ok();
  }));
  auto leader = s.services->auth().actor_of(leader_id);
  ASSERT_TRUE(leader);
  RecordListQuery visits;
  visits.kind = "visit";
  visits.limit = 200;
  auto list = s.services->records().list(*leader, visits);
  ASSERT_TRUE(list) << list.error().detail;
  ASSERT_EQ(list->items.size(), 11u);  // 6 in visits.tsv, 5 in records.tsv
  std::size_t matters = 0, measures = 0;
  for (const auto& v : list->items) {
    EXPECT_EQ(v.record.kind, "visit");
    matters += v.matters.size();
    measures += v.measures.size();
  }
  EXPECT_EQ(matters, 13u);
  EXPECT_EQ(measures, 4u);
  std::map<Channel, std::size_t> sourced;
  for (const auto& m : all_matters(*s.store))
    if (m.source.kind == "record") ++sourced[m.channel];
  EXPECT_EQ(sourced[Channel::visit], 13u);
  EXPECT_EQ(sourced[Channel::petition], 12u);
  EXPECT_EQ(sourced[Channel::night_talk], 11u);
  EXPECT_EQ(sourced[Channel::joint_meeting], 3u);
  std::size_t total = 0;
  for (const auto& [ch, n] : sourced) total += n;
  EXPECT_EQ(total, 62u);
}

TEST(DemoSeed, EveryKindOfFieldRecordIsThereAndTheGrassrootsFiguresAreFull) {
  Seeded& s = seeded();
  Id leader_id = 0;
  ASSERT_TRUE(s.store->read([&](Tx& tx) -> Status {
    leader_id = db::user_by_username(tx, "leader")->id;
    return ok();
  }));
  auto leader = s.services->auth().actor_of(leader_id);
  ASSERT_TRUE(leader);
  GrassrootsQuery q;
  q.from = format_date(local_date(kNow - 92 * 86400));
  auto g = s.services->records().grassroots(*leader, q);
  ASSERT_TRUE(g) << g.error().detail;
  for (const auto& [kind, n] : g->records) EXPECT_GT(n, 0) << kind;
  EXPECT_GT(g->batches, 10);
  EXPECT_GE(g->persons, g->batches);
  EXPECT_EQ(g->matters_raised, 62);
  EXPECT_GT(g->solved, 20);
  EXPECT_LT(g->solved, g->matters_raised);
  EXPECT_GT(g->measures_done, 5);
  EXPECT_LT(g->measures_done, g->measures_proposed);
  std::printf("%s\n", g->summary_text.c_str());
}

// Petitions with their documents: most 受理告知书 issued, one reception's petition past its 15
// days without one, and one in its 复查 at the office above the unit that replied.
TEST(DemoSeed, PetitionsHaveTheirNoticesAndOneIsInReview) {
  Seeded& s = seeded();
  Id id = 0;
  ASSERT_TRUE(s.store->read([&](Tx& tx) -> Status {
    id = db::user_by_username(tx, "dispatcher")->id;
    return ok();
  }));
  auto office = s.services->auth().actor_of(id);
  ASSERT_TRUE(office);
  int issued = 0, petitions = 0;
  std::string overdue_title, review_lead;
  for (const auto& m : all_matters(*s.store)) {
    if (m.channel != Channel::petition) continue;
    ++petitions;
    auto d = s.services->matters().get(*office, m.code);
    ASSERT_TRUE(d && d->petition) << m.code;
    if (d->petition->notice_issued_at) ++issued;
    if (m.title == "房屋漏雨无力维修") EXPECT_TRUE(d->petition->notice_overdue);
    if (d->petition->stage == PetitionStage::review && d->summary.lead_org) review_lead = d->summary.lead_org->name;
  }
  EXPECT_GT(issued, petitions / 2) << issued << " of " << petitions;
  EXPECT_EQ(review_lead, "株洲市");
  MatterQuery q;
  q.notice_overdue = true;
  q.limit = 200;
  auto late = s.services->matters().list(*office, q);
  ASSERT_TRUE(late);
  EXPECT_TRUE(std::any_of(late->items.begin(), late->items.end(), [](const MatterSummary& m) {
    return m.matter.title == "房屋漏雨无力维修";
  }));
}

TEST(DemoSeed, EveryStatusAndEveryChannelIsThere) {
  std::map<MatterStatus, int> by_status;
  std::map<Channel, int> by_channel;
  for (const auto& m : all_matters(*seeded().store)) {
    ++by_status[m.status];
    ++by_channel[m.channel];
  }
  for (MatterStatus st : all<MatterStatus>()) EXPECT_GT(by_status[st], 0) << code(st);
  for (Channel ch : all<Channel>()) EXPECT_GT(by_channel[ch], 0) << code(ch);
  EXPECT_GT(by_status[MatterStatus::closed], 120);  // most matters are struck off
}

TEST(DemoSeed, CityTreeIsZhuzhouWithItsDistrictsStreetsAndDepartments) {
  std::vector<Org> orgs;
  ASSERT_TRUE(seeded().store->read([&](Tx& tx) -> Status {
    orgs = db::list_orgs(tx);
    return ok();
  }));
  std::map<std::string, Org> by_code;
  for (const auto& o : orgs) by_code[o.code] = o;
  ASSERT_TRUE(by_code.count("430200"));
  EXPECT_EQ(by_code["430200"].name, "株洲市");
  EXPECT_EQ(by_code["430202"].name, "荷塘区");
  EXPECT_EQ(by_code["430281"].name, "醴陵市");
  EXPECT_EQ(by_code["430202"].parent, by_code["430200"].id);
  int areas = 0, depts = 0, communities = 0;
  for (const auto& o : orgs) {
    if (o.kind == OrgKind::area) ++areas;
    if (o.kind == OrgKind::dept) ++depts;
    if (o.kind == OrgKind::area && o.level == 4) ++communities;
  }
  EXPECT_GT(areas, 150);
  EXPECT_GE(depts, 30);
  EXPECT_GT(communities, 80);
  ASSERT_TRUE(by_code.count("430200-CGJ"));
  EXPECT_EQ(by_code["430200-CGJ"].name, "市城管局");
}

TEST(DemoSeed, DemoUsersLogInWithTheirRoles) {
  Services& sv = *seeded().services;
  const std::map<std::string, Role> users = {
      {"admin", Role::admin},           {"dispatcher", Role::dispatcher},
      {"handler", Role::handler},       {"unit_leader", Role::unit_leader},
      {"supervisor", Role::supervisor}, {"leader", Role::leader},
      {"collector", Role::collector},   {"dispatcher_hetang", Role::dispatcher},
      {"handler_zhujian", Role::handler}};
  for (const auto& [name, role] : users) {
    auto r = sv.auth().login(name, kDemoPassword);
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().detail;
    EXPECT_TRUE(r->actor.has(role)) << name;
  }
  EXPECT_FALSE(sv.auth().login("admin", "wrong-password").ok());
}

TEST(DemoSeed, AuditChainVerifies) {
  auto r = seeded().services->audit().verify();
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_GT(r->events_checked, 2000);
  // Every protected row the seeding wrote (through the real use cases) matches its seal.
  EXPECT_GT(r->findings.rows_checked, 1000);
}

// The stored per-matter figures the dashboard reads, written action by action while the city was
// seeded, equal a full recount of its matters and events, now and after the deadlines pass.
TEST(DemoSeed, StoredFiguresEqualAFullRecountOfTheCity) {
  for (Instant now : {kNow, kNow + 40 * 86400}) {
    std::vector<std::string> d;
    Status st = seeded().store->read([&](Tx& tx) -> Status {
      EXPECT_FALSE(db::matter_facts_behind(tx));
      d = db::stored_figures_differences(tx, now);
      return ok();
    });
    ASSERT_TRUE(st) << st.error().detail;
    std::string text;
    for (const auto& line : d) text += line + "\n";
    EXPECT_TRUE(d.empty()) << text;
  }
}

TEST(DemoSeed, EventsRunForwardInTimeAndEndBeforeNow) {
  Instant last = 0;
  bool monotonic = true;
  ASSERT_TRUE(seeded().store->read([&](Tx& tx) -> Status {
    return tx.for_each_event([&](const Event& e) {
      if (e.at < last) monotonic = false;
      last = e.at;
      return true;
    });
  }));
  EXPECT_TRUE(monotonic);
  EXPECT_LE(last, kNow);
  for (const auto& m : all_matters(*seeded().store)) {
    EXPECT_GE(m.created_at, kNow - 92 * 86400) << m.code;
    EXPECT_LT(m.created_at, kNow) << m.code;
  }
}

TEST(DemoSeed, TextsReadLikeRealMattersAndReplies) {
  std::set<std::string> titles;
  int replies = 0;
  for (const auto& m : all_matters(*seeded().store)) {
    titles.insert(m.title);
    EXPECT_EQ(m.title.find('{'), std::string::npos) << m.title;
    EXPECT_EQ(m.content.find('{'), std::string::npos) << m.content;
    EXPECT_EQ(m.reply.find('{'), std::string::npos) << m.reply;
    EXPECT_FALSE(m.address.empty()) << m.code;
    if (m.status == MatterStatus::closed) {
      EXPECT_NE(m.reply.find("于"), std::string::npos) << m.reply;  // "已于11月3日…"
      EXPECT_NE(m.reply.find("月"), std::string::npos) << m.reply;
      ++replies;
    }
  }
  EXPECT_GT(titles.size(), 200u);  // varied, not "测试1", "测试2"
  EXPECT_GT(replies, 100);
}

TEST(DemoSeed, FiguresLookLikeAWorkingOffice) {
  Seeded& s = seeded();
  auto leader = s.services->auth().login("leader", kDemoPassword);
  ASSERT_TRUE(leader.ok());
  StatsQuery q;
  q.from = format_date(local_date(kNow - 95 * 86400));
  q.to = format_date(local_date(kNow));
  auto o = s.services->stats().overview(leader->actor, q);
  ASSERT_TRUE(o.ok()) << o.error().detail;
  const StatsCounts& c = o->current.counts;
  EXPECT_GT(c.collected, 350);
  EXPECT_GT(c.overdue, 5);
  EXPECT_GT(c.returned, 5);
  ASSERT_TRUE(o->current.rates.satisfaction.value().has_value());
  EXPECT_GT(*o->current.rates.satisfaction.value(), 0.8);
  EXPECT_LT(*o->current.rates.satisfaction.value(), 1.0);  // some dissatisfied
  ASSERT_TRUE(o->current.rates.resolution.value().has_value());
  EXPECT_LT(*o->current.rates.resolution.value(), 1.0);  // some reopened
  int with_campaign = 0, reopened_once = 0;
  for (const auto& m : all_matters(*s.store)) {
    if (m.campaign_id) ++with_campaign;
    if (m.status == MatterStatus::reopened) ++reopened_once;
  }
  EXPECT_GT(with_campaign, 20);
  EXPECT_GT(reopened_once, 0);
}

TEST(DemoSeed, LastMonthsCircularIsPublishedWithCasesAndListsAndStillMatches) {
  Seeded& s = seeded();
  auto sup = s.services->auth().login("supervisor", kDemoPassword);
  ASSERT_TRUE(sup.ok());
  auto list = s.services->circulars().list(sup->actor, "");
  ASSERT_TRUE(list.ok()) << list.error().detail;
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().period, "2026-10");
  EXPECT_EQ(list->front().org.code, kDemoCityCode);
  auto c = s.services->circulars().get(sup->actor, *list->front().id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->content["cases"].size(), 2u);
  EXPECT_GT(c->inputs["figures"]["collected"].get<int>(), 50);
  int escalated = 0;
  for (const char* k : {"supervised", "circulated", "talk"})
    escalated += c->inputs["lists"][k]["count"].get<int>();
  EXPECT_GT(escalated, 0) << "published after the scheduler's tick";
  auto k = s.services->circulars().verify(sup->actor, *c->id);
  ASSERT_TRUE(k.ok());
  EXPECT_TRUE(k->stored_intact);
  EXPECT_TRUE(k->inputs_match);
}

TEST(DemoSeed, SeedingTwiceChangesNothing) {
  Seeded& s = seeded();
  Counts before = counts(*s.store);
  auto again = seed_demo(*s.services, DemoSeedOptions{});
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_FALSE(again->seeded);
  Counts after = counts(*s.store);
  EXPECT_EQ(before.orgs, after.orgs);
  EXPECT_EQ(before.users, after.users);
  EXPECT_EQ(before.matters, after.matters);
  EXPECT_EQ(before.events, after.events);
}

TEST(DemoSeedPlan, SameSeedSamePlanOtherSeedOtherTexts) {
  auto data = load_demo_data();
  ASSERT_TRUE(data.ok()) << data.error().detail;
  DeadlineSetup dl;
  auto rules = DeadlineRules::parse_tsv(*resource("deadline_rules.tsv"));
  ASSERT_TRUE(rules.ok());
  dl.rules = *rules;
  DemoPlanOptions a{60, 7, 90, kNow}, b{60, 8, 90, kNow};
  auto p1 = plan_demo_matters(*data, dl, a), p2 = plan_demo_matters(*data, dl, a),
       p3 = plan_demo_matters(*data, dl, b);
  ASSERT_EQ(p1.size(), 60u);
  int differ = 0;
  for (size_t i = 0; i < p1.size(); ++i) {
    EXPECT_EQ(p1[i].request.content, p2[i].request.content);
    EXPECT_EQ(p1[i].steps.size(), p2[i].steps.size());
    if (p1[i].request.content != p3[i].request.content) ++differ;
    for (size_t k = 1; k < p1[i].steps.size(); ++k)
      EXPECT_GE(p1[i].steps[k].at, p1[i].steps[k - 1].at);
    EXPECT_LT(p1[i].steps.back().at, kNow);
  }
  EXPECT_GT(differ, 30);
}

TEST(DemoSeedData, BadFilesAreNamedWithTheirLine) {
  DemoFiles files;
  for (const char* n : {"orgs.tsv", "users.tsv", "campaigns.tsv", "category_depts.tsv",
                        "problems.tsv", "places.tsv", "phrases.tsv"})
    files[n] = *resource(std::string("demo/") + n);
  ASSERT_TRUE(parse_demo_data(files).ok());

  DemoFiles orphan = files;
  orphan["orgs.tsv"] = "code\tname\tkind\tlevel\tparent\n430200\t株洲市\tarea\t1\t\n"
                       "430299001\t无名街道\tarea\t3\t430299\n";
  auto r = parse_demo_data(orphan);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().detail.find("第3行"), std::string::npos) << r.error().detail;

  DemoFiles no_handler = files;
  no_handler["users.tsv"] = "username\tdisplay_name\trole\torg\nadmin\t管理员\tadmin\t430200\n";
  auto h = parse_demo_data(no_handler);
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.error().detail.find("承办人"), std::string::npos) << h.error().detail;
}

TEST(DemoSeed, TheHetangRotaShowsItsTurnsWithOnePeriodMissedAndTheMeetingsFormASeries) {
  Seeded& s = seeded();
  Id id = 0;
  ASSERT_TRUE(s.store->read([&](Tx& tx) -> Status {
    id = db::user_by_username(tx, "dispatcher_hetang")->id;
    return ok();
  }));
  auto hetang = s.services->auth().actor_of(id);
  ASSERT_TRUE(hetang);
  auto rotas = s.services->records().rotas(*hetang);
  ASSERT_TRUE(rotas) << rotas.error().detail;
  ASSERT_EQ(rotas->size(), 1u);
  const RotaView& v = rotas->front();
  ASSERT_EQ(v.periods.size(), 8u);
  int done = 0, missed = 0;
  for (const auto& p : v.periods) {
    if (p.state == "done") ++done;
    if (p.state == "missed") ++missed;
  }
  EXPECT_EQ(done, 6);
  EXPECT_EQ(missed, 1);
  EXPECT_EQ(v.current.state, "due");
  EXPECT_EQ(v.current.lead.code, "430202-ZJJ");
  EXPECT_EQ(v.next.lead.code, "430202-CGJ");

  RecordListQuery q;
  q.kind = "joint_meeting";
  auto meetings = s.services->records().list(*hetang, q);
  ASSERT_TRUE(meetings);
  std::string first;
  for (const auto& m : meetings->items)
    if (!m.record.detail.contains("series")) first = m.record.code;
  q.series = first;
  auto series = s.services->records().list(*hetang, q);
  ASSERT_TRUE(series);
  EXPECT_EQ(series->items.size(), 3u);
  for (const auto& m : series->items) EXPECT_EQ(m.record.detail["parties"].size(), 6u);
}

}  // namespace
}  // namespace huiyin
