// The storage behaviour suite, run against every backend (SQLite always, PostgreSQL when
// HUIYIN_TEST_PG_URL is set): what the service layer relies on the store to do.
#include <algorithm>
#include <map>
#include <set>

#include "domain/calendar.hpp"
#include "store/audit_chain.hpp"
#include "store/search_reindex.hpp"
#include "store/migrations.hpp"
#include "store/store_test_support.hpp"
#include "text/search_key.hpp"
#include "features/matters/matter_stats_store.hpp"
#include "features/matters/matter_store.hpp"
#include "store/attachment_store.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"
#include "store/measure_store.hpp"

namespace huiyin::testing {
namespace {


class StoreTest : public StoreFixture {};

Org make_org(std::string code, std::string name, OrgKind kind, int level,
             std::optional<Id> parent) {
  Org o;
  o.code = std::move(code);
  o.name = std::move(name);
  o.kind = kind;
  o.level = level;
  o.parent = parent;
  return o;
}

Matter make_matter(const std::string& code, const std::string& title, Instant created) {
  Matter m;
  m.code = code;
  m.title = title;
  m.content = title + "，请尽快处理。";
  m.created_at = created;
  m.updated_at = created;
  return m;
}

Instant local_midnight(const char* date) { return start_of_local_day(*parse_date(date)); }

TEST_P(StoreTest, MigrateIsIdempotentAndNamesBackend) {
  auto again = store().migrate();
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ(*again, latest_migration(GetParam()));
  EXPECT_EQ(*store().migrate(), latest_migration(GetParam()));
  EXPECT_EQ(store().backend(), GetParam());
}

TEST_P(StoreTest, OrgPathsFollowTheTreeAndMoveWithIt) {
  Id city = *w([](Tx& tx) { return db::put_org(tx, make_org("430200", "株洲市", OrgKind::area, 1, {})); });
  Id d1 = *w([&](Tx& tx) { return db::put_org(tx, make_org("430202", "荷塘区", OrgKind::area, 2, city)); });
  Id s1 = *w([&](Tx& tx) { return db::put_org(tx, make_org("430202001", "月塘街道", OrgKind::area, 3, d1)); });
  Id d2 = *w([&](Tx& tx) { return db::put_org(tx, make_org("430203", "芦淞区", OrgKind::area, 2, city)); });

  auto street = r([&](Tx& tx) { return db::org_by_code(tx, "430202001"); });
  ASSERT_TRUE(street);
  EXPECT_EQ(street->id, s1);
  EXPECT_EQ(street->name, "月塘街道");
  EXPECT_EQ(street->path, "/" + std::to_string(city) + "/" + std::to_string(d1) + "/" +
                              std::to_string(s1) + "/");

  // Same code again: an update, not a new org; the id stays.
  Id again = *w([&](Tx& tx) { return db::put_org(tx, make_org("430202", "荷塘区（新）", OrgKind::area, 2, city)); });
  EXPECT_EQ(again, d1);
  EXPECT_EQ(r([&](Tx& tx) { return db::org_by_id(tx, d1); })->name, "荷塘区（新）");

  // Re-parenting a district moves its whole subtree.
  EXPECT_TRUE(w([&](Tx& tx) { return db::put_org(tx, make_org("430202", "荷塘区", OrgKind::area, 3, d2)); }).ok());
  auto moved = r([&](Tx& tx) { return db::org_by_id(tx, s1); });
  EXPECT_EQ(moved->path, "/" + std::to_string(city) + "/" + std::to_string(d2) + "/" +
                             std::to_string(d1) + "/" + std::to_string(s1) + "/");

  // No cycles, no missing parents.
  auto cycle = w([&](Tx& tx) { return db::put_org(tx, make_org("430203", "芦淞区", OrgKind::area, 2, s1)); });
  ASSERT_FALSE(cycle.ok());
  EXPECT_EQ(cycle.error().code, ErrorCode::invalid);
  auto orphan = w([&](Tx& tx) { return db::put_org(tx, make_org("X1", "无上级", OrgKind::dept, 2, 99999)); });
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::invalid);

  auto all = r([](Tx& tx) { return db::list_orgs(tx); });
  EXPECT_EQ(all.size(), 4u);
  EXPECT_FALSE(r([](Tx& tx) { return db::org_by_code(tx, "nope"); }));
}

TEST_P(StoreTest, UsersRolesAndSessions) {
  Id city = *w([](Tx& tx) { return db::put_org(tx, make_org("430200", "株洲市", OrgKind::area, 1, {})); });
  User u;
  u.username = "zhangsan";
  u.display_name = "张三";
  u.password_hash = "$argon2id$v=19$...";
  u.created_at = 1000;
  Id uid = *w([&](Tx& tx) { return db::insert_user(tx, u); });
  auto dup = w([&](Tx& tx) { return db::insert_user(tx, u); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);

  u.id = uid;
  u.display_name = "张三丰";
  u.active = false;
  EXPECT_TRUE(w([&](Tx& tx) { return db::update_user(tx, u); }).ok());
  auto got = r([&](Tx& tx) { return db::user_by_username(tx, "zhangsan"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->display_name, "张三丰");
  EXPECT_FALSE(got->active);
  EXPECT_EQ(got->created_at, 1000);
  User ghost = u;
  ghost.id = 424242;
  ghost.username = "ghost";
  EXPECT_EQ(w([&](Tx& tx) { return db::update_user(tx, ghost); }).error().code, ErrorCode::not_found);

  EXPECT_TRUE(w([&](Tx& tx) {
                return db::set_user_roles(tx, uid, {{uid, Role::dispatcher, city}, {uid, Role::admin, city}});
              }).ok());
  auto roles = r([&](Tx& tx) { return db::roles_of(tx, uid); });
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[0].role, Role::admin);
  EXPECT_EQ(roles[1].role, Role::dispatcher);
  EXPECT_TRUE(w([&](Tx& tx) { return db::set_user_roles(tx, uid, {{uid, Role::handler, city}}); }).ok());
  EXPECT_EQ(r([&](Tx& tx) { return db::roles_of(tx, uid); }).size(), 1u);

  EXPECT_TRUE(w([&](Tx& tx) { return db::insert_session(tx, {"h1", uid, "csrf1", 100, 200}); }).ok());
  EXPECT_TRUE(w([&](Tx& tx) { return db::insert_session(tx, {"h2", uid, "csrf2", 100, 500}); }).ok());
  auto s = r([](Tx& tx) { return db::session_by_hash(tx, "h1"); });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->csrf_token, "csrf1");
  EXPECT_EQ(s->expires_at, 200);
  EXPECT_TRUE(w([](Tx& tx) { return db::delete_expired_sessions(tx, 300); }).ok());
  EXPECT_FALSE(r([](Tx& tx) { return db::session_by_hash(tx, "h1"); }));
  EXPECT_TRUE(r([](Tx& tx) { return db::session_by_hash(tx, "h2"); }));
  EXPECT_TRUE(w([](Tx& tx) { return db::delete_session(tx, "h2"); }).ok());
  EXPECT_FALSE(r([](Tx& tx) { return db::session_by_hash(tx, "h2"); }));

  // A password change ends the user's other sessions and keeps the current one.
  EXPECT_TRUE(w([&](Tx& tx) { return db::insert_session(tx, {"k1", uid, "c", 100, 900}); }).ok());
  EXPECT_TRUE(w([&](Tx& tx) { return db::insert_session(tx, {"k2", uid, "c", 100, 900}); }).ok());
  EXPECT_TRUE(w([&](Tx& tx) { return db::delete_sessions_of_user(tx, uid, "k2"); }).ok());
  EXPECT_FALSE(r([](Tx& tx) { return db::session_by_hash(tx, "k1"); }));
  EXPECT_TRUE(r([](Tx& tx) { return db::session_by_hash(tx, "k2"); }));
}

TEST_P(StoreTest, MatterRoundTripsEveryFieldAndChineseText) {
  Id city = *w([](Tx& tx) { return db::put_org(tx, make_org("430200", "株洲市", OrgKind::area, 1, {})); });
  Id dept = *w([&](Tx& tx) { return db::put_org(tx, make_org("430200-CGJ", "市城管局", OrgKind::dept, 2, city)); });
  Id co = *w([&](Tx& tx) { return db::put_org(tx, make_org("430200-ZJJ", "市住建局", OrgKind::dept, 2, city)); });
  Id cat = *w([](Tx& tx) { return db::put_category(tx, {0, "01", "城乡建设", {}, 1, {}, true}); });
  Id cam = *w([](Tx& tx) { return db::put_campaign(tx, {0, "ZZXC", "常态化走找想促", 10, 20}); });
  Id rep = *w([](Tx& tx) { return db::insert_reporter(tx, {0, "李四", "13800138000", "430202199001011234", false}); });

  Matter m = make_matter("ZZ-20261122-000001", "荷塘区月塘街道路灯不亮😀", 1795000000);
  m.content = "晚上十点后整条街漆黑一片，老人小孩出行不便。“引号”、‘单引号’、'apostrophe' \\ % _";
  m.token_hash = "abc";
  m.channel = Channel::night_talk;
  m.kind = Kind::demand;
  m.category_id = cat;
  m.area_org_id = city;
  m.address = "株洲市荷塘区月塘街道新华路12号";
  m.lat = 27.8407;
  m.lng = 113.1512;
  m.reporter_id = rep;
  m.public_consent = true;
  m.status = MatterStatus::signed_;
  m.handling_class = HandlingClass::phased;
  m.lead_org_id = dept;
  m.orgs = {{dept, MatterOrgRole::lead}, {co, MatterOrgRole::co}, {city, MatterOrgRole::subject}};
  m.campaign_id = cam;
  m.deadline = 1795900000;
  m.acknowledge_due = 1795100000;
  m.extension_pending = true;
  m.extension_days_requested = 5;
  m.extensions_granted = 1;
  m.return_count = 2;
  m.reply = "已安排维修。";
  m.accepted_at = 1795000100;
  m.assigned_at = 1795000200;
  m.signed_at = 1795000300;
  m.solved = false;
  m.satisfaction = Satisfaction::basically_satisfied;

  Id id = *w([&](Tx& tx) { return db::insert_matter(tx, m); });
  auto got = r([&](Tx& tx) { return db::matter_by_code(tx, "ZZ-20261122-000001"); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->title, m.title);
  EXPECT_EQ(got->content, m.content);
  EXPECT_EQ(got->token_hash, "abc");
  EXPECT_EQ(got->channel, Channel::night_talk);
  EXPECT_EQ(got->kind, Kind::demand);
  EXPECT_EQ(got->category_id, cat);
  EXPECT_EQ(got->area_org_id, city);
  EXPECT_EQ(got->address, m.address);
  EXPECT_DOUBLE_EQ(*got->lat, 27.8407);
  EXPECT_DOUBLE_EQ(*got->lng, 113.1512);
  EXPECT_EQ(got->reporter_id, rep);
  EXPECT_TRUE(got->public_consent);
  EXPECT_EQ(got->status, MatterStatus::signed_);
  EXPECT_EQ(got->handling_class, HandlingClass::phased);
  EXPECT_EQ(got->lead_org_id, dept);
  ASSERT_EQ(got->orgs.size(), 3u);
  EXPECT_EQ(got->campaign_id, cam);
  EXPECT_EQ(got->deadline, 1795900000);
  EXPECT_EQ(got->acknowledge_due, 1795100000);
  EXPECT_TRUE(got->extension_pending);
  EXPECT_EQ(got->extension_days_requested, 5);
  EXPECT_EQ(got->extensions_granted, 1);
  EXPECT_EQ(got->return_count, 2);
  EXPECT_EQ(got->reply, "已安排维修。");
  EXPECT_EQ(got->accepted_at, 1795000100);
  EXPECT_EQ(got->signed_at, 1795000300);
  EXPECT_FALSE(got->resolved_at);
  EXPECT_EQ(got->solved, false);
  EXPECT_EQ(got->satisfaction, Satisfaction::basically_satisfied);
  EXPECT_FALSE(got->merged_into);

  auto rp = r([&](Tx& tx) { return db::reporter_by_id(tx, rep); });
  ASSERT_TRUE(rp);
  EXPECT_EQ(rp->name, "李四");
  EXPECT_EQ(rp->id_number, "430202199001011234");

  EXPECT_FALSE(r([](Tx& tx) { return db::matter_by_code(tx, "ZZ-none"); }));
  EXPECT_FALSE(r([](Tx& tx) { return db::matter_by_id(tx, 987654); }));
  auto dup = w([&](Tx& tx) { return db::insert_matter(tx, m); });
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
}

TEST_P(StoreTest, StaleVersionLosesAndNothingIsOverwritten) {
  Id id = *w([](Tx& tx) { return db::insert_matter(tx, make_matter("ZZ-1", "井盖缺失", 100)); });
  Matter a = *r([&](Tx& tx) { return db::matter_by_id(tx, id); });
  Matter b = a;
  a.status = MatterStatus::accepted;
  a.accepted_at = 200;
  b.status = MatterStatus::rejected;
  b.reply = "不属于受理范围";
  EXPECT_TRUE(w([&](Tx& tx) { return db::update_matter(tx, a, 1); }).ok());
  auto lost = w([&](Tx& tx) { return db::update_matter(tx, b, 1); });
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::conflict);

  auto now = *r([&](Tx& tx) { return db::matter_by_id(tx, id); });
  EXPECT_EQ(now.status, MatterStatus::accepted);
  EXPECT_EQ(now.version, 2);
  EXPECT_EQ(now.reply, "");

  Matter ghost = a;
  ghost.id = 999999;
  EXPECT_EQ(w([&](Tx& tx) { return db::update_matter(tx, ghost, 1); }).error().code,
            ErrorCode::not_found);
}

TEST_P(StoreTest, FailedOrThrowingWriteChangesNothing) {
  auto st = store().write([](Tx& tx) -> Status {
    EXPECT_TRUE(db::insert_matter(tx, make_matter("ZZ-R1", "回滚", 1)).ok());
    return invalid("中途失败");
  });
  EXPECT_EQ(st.error().code, ErrorCode::invalid);
  EXPECT_THROW(store().write([](Tx& tx) -> Status {
    EXPECT_TRUE(db::insert_matter(tx, make_matter("ZZ-R2", "异常", 1)).ok());
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_FALSE(r([](Tx& tx) { return db::matter_by_code(tx, "ZZ-R1"); }));
  EXPECT_FALSE(r([](Tx& tx) { return db::matter_by_code(tx, "ZZ-R2"); }));
  // The store is still usable afterwards.
  EXPECT_TRUE(w([](Tx& tx) { return db::insert_matter(tx, make_matter("ZZ-R3", "正常", 1)); }).ok());
}

TEST_P(StoreTest, NestedWriteIsRefusedInsteadOfDeadlocking) {
  Status inner = ok();
  Status outer = store().write([&](Tx&) -> Status {
    inner = store().write([](Tx&) { return ok(); });
    return ok();
  });
  EXPECT_TRUE(outer.ok());
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(inner.error().code, ErrorCode::internal);
  // Reads inside a write are fine.
  EXPECT_TRUE(store().write([&](Tx&) { return store().read([](Tx&) { return ok(); }); }).ok());
}

// A small ledger with known answers for the list and statistics tests.
struct Ledger {
  Id city, d1, s1, d2, dept, k1, k11, k2, campaign;
  std::map<std::string, Id> m;  // "m1".."m8"
  Instant d0, now;
  std::string name_of(Id id) const {
    for (const auto& [k, v] : m)
      if (v == id) return k;
    return "?";
  }
};

Ledger build_ledger(StoreFixture& f, Store& s) {
  Ledger L;
  L.d0 = local_midnight("2026-11-02");
  L.now = L.d0 + 10 * 86400;
  const Instant h = 3600, day = 86400;
  Status st = s.write([&](Tx& tx) -> Status {
    L.city = *db::put_org(tx, make_org("430200", "株洲市", OrgKind::area, 1, {}));
    L.d1 = *db::put_org(tx, make_org("430202", "荷塘区", OrgKind::area, 2, L.city));
    L.s1 = *db::put_org(tx, make_org("430202001", "月塘街道", OrgKind::area, 3, L.d1));
    L.d2 = *db::put_org(tx, make_org("430203", "芦淞区", OrgKind::area, 2, L.city));
    L.dept = *db::put_org(tx, make_org("430200-CGJ", "市城管局", OrgKind::dept, 2, L.city));
    L.k1 = *db::put_category(tx, {0, "01", "城乡建设", {}, 1, {}, true});
    L.k11 = *db::put_category(tx, {0, "0101", "道路维修", L.k1, 2, {}, true});
    L.k2 = *db::put_category(tx, {0, "02", "环境保护", {}, 1, {}, true});
    L.campaign = *db::put_campaign(tx, {0, "ZZXC", "走找想促", {}, {}});

    auto add = [&](const char* key, Matter m) {
      L.m[key] = *db::insert_matter(tx, m);
      EXPECT_TRUE(db::set_search_text(tx, L.m[key], sql::matter_search_key(m.title, m.content)).ok());
    };
    Matter m1 = make_matter("ZZ-1", "路灯不亮", L.d0 + 1 * h);
    m1.category_id = L.k11;
    m1.area_org_id = L.s1;
    add("m1", m1);

    Matter m2 = make_matter("ZZ-2", "垃圾清运不及时", L.d0 + 1 * h);
    m2.status = MatterStatus::assigned;
    m2.channel = Channel::hotline;
    m2.category_id = L.k2;
    m2.area_org_id = L.d2;
    m2.lead_org_id = L.dept;
    m2.orgs = {{L.dept, MatterOrgRole::lead}, {L.s1, MatterOrgRole::subject}};
    m2.accepted_at = L.d0 + 2 * h;
    m2.assigned_at = L.d0 + 3 * h;
    m2.deadline = L.d0 + 20 * day;
    add("m2", m2);

    Matter m3 = make_matter("ZZ-3", "道路坑洼", L.d0 + 2 * h);
    m3.status = MatterStatus::closed;
    m3.channel = Channel::visit;
    m3.category_id = L.k1;
    m3.area_org_id = L.s1;
    m3.lead_org_id = L.dept;
    m3.orgs = {{L.dept, MatterOrgRole::lead}};
    m3.campaign_id = L.campaign;
    m3.accepted_at = L.d0 + 32 * h;  // responded after 30 hours
    m3.assigned_at = L.d0 + 33 * h;
    m3.deadline = L.d0 + 5 * day;
    m3.resolved_at = L.d0 + 3 * day;
    m3.solved = true;
    m3.satisfaction = Satisfaction::satisfied;
    m3.closed_at = L.d0 + 4 * day;
    m3.return_count = 1;
    m3.public_consent = true;
    add("m3", m3);

    Matter m4 = make_matter("ZZ-4", "噪音扰民", L.d0 + 3 * h);
    m4.status = MatterStatus::rejected;
    m4.channel = Channel::hotline;
    m4.category_id = L.k2;
    m4.area_org_id = L.d2;
    m4.updated_at = L.d0 + 3 * h + 1800;  // rejected half an hour after intake
    add("m4", m4);

    Matter m5 = make_matter("ZZ-5", "占道经营", L.d0 + 4 * h);
    m5.status = MatterStatus::signed_;
    m5.category_id = L.k11;
    m5.area_org_id = L.d1;
    m5.lead_org_id = L.dept;
    m5.orgs = {{L.dept, MatterOrgRole::lead}, {L.d1, MatterOrgRole::co}};
    m5.accepted_at = L.d0 + 5 * h;
    m5.assigned_at = L.d0 + 6 * h;
    m5.deadline = L.d0 + 2 * day;  // past at `now`
    m5.return_count = 2;
    add("m5", m5);

    Matter m6 = make_matter("ZZ-6", "重复反映路灯", L.d0 + 5 * h);
    m6.status = MatterStatus::merged;
    m6.area_org_id = L.s1;
    m6.merged_into = L.m["m1"];
    add("m6", m6);

    Matter m7 = make_matter("ZZ-7", "排水不畅", L.d0 + day + 3 * h);
    m7.status = MatterStatus::reopened;
    m7.category_id = L.k2;
    m7.area_org_id = L.s1;
    m7.lead_org_id = L.dept;
    m7.orgs = {{L.dept, MatterOrgRole::lead}};
    m7.accepted_at = L.d0 + day + 4 * h;
    m7.assigned_at = L.d0 + day + 5 * h;
    m7.deadline = L.d0 + 3 * day;
    m7.resolved_at = L.d0 + 4 * day;  // late, then found unsolved
    m7.solved = false;
    m7.satisfaction = Satisfaction::dissatisfied;
    m7.public_consent = true;
    add("m7", m7);

    Matter m8 = make_matter("ZZ-8", "去年的事", L.d0 - day);
    m8.channel = Channel::patrol;
    m8.area_org_id = L.d2;
    add("m8", m8);
    return ok();
  });
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().detail);
  return L;
}

std::vector<std::string> names(const Ledger& L, const MatterPage& p) {
  std::vector<std::string> out;
  for (const auto& m : p.items) out.push_back(L.name_of(m.id));
  std::sort(out.begin(), out.end());
  return out;
}

TEST_P(StoreTest, ListFiltersSelectTheRightMatters) {
  Ledger L = build_ledger(*this, store());
  auto list = [&](auto adjust) {
    MatterFilter f;
    f.scope.all = true;
    f.now = L.now;
    f.limit = 100;
    adjust(f);
    return names(L, r([&](Tx& tx) { return db::list_matters(tx, f); }));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(list([](MatterFilter&) {}), (V{"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"}));
  EXPECT_EQ(list([](MatterFilter& f) {
              f.statuses = {MatterStatus::submitted, MatterStatus::rejected};
            }),
            (V{"m1", "m4", "m8"}));
  EXPECT_EQ(list([&](MatterFilter& f) { f.org = L.d1; }), (V{"m1", "m3", "m5", "m6", "m7"}));
  EXPECT_EQ(list([&](MatterFilter& f) { f.org = L.d2; }), (V{"m2", "m4", "m8"}));
  EXPECT_EQ(list([&](MatterFilter& f) { f.lead_org = L.dept; }), (V{"m2", "m3", "m5", "m7"}));
  EXPECT_EQ(list([&](MatterFilter& f) { f.category = L.k1; }), (V{"m1", "m3", "m5"}));
  EXPECT_EQ(list([&](MatterFilter& f) { f.category = L.k11; }), (V{"m1", "m5"}));
  EXPECT_EQ(list([](MatterFilter& f) { f.channel = Channel::hotline; }), (V{"m2", "m4"}));
  EXPECT_EQ(list([&](MatterFilter& f) { f.campaign = L.campaign; }), (V{"m3"}));
  EXPECT_EQ(list([](MatterFilter& f) { f.public_consent = true; }), (V{"m3", "m7"}));
  EXPECT_EQ(list([](MatterFilter& f) { f.public_consent = false; }).size(), 6u);
  EXPECT_EQ(list([&](MatterFilter& f) {
              f.created_from = L.d0;
              f.created_to = L.d0 + 86400;
            }),
            (V{"m1", "m2", "m3", "m4", "m5", "m6"}));
  EXPECT_EQ(list([](MatterFilter& f) { f.q = "路灯"; }), (V{"m1", "m6"}));
  EXPECT_EQ(list([](MatterFilter& f) { f.q = "尽快处理"; }).size(), 8u);  // content matches too
  EXPECT_EQ(list([](MatterFilter& f) { f.q = "%"; }), V{});              // no wildcard leaks
  EXPECT_EQ(list([](MatterFilter& f) { f.overdue = true; }), (V{"m5", "m7"}));
  EXPECT_EQ(list([](MatterFilter& f) { f.overdue = false; }).size(), 6u);
  EXPECT_EQ(list([&](MatterFilter& f) {
              f.channel = Channel::web;
              f.org = L.d1;
              f.statuses = {MatterStatus::signed_, MatterStatus::reopened};
            }),
            (V{"m5", "m7"}));

  // The search text set by the service is what is searched.
  EXPECT_TRUE(w([&](Tx& tx) {
                return db::set_search_text(tx, L.m["m2"], text::search_key("lajiqingyun 垃圾"));
              }).ok());
  EXPECT_EQ(list([](MatterFilter& f) { f.q = "lajiqingyun"; }), (V{"m2"}));
}

TEST_P(StoreTest, ScopeLimitsWhatAReaderSees) {
  Ledger L = build_ledger(*this, store());
  auto org_path = [&](Id id) { return r([&](Tx& tx) { return db::org_by_id(tx, id); })->path; };
  auto visible = [&](Scope scope) {
    MatterFilter f;
    f.scope = scope;
    f.limit = 100;
    return names(L, r([&](Tx& tx) { return db::list_matters(tx, f); }));
  };
  using V = std::vector<std::string>;
  // Area in the street, or linked to it (m2 names the street as the unit complained about).
  EXPECT_EQ(visible({false, {org_path(L.s1)}}), (V{"m1", "m2", "m3", "m6", "m7"}));
  // A department sees what it leads.
  EXPECT_EQ(visible({false, {org_path(L.dept)}}), (V{"m2", "m3", "m5", "m7"}));
  // Several subtrees: the union.
  EXPECT_EQ(visible({false, {org_path(L.d2), org_path(L.d1)}}).size(), 8u);
  EXPECT_EQ(visible({false, {}}), V{});
  EXPECT_EQ(visible({true, {}}).size(), 8u);
  // A co-unit sees it: m5 lists the district as co-unit.
  auto d1 = visible({false, {org_path(L.d1)}});
  EXPECT_TRUE(std::count(d1.begin(), d1.end(), "m5"));
}

TEST_P(StoreTest, KeysetPagingHasNoDuplicatesOrGaps) {
  std::vector<Id> all;
  w([&](Tx& tx) {
    for (int i = 0; i < 23; ++i)
      all.push_back(*db::insert_matter(tx, make_matter("ZZ-P" + std::to_string(i), "分页测试", 1000 + i)));
    return 0;
  });
  std::sort(all.rbegin(), all.rend());
  std::vector<Id> seen;
  MatterFilter f;
  f.scope.all = true;
  f.limit = 5;
  int pages = 0;
  for (;;) {
    auto page = r([&](Tx& tx) { return db::list_matters(tx, f); });
    ++pages;
    for (const auto& m : page.items) seen.push_back(m.id);
    if (!page.next_cursor) break;
    EXPECT_EQ(page.items.size(), 5u);
    f.before_id = page.next_cursor;
    if (pages == 2) {  // a new matter arriving mid-way must not shift later pages
      EXPECT_TRUE(w([](Tx& tx) { return db::insert_matter(tx, make_matter("ZZ-NEW", "新来的", 5000)); }).ok());
    }
  }
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen, all);
}

TEST_P(StoreTest, MeasuresAreVersioned) {
  Id mid = *w([](Tx& tx) { return db::insert_matter(tx, make_matter("ZZ-M", "整改", 1)); });
  Measure me;
  me.matter_id = mid;
  me.content = "更换路灯灯头";
  me.owner_name = "王五";
  me.deadline = 5000;
  me.created_at = me.updated_at = 10;
  Id id = *w([&](Tx& tx) { return db::insert_measure(tx, me); });
  Measure a = *r([&](Tx& tx) { return db::measure_by_id(tx, id); });
  EXPECT_EQ(a.content, "更换路灯灯头");
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.status, MeasureStatus::planned);
  Measure b = a;
  a.progress = 50;
  a.status = MeasureStatus::in_progress;
  b.progress = 100;
  EXPECT_TRUE(w([&](Tx& tx) { return db::update_measure(tx, a, 1); }).ok());
  EXPECT_EQ(w([&](Tx& tx) { return db::update_measure(tx, b, 1); }).error().code, ErrorCode::conflict);
  auto now = r([&](Tx& tx) { return db::measures_of(tx, mid); });
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].progress, 50);
  EXPECT_EQ(now[0].status, MeasureStatus::in_progress);
  EXPECT_EQ(now[0].version, 2);
  me.matter_id = 777777;
  EXPECT_EQ(w([&](Tx& tx) { return db::insert_measure(tx, me); }).error().code, ErrorCode::not_found);
}

TEST_P(StoreTest, EvaluationsAndAttachments) {
  Id mid = *w([](Tx& tx) { return db::insert_matter(tx, make_matter("ZZ-E", "评价", 1)); });
  Evaluation e;
  e.matter_id = mid;
  e.solved = true;
  e.satisfaction = Satisfaction::basically_satisfied;
  e.comment = "处理及时，但还有积水";
  e.source = "citizen";
  e.at = 99;
  EXPECT_TRUE(w([&](Tx& tx) { return db::insert_evaluation(tx, e); }).ok());
  auto evs = r([&](Tx& tx) { return db::evaluations_of(tx, mid); });
  ASSERT_EQ(evs.size(), 1u);
  EXPECT_EQ(evs[0].comment, "处理及时，但还有积水");
  EXPECT_EQ(evs[0].satisfaction, Satisfaction::basically_satisfied);
  EXPECT_FALSE(evs[0].by_user);

  Attachment a{0, {}, std::string(64, 'a'), "image/jpeg", 12345, "现场照片.jpg", 5};
  Id aid = *w([&](Tx& tx) { return db::insert_attachment(tx, a); });
  EXPECT_TRUE(r([&](Tx& tx) { return db::attachments_of(tx, mid); }).empty());
  EXPECT_TRUE(w([&](Tx& tx) { return db::link_attachment(tx, aid, mid); }).ok());
  auto atts = r([&](Tx& tx) { return db::attachments_of(tx, mid); });
  ASSERT_EQ(atts.size(), 1u);
  EXPECT_EQ(atts[0].original_name, "现场照片.jpg");
  EXPECT_EQ(atts[0].size, 12345);
  EXPECT_EQ(r([&](Tx& tx) { return db::attachment_by_id(tx, aid); })->matter_id, mid);
  EXPECT_EQ(w([&](Tx& tx) { return db::link_attachment(tx, 4242, mid); }).error().code,
            ErrorCode::not_found);
}

TEST_P(StoreTest, EventsFormAHashChainAndTamperingIsDetected) {
  Id mid = *w([](Tx& tx) { return db::insert_matter(tx, make_matter("ZZ-A", "审计", 1)); });
  // Before: the fresh database's keying event and the seal of the matter row.
  const ChainHead before = r([](Tx& tx) { return tx.chain_head(); });
  const std::int64_t base = before.seq;
  std::vector<Event> stored;
  for (int i = 0; i < 5; ++i) {
    Event e;
    e.matter_id = i == 2 ? std::nullopt : std::optional<Id>(mid);
    e.type = i == 2 ? "login" : "accept";
    e.actor_label = "派单员甲";
    e.at = 100 + i;
    e.payload = R"({"note":"第)" + std::to_string(i) + R"(次"})";
    e.from_status = MatterStatus::submitted;
    e.to_status = MatterStatus::accepted;
    e.is_public = i % 2 == 0;
    stored.push_back(*w([&](Tx& tx) { return tx.append_event(e); }));
  }
  EXPECT_EQ(stored[0].seq, base + 1);
  EXPECT_EQ(stored[0].prev_hash, before.hash);
  for (std::size_t i = 1; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].seq, stored[i - 1].seq + 1);
    EXPECT_EQ(stored[i].prev_hash, stored[i - 1].hash);
  }
  auto of = r([&](Tx& tx) { return tx.events_of(mid); });
  ASSERT_EQ(of.size(), 4u);
  EXPECT_EQ(of[0].payload, R"({"note":"第0次"})");
  EXPECT_EQ(of[0].to_status, MatterStatus::accepted);
  EXPECT_TRUE(of[0].is_public);

  auto verify = [&] {
    ChainVerifier v(test_audit_key());
    EXPECT_TRUE(store().read([&](Tx& tx) { return tx.for_each_event([&](const Event& e) { return v.feed(e); }); }).ok());
    return v;
  };
  auto clean = verify();
  EXPECT_TRUE(clean.ok()) << clean.problem();
  EXPECT_EQ(clean.count(), base + 5);

  raw()->exec("UPDATE events SET payload = $1 WHERE seq = $2", {R"({"note":"改过了"})", base + 3});
  auto tampered = verify();
  EXPECT_FALSE(tampered.ok());
  EXPECT_EQ(tampered.first_bad_seq(), base + 3);

  raw()->exec("UPDATE events SET payload = $1 WHERE seq = $2", {stored[2].payload, base + 3});
  EXPECT_TRUE(verify().ok());
  raw()->exec("DELETE FROM events WHERE seq = $1", {base + 4});
  auto deleted = verify();
  EXPECT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.first_bad_seq(), base + 5);
}

TEST_P(StoreTest, IdempotencyKeysKeepTheFirstResponse) {
  EXPECT_FALSE(r([](Tx& tx) { return db::idempotent_response(tx, "k1"); }));
  EXPECT_TRUE(w([](Tx& tx) { return db::put_idempotent_response(tx, "k1", R"({"code":"ZZ-1"})", 5); }).ok());
  auto second = w([](Tx& tx) { return db::put_idempotent_response(tx, "k1", R"({"code":"ZZ-2"})", 6); });
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_EQ(*r([](Tx& tx) { return db::idempotent_response(tx, "k1"); }), R"({"code":"ZZ-1"})");

  // The losing create is rolled back whole: the usual service pattern.
  Status st = store().write([](Tx& tx) -> Status {
    auto id = db::insert_matter(tx, make_matter("ZZ-DUP", "重复提交", 1));
    if (!id) return id.error();
    return db::put_idempotent_response(tx, "k1", "{}", 7);
  });
  EXPECT_EQ(st.error().code, ErrorCode::conflict);
  EXPECT_FALSE(r([](Tx& tx) { return db::matter_by_code(tx, "ZZ-DUP"); }));
}

TEST_P(StoreTest, SequencesCountFromOnePerName) {
  EXPECT_EQ(*w([](Tx& tx) { return db::next_sequence(tx, "matter:20261122"); }), 1);
  EXPECT_EQ(*w([](Tx& tx) { return db::next_sequence(tx, "matter:20261122"); }), 2);
  EXPECT_EQ(*w([](Tx& tx) { return db::next_sequence(tx, "matter:20261123"); }), 1);
  // A rolled-back transaction gives its number back.
  EXPECT_FALSE(store().write([](Tx& tx) -> Status {
    (void)db::next_sequence(tx, "matter:20261122");
    return invalid("放弃");
  }).ok());
  EXPECT_EQ(*w([](Tx& tx) { return db::next_sequence(tx, "matter:20261122"); }), 3);
}

// The catalog snapshot of every node relies on this: a committed change of an org, a category
// or a campaign always moves the version, once per transaction; nothing else moves it.
TEST_P(StoreTest, EveryCatalogWriteMovesTheCatalogVersionOncePerTransaction) {
  auto version = [&] { return r([](Tx& tx) { return db::catalog_version(tx); }); };
  auto org = [](const std::string& code, std::optional<Id> parent) {
    return make_org(code, "单位" + code, OrgKind::area, parent ? 2 : 1, parent);
  };
  EXPECT_EQ(version(), 0);
  const Id city = *w([&](Tx& tx) { return db::put_org(tx, org("430200", {})); });
  EXPECT_EQ(version(), 1);
  // Many writes in one transaction: one step, and the transaction knows it changed the catalog.
  Status many = store().write([&](Tx& tx) -> Status {
    EXPECT_FALSE(tx.catalog_changed());
    for (int i = 0; i < 5; ++i)
      if (auto id = db::put_org(tx, org("D" + std::to_string(i), city)); !id) return id.error();
    EXPECT_TRUE(tx.catalog_changed());
    EXPECT_EQ(db::catalog_version(tx), 2);  // its own step, before the commit
    return ok();
  });
  EXPECT_TRUE(many.ok());
  EXPECT_EQ(version(), 2);
  const Category category{0, "01", "城乡建设", {}, 1, {}, true};
  EXPECT_TRUE(w([&](Tx& tx) { return db::put_category(tx, category); }).ok());
  EXPECT_EQ(version(), 3);
  const Campaign campaign{0, "C1", "我为群众办实事", 1, 2};
  EXPECT_TRUE(w([&](Tx& tx) { return db::put_campaign(tx, campaign); }).ok());
  EXPECT_EQ(version(), 4);
  // A refused write and a rolled-back one leave it where it was.
  EXPECT_FALSE(w([&](Tx& tx) { return db::put_org(tx, org("X1", 99999)); }).ok());
  Status rolled_back = store().write([&](Tx& tx) -> Status {
    (void)db::put_org(tx, org("X2", city));
    return invalid("放弃");
  });
  EXPECT_FALSE(rolled_back.ok());
  EXPECT_EQ(version(), 4);
  // Other tables do not move it.
  EXPECT_TRUE(w([](Tx& tx) { return db::set_setting(tx, "k", "v"); }).ok());
  EXPECT_TRUE(w([](Tx& tx) { return db::next_sequence(tx, "matter:20261123"); }).ok());
  EXPECT_EQ(version(), 4);
}

TEST_P(StoreTest, CatalogCalendarAndSettings) {
  Id k1 = *w([](Tx& tx) { return db::put_category(tx, {0, "01", "城乡建设", {}, 1, {}, true}); });
  Id k1b = *w([](Tx& tx) { return db::put_category(tx, {0, "01", "城乡建设管理", {}, 1, {}, false}); });
  EXPECT_EQ(k1, k1b);
  EXPECT_TRUE(w([&](Tx& tx) { return db::put_category(tx, {0, "0101", "市政设施", k1, 2, {}, true}); }).ok());
  auto cats = r([](Tx& tx) { return db::list_categories(tx); });
  ASSERT_EQ(cats.size(), 2u);
  EXPECT_EQ(cats[0].name, "城乡建设管理");
  EXPECT_FALSE(cats[0].active);
  EXPECT_EQ(cats[1].parent, k1);

  EXPECT_TRUE(w([](Tx& tx) { return db::put_campaign(tx, {0, "C1", "我为群众办实事", 1, 2}); }).ok());
  auto cams = r([](Tx& tx) { return db::list_campaigns(tx); });
  ASSERT_EQ(cams.size(), 1u);
  EXPECT_EQ(cams[0].name, "我为群众办实事");
  EXPECT_EQ(cams[0].ends_at, 2);

  std::vector<CalendarDay> days = {{*parse_date("2026-10-01"), DayType::holiday, "国庆节"},
                                   {*parse_date("2026-10-10"), DayType::workday, "国庆调休"}};
  EXPECT_TRUE(w([&](Tx& tx) { return db::replace_calendar(tx, days); }).ok());
  EXPECT_TRUE(w([&](Tx& tx) { return db::replace_calendar(tx, days); }).ok());
  auto got = r([](Tx& tx) { return db::calendar_days(tx); });
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].name, "国庆节");
  EXPECT_EQ(got[1].type, DayType::workday);

  EXPECT_FALSE(r([](Tx& tx) { return db::setting(tx, "deadline_rules"); }));
  EXPECT_TRUE(w([](Tx& tx) { return db::set_setting(tx, "deadline_rules", "web\t*\t10\tworking"); }).ok());
  EXPECT_TRUE(w([](Tx& tx) { return db::set_setting(tx, "deadline_rules", "web\t*\t15\tworking"); }).ok());
  EXPECT_EQ(*r([](Tx& tx) { return db::setting(tx, "deadline_rules"); }), "web\t*\t15\tworking");
}

TEST_P(StoreTest, StatsCountTheLedgerAsDefined) {
  Ledger L = build_ledger(*this, store());
  StatsFilter f;
  f.scope.all = true;
  f.from = L.d0;
  f.to = L.d0 + 30 * 86400;
  f.now = L.now;
  auto c = r([&](Tx& tx) { return db::stats(tx, f); });
  EXPECT_EQ(c.collected, 6);  // m1..m5, m7: m6 is merged, m8 before the period
  EXPECT_EQ(c.responded, 5);
  EXPECT_EQ(c.responded_in_time, 4);  // m3 waited 30 hours
  EXPECT_EQ(c.accepted, 4);
  EXPECT_EQ(c.rejected, 1);
  EXPECT_EQ(c.assigned, 4);
  EXPECT_EQ(c.resolved, 1);
  EXPECT_EQ(c.evaluated, 2);
  EXPECT_EQ(c.solved, 1);
  EXPECT_EQ(c.satisfied, 1);
  EXPECT_EQ(c.closed, 1);
  EXPECT_EQ(c.overdue, 2);  // m5 open past deadline; m7 both resolved late and open late
  EXPECT_EQ(c.returned, 3);

  auto scoped = f;
  scoped.scope = {false, {r([&](Tx& tx) { return db::org_by_id(tx, L.d1); })->path}};
  // m1, m3, m5, m7 lie in the district; m2 names its street as the unit complained about.
  EXPECT_EQ(r([&](Tx& tx) { return db::stats(tx, scoped); }).collected, 5);
  auto org = f;
  org.org = L.d2;
  EXPECT_EQ(r([&](Tx& tx) { return db::stats(tx, org); }).collected, 2);  // m2, m4
  auto empty = f;
  empty.from = L.d0 + 100 * 86400;
  empty.to = L.d0 + 101 * 86400;
  EXPECT_EQ(r([&](Tx& tx) { return db::stats(tx, empty); }).collected, 0);

  auto grouped = [&](GroupBy by) {
    std::map<std::string, std::int64_t> out;
    for (const auto& g : r([&](Tx& tx) { return db::stats_grouped(tx, f, by); }))
      out[g.key] = g.counts.collected;
    return out;
  };
  using M = std::map<std::string, std::int64_t>;
  EXPECT_EQ(grouped(GroupBy::channel), (M{{"hotline", 2}, {"visit", 1}, {"web", 3}}));
  EXPECT_EQ(grouped(GroupBy::status), (M{{"assigned", 1}, {"closed", 1}, {"rejected", 1},
                                         {"reopened", 1}, {"signed", 1}, {"submitted", 1}}));
  EXPECT_EQ(grouped(GroupBy::category),
            (M{{std::to_string(L.k1), 3}, {std::to_string(L.k2), 3}}));
  EXPECT_EQ(grouped(GroupBy::day), (M{{"2026-11-02", 5}, {"2026-11-03", 1}}));
  EXPECT_EQ(grouped(GroupBy::org_lead), (M{{"", 2}, {std::to_string(L.dept), 4}}));

  auto by_org = r([&](Tx& tx) { return db::stats_grouped(tx, f, GroupBy::org_lead); });
  for (const auto& g : by_org) {
    if (g.key == std::to_string(L.dept)) {
      EXPECT_EQ(g.counts.overdue, 2);
      EXPECT_EQ(g.counts.returned, 3);
      EXPECT_EQ(g.counts.closed, 1);
    }
  }
}

TEST(OpenStoreTest, RejectsUnknownUrlsWithChineseText) {
  auto s = open_store("mysql://localhost/x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::invalid);
  EXPECT_NE(s.error().detail.find("数据库"), std::string::npos);
  EXPECT_FALSE(open_store("sqlite:").ok());
  auto down = open_store("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, ErrorCode::internal);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin::testing
