// Tamper evidence on both backends: every kind of change made directly in the
// database — to a protected row, to the chain, to its tail — is caught by verify_audit, and
// writes through the store verify clean. Each test changes the database with raw SQL, as
// someone with database access but without the audit key would.
#include <algorithm>

#include "store/audit_chain.hpp"
#include "store/audit_verify.hpp"
#include "store/migrations.hpp"
#include "store/sql_store.hpp"
#include "store/store_test_support.hpp"
#include "features/matters/matter_store.hpp"
#include "store/catalog_store.hpp"
#include "store/directory_store.hpp"
#include "store/measure_store.hpp"

namespace huiyin::testing {
namespace {

class StoreAuditTest : public StoreFixture {
 protected:
  // A small world written the way the services write it: each change with its event.
  void seed() {
    w([&](Tx& tx) {
      Org city;
      city.code = "430200";
      city.name = "株洲市";
      city.level = 1;
      city_ = *db::put_org(tx, city);
      Org dept;
      dept.code = "430200-ZJJ";
      dept.name = "市住建局";
      dept.kind = OrgKind::dept;
      dept.level = 2;
      dept.parent = city_;
      dept_ = *db::put_org(tx, dept);
      Org other = dept;
      other.code = "430200-CGJ";
      other.name = "市城管局";
      other_ = *db::put_org(tx, other);
      User u;
      u.username = "handler";
      u.password_hash = "$argon2id$original";
      user_ = *db::insert_user(tx, u);
      (void)db::set_user_roles(tx, user_, {{user_, Role::handler, dept_}});
      (void)db::set_setting(tx, "deadline_rules", "default\t15");
      return event(tx, "admin_setup", std::nullopt);
    });
    w([&](Tx& tx) {
      reporter_ = *db::insert_reporter(tx, {0, "张三", "13812341234", "", false});
      Matter m;
      m.code = "ZZ-20261123-000001";
      m.title = "路灯不亮";
      m.content = "小区门口路灯坏了";
      m.reporter_id = reporter_;
      m.status = MatterStatus::submitted;
      m.created_at = m.updated_at = 100;
      matter_ = *db::insert_matter(tx, m);
      return event(tx, "submit", matter_);
    });
    w([&](Tx& tx) {
      Matter m = *db::matter_by_id(tx, matter_);
      m.status = MatterStatus::resolved;
      m.lead_org_id = dept_;
      m.orgs = {{dept_, MatterOrgRole::lead}};
      m.reply = "已修复";
      m.updated_at = 200;
      EXPECT_TRUE(db::update_matter(tx, m, m.version));
      Measure me;
      me.matter_id = matter_;
      me.content = "更换灯泡";
      me.progress = 40;
      me.status = MeasureStatus::in_progress;
      measure_ = *db::insert_measure(tx, me);
      Evaluation ev;
      ev.matter_id = matter_;
      ev.solved = false;
      ev.satisfaction = Satisfaction::dissatisfied;
      ev.source = "citizen";
      ev.at = 300;
      evaluation_ = *db::insert_evaluation(tx, ev);
      return event(tx, "resolve", matter_);
    });
    // A write with no event of its own: sealed by a chain-level event at commit.
    w([&](Tx& tx) { return db::insert_session(tx, {"sess-1", user_, "csrf", 400, 900}); });
  }

  Status event(Tx& tx, const std::string& type, std::optional<Id> matter) {
    Event e;
    e.type = type;
    e.matter_id = matter;
    e.actor_label = "tester";
    e.at = 500;
    auto r = tx.append_event(e);
    if (!r) return r.error();
    return ok();
  }

  AuditFindings check(const std::vector<AuditAnchor>& anchors = {}) {
    return r([&](Tx& tx) { return *verify_audit(tx, test_audit_key(), anchors); });
  }
  static std::string kinds(const AuditFindings& f) {
    std::string s;
    for (const auto& [k, n] : f.counts) s += k + "=" + std::to_string(n) + " ";
    for (const auto& p : f.problems) s += "| " + p.detail + " ";
    return s;
  }
  void expect_caught(const std::string& kind) {
    auto f = check();
    EXPECT_FALSE(f.ok());
    EXPECT_TRUE(f.counts.count(kind)) << "expected " << kind << ", got " << kinds(f);
  }
  void exec(const std::string& sql, const sql::Params& p = {}) { raw()->exec(sql, p); }
  AuditAnchor anchor_now() {
    auto h = r([](Tx& tx) { return tx.chain_head(); });
    return {h.seq, h.hash, 0};
  }

  Id city_ = 0, dept_ = 0, other_ = 0, user_ = 0, reporter_ = 0, matter_ = 0, measure_ = 0,
     evaluation_ = 0;
};

TEST_P(StoreAuditTest, WritesThroughTheStoreVerifyClean) {
  seed();
  auto f = check();
  EXPECT_TRUE(f.ok()) << kinds(f);
  EXPECT_GT(f.keyed_events, 3);
  EXPECT_GE(f.rows_checked, 11);  // 3 orgs, user, roles, setting, reporter, matter, links...
  // Verify reads every protected row: nothing is left unsealed or unchecked.
  EXPECT_EQ(f.rows_checked, f.sealed_rows);
}

TEST_P(StoreAuditTest, MatterStatusChangedDirectlyIsCaught) {
  seed();
  exec("UPDATE matters SET status = 'closed' WHERE id = $1", {matter_});
  expect_caught("row_changed");
}

TEST_P(StoreAuditTest, MatterReplyChangedDirectlyIsCaught) {
  seed();
  exec("UPDATE matters SET reply = '群众已满意' WHERE id = $1", {matter_});
  expect_caught("row_changed");
}

TEST_P(StoreAuditTest, LeadUnitChangedDirectlyIsCaught) {
  seed();
  exec("UPDATE matters SET lead_org_id = $1 WHERE id = $2", {other_, matter_});
  exec("UPDATE matter_orgs SET org_id = $1 WHERE matter_id = $2", {other_, matter_});
  auto f = check();
  EXPECT_EQ(f.counts["row_changed"], 2) << kinds(f);  // the matter row and its org links
}

TEST_P(StoreAuditTest, ReporterPhoneChangedDirectlyIsCaught) {
  seed();
  exec("UPDATE reporters SET phone = '13900000000' WHERE id = $1", {reporter_});
  expect_caught("row_changed");
}

TEST_P(StoreAuditTest, MeasureProgressChangedDirectlyIsCaught) {
  seed();
  exec("UPDATE measures SET progress = 100 WHERE id = $1", {measure_});
  expect_caught("row_changed");
}

TEST_P(StoreAuditTest, DissatisfiedEvaluationTurnedSatisfiedIsCaught) {
  seed();
  exec("UPDATE evaluations SET satisfaction = 'satisfied', solved = 1 WHERE id = $1",
       {evaluation_});
  expect_caught("row_changed");
}

TEST_P(StoreAuditTest, DeletedEvaluationIsCaught) {
  seed();
  exec("DELETE FROM evaluations WHERE id = $1", {evaluation_});
  expect_caught("row_deleted");
}

TEST_P(StoreAuditTest, ReplacedPasswordHashIsCaught) {
  seed();
  exec("UPDATE users SET password_hash = '$argon2id$attacker' WHERE id = $1", {user_});
  expect_caught("row_changed");
}

TEST_P(StoreAuditTest, InsertedAdminRoleIsCaught) {
  seed();
  exec("INSERT INTO user_roles (user_id, role, org_id) VALUES ($1, 'admin', $2)",
       {user_, city_});
  expect_caught("row_changed");
}

TEST_P(StoreAuditTest, RoleForANewUserInsertedBehindTheAppIsCaught) {
  seed();
  exec("INSERT INTO users (username, password_hash, created_at) VALUES ('mole', 'x', 1)");
  exec("INSERT INTO user_roles (user_id, role, org_id) SELECT id, 'admin', $1 FROM users "
       "WHERE username = 'mole'",
       {city_});
  auto f = check();
  EXPECT_EQ(f.counts["row_unsealed"], 2) << kinds(f);
}

TEST_P(StoreAuditTest, SessionInsertedBehindTheAppIsCaught) {
  seed();
  exec("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) "
       "VALUES ('forged', $1, 'c', 1, 99999999999)",
       {user_});
  expect_caught("row_unsealed");
}

TEST_P(StoreAuditTest, ApiKeyInsertedBehindTheAppIsCaught) {
  seed();
  exec("INSERT INTO api_keys (key_hash, name, user_id, created_at) VALUES ('h', 'k', $1, 1)",
       {user_});
  expect_caught("row_unsealed");
}

TEST_P(StoreAuditTest, SessionRenewalAndExpiryNeedNoEventAndStayClean) {
  seed();
  const auto before = r([](Tx& tx) { return tx.chain_head().seq; });
  // Sliding expiry: the service deletes and re-inserts the session with a later expires_at.
  w([&](Tx& tx) {
    (void)db::delete_session(tx, "sess-1");
    return db::insert_session(tx, {"sess-1", user_, "csrf", 400, 5000});
  });
  exec("UPDATE sessions SET expires_at = 7000");  // expires_at is not sealed
  w([&](Tx& tx) { return db::delete_expired_sessions(tx, 8000); });
  EXPECT_EQ(r([](Tx& tx) { return tx.chain_head().seq; }), before);
  auto f = check();
  EXPECT_TRUE(f.ok()) << kinds(f);
}

TEST_P(StoreAuditTest, SearchTextIsOutsideTheSeals) {
  seed();
  w([&](Tx& tx) { return db::set_search_text(tx, matter_, "路灯 灯不"); });
  exec("UPDATE matters SET search_text = 'x' WHERE id = $1", {matter_});
  auto f = check();
  EXPECT_TRUE(f.ok()) << kinds(f);
}

TEST_P(StoreAuditTest, EventsCutFromTheEndAreCaughtByTheChainHead) {
  seed();
  const auto head = anchor_now();
  exec("DELETE FROM events WHERE seq > $1", {head.seq - 2});
  auto f = check();
  EXPECT_TRUE(f.counts.count("head_mismatch")) << kinds(f);
}

TEST_P(StoreAuditTest, TruncationAfterAnAnchorIsCaughtEvenWithTheHeadRewritten) {
  seed();
  const auto anchor = anchor_now();
  // Cut the last event and move the head back onto the new last one: the chain itself is
  // consistent again, only the anchor outside the database knows.
  exec("DELETE FROM events WHERE seq = $1", {anchor.seq});
  exec("UPDATE chain_head SET seq = seq - 1, hash = (SELECT hash FROM events WHERE seq = $1)",
       {anchor.seq - 1});
  auto f = check({anchor});
  EXPECT_TRUE(f.counts.count("truncated")) << kinds(f);
  EXPECT_FALSE(f.counts.count("head_mismatch"));
}

TEST_P(StoreAuditTest, AnchoredEventRewrittenIsCaught) {
  seed();
  auto anchor = anchor_now();
  anchor.hash = std::string(64, 'a');  // the anchor file says another hash was there
  auto f = check({anchor});
  EXPECT_TRUE(f.counts.count("anchor_mismatch")) << kinds(f);
}

// Someone edits an event and recomputes its hash and every later one with plain SHA-256 (the
// old, unkeyed scheme), moving the chain head too: without the key the chain cannot be redone.
TEST_P(StoreAuditTest, ChainRecomputedWithoutTheKeyIsCaught) {
  seed();
  std::vector<Event> events = r([](Tx& tx) {
    std::vector<Event> v;
    (void)tx.for_each_event([&](const Event& e) {
      v.push_back(e);
      return true;
    });
    return v;
  });
  ASSERT_GT(events.size(), 3u);
  auto c = raw();
  const std::size_t from = events.size() - 2;
  for (std::size_t i = from; i < events.size(); ++i) {
    Event& e = events[i];
    if (i == from) e.payload = R"({"note":"改写"})";
    e.prev_hash = events[i - 1].hash;
    e.hash = event_hash(e);
    c->exec("UPDATE events SET payload = $1, prev_hash = $2, hash = $3 WHERE seq = $4",
            {e.payload, e.prev_hash, e.hash, e.seq});
  }
  c->exec("UPDATE chain_head SET hash = $1", {events.back().hash});
  auto f = check();
  EXPECT_TRUE(f.counts.count("chain_broken")) << kinds(f);
  ASSERT_TRUE(f.first_bad_seq);
  EXPECT_EQ(*f.first_bad_seq, events[from].seq);

  // Rewriting the whole chain as an unkeyed one (seals dropped) is no better.
  for (std::size_t i = 0; i < events.size(); ++i) {
    Event& e = events[i];
    e.seals.clear();
    e.prev_hash = i ? events[i - 1].hash : kGenesisHash;
    e.hash = event_hash(e);
    c->exec("UPDATE events SET seals = '', prev_hash = $1, hash = $2 WHERE seq = $3",
            {e.prev_hash, e.hash, e.seq});
  }
  c->exec("UPDATE chain_head SET hash = $1", {events.back().hash});
  auto g = check();
  EXPECT_TRUE(g.counts.count("not_keyed")) << kinds(g);
}

TEST_P(StoreAuditTest, SealsEditedInAnEventBreakTheKeyedHash) {
  seed();
  // Make the tampered evaluation look sealed by editing the seal inside the event instead.
  exec("UPDATE evaluations SET satisfaction = 'satisfied' WHERE id = $1", {evaluation_});
  exec("UPDATE events SET seals = '' WHERE seals LIKE '%evaluations%'");
  auto f = check();
  EXPECT_TRUE(f.counts.count("chain_broken")) << kinds(f);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreAuditTest, backends(), backend_name);

// A database made by the release before migration 003: an unkeyed chain and no seals.
class AuditUpgradeTest : public StoreFixture {
 protected:
  bool migrate_in_setup() const override { return false; }
  sql::Dialect dialect() const {
    return {GetParam() == "sqlite" ? sql::Dialect::Kind::sqlite : sql::Dialect::Kind::postgresql};
  }
  // Writes rows and v1 events at schema version 2, the way that release did (no key).
  Id build_release_db() {
    auto c = raw();
    EXPECT_EQ(*sql::apply_migrations(*c, dialect(), 2), 2);
    sql::SqlStore old(dialect(), [u = url()] { return sql::open_connection(u); }, 1);
    Id matter = 0;
    EXPECT_TRUE(old.write([&](Tx& tx) -> Status {
      Org city;
      city.code = "430200";
      city.name = "株洲市";
      city.level = 1;
      (void)db::put_org(tx, city);
      Matter m;
      m.code = "ZZ-OLD-1";
      m.title = "旧版本的事项";
      m.reporter_id = *db::insert_reporter(tx, {0, "李四", "13700001111", "", false});
      m.created_at = m.updated_at = 10;
      matter = *db::insert_matter(tx, m);
      Evaluation ev;
      ev.matter_id = matter;
      ev.satisfaction = Satisfaction::dissatisfied;
      ev.source = "citizen";
      (void)db::insert_evaluation(tx, ev);
      Event e;
      e.type = "submit";
      e.matter_id = matter;
      e.at = 10;
      if (auto r = tx.append_event(e); !r) return r.error();
      e.type = "evaluate";
      if (auto r = tx.append_event(e); !r) return r.error();
      return ok();
    }));
    return matter;
  }
};

TEST_P(AuditUpgradeTest, ReleaseDatabaseIsSealedByOneChainLevelEventAndTamperingIsCaught) {
  Id matter = build_release_db();
  EXPECT_FALSE(store().audit_chain_keyed());
  auto v = store().migrate();
  ASSERT_TRUE(v.ok()) << v.error().detail;
  EXPECT_TRUE(store().audit_chain_keyed());

  auto events = r([](Tx& tx) {
    std::vector<Event> out;
    (void)tx.for_each_event([&](const Event& e) {
      out.push_back(e);
      return true;
    });
    return out;
  });
  // The two old events, then the upgrade's seal and keying events, none on a matter.
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events[0].type, "submit");
  EXPECT_EQ(events[1].type, "evaluate");
  for (std::size_t i = 2; i < events.size(); ++i) EXPECT_FALSE(events[i].matter_id) << i;
  EXPECT_EQ(events.back().type, "audit_keyed");
  EXPECT_EQ(r([&](Tx& tx) { return tx.events_of(matter); }).size(), 2u);

  auto clean = r([&](Tx& tx) { return *verify_audit(tx, test_audit_key(), {}); });
  EXPECT_TRUE(clean.ok());
  EXPECT_EQ(clean.first_keyed_seq, 3);
  EXPECT_EQ(clean.rows_checked, clean.sealed_rows);

  // Migrating again adds nothing.
  ASSERT_TRUE(store().migrate().ok());
  EXPECT_EQ(r([](Tx& tx) { return tx.chain_head().seq; }), events.back().seq);

  raw()->exec("UPDATE evaluations SET satisfaction = 'satisfied'");
  auto bad = r([&](Tx& tx) { return *verify_audit(tx, test_audit_key(), {}); });
  EXPECT_EQ(bad.counts["row_changed"], 1);
  // An old (v1) event edited after the upgrade breaks the link into the keyed part.
  raw()->exec("UPDATE events SET payload = '{\"x\":1}' WHERE seq = 1");
  bad = r([&](Tx& tx) { return *verify_audit(tx, test_audit_key(), {}); });
  EXPECT_TRUE(bad.counts.count("chain_broken"));
}

TEST_P(AuditUpgradeTest, BrokenReleaseChainIsNotSealed) {
  build_release_db();
  raw()->exec("UPDATE events SET payload = '{\"forged\":true}' WHERE seq = 1");
  auto v = store().migrate();
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().detail.find("拒绝以密钥封存"), std::string::npos) << v.error().detail;
  EXPECT_FALSE(store().audit_chain_keyed());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditUpgradeTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin::testing
