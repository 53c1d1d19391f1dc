// Concurrency on every backend: competing writers on one matter, and many threads appending
// to the audit chain at once. Real threads, real transactions, one shared Store.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "store/audit_chain.hpp"
#include "store/migrations.hpp"
#include "store/store_test_support.hpp"
#include "features/matters/matter_store.hpp"
#include "store/catalog_store.hpp"

namespace huiyin::testing {
namespace {

class StoreConcurrencyTest : public StoreFixture {};

constexpr int kThreads = 6;

TEST_P(StoreConcurrencyTest, WritersFromOneVersionExactlyOneWins) {
  Matter m;
  m.code = "ZZ-RACE";
  m.title = "并发修改";
  Id id = *w([&](Tx& tx) { return db::insert_matter(tx, m); });
  Matter base = *r([&](Tx& tx) { return db::matter_by_id(tx, id); });

  for (int round = 0; round < 3; ++round) {
    std::atomic<int> wins{0}, conflicts{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Matter mine = base;
        mine.reply = "线程" + std::to_string(t) + "的答复";
        Status st = store().write([&](Tx& tx) -> Status {
          auto up = db::update_matter(tx, mine, base.version);
          if (!up) return up;
          Event e;
          e.matter_id = id;
          e.type = "resolve";
          e.actor_label = "thread";
          e.payload = "{}";
          auto ev = tx.append_event(e);
          if (!ev) return ev.error();
          return ok();
        });
        if (st.ok())
          ++wins;
        else if (st.error().code == ErrorCode::conflict)
          ++conflicts;
        else
          ++other;
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(wins.load(), 1) << "round " << round;
    EXPECT_EQ(conflicts.load(), kThreads - 1);
    EXPECT_EQ(other.load(), 0);
    base = *r([&](Tx& tx) { return db::matter_by_id(tx, id); });
    EXPECT_EQ(base.version, round + 2);
  }
  // One event per winning update, nothing from the losers.
  EXPECT_EQ(r([&](Tx& tx) { return tx.events_of(id); }).size(), 3u);
}

TEST_P(StoreConcurrencyTest, ParallelAppendsKeepTheChainGapFreeAndIntact) {
  constexpr int kPerThread = 25;
  const std::int64_t before = r([](Tx& tx) { return tx.chain_head().seq; });  // the keying event
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status st = store().write([&](Tx& tx) -> Status {
          Event e;
          e.type = "login";
          e.actor_label = "用户" + std::to_string(t);
          e.at = i;
          e.payload = R"({"i":)" + std::to_string(i) + "}";
          auto ev = tx.append_event(e);
          if (!ev) return ev.error();
          return ok();
        });
        if (!st.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  ChainVerifier v(test_audit_key());
  EXPECT_TRUE(store().read([&](Tx& tx) {
    return tx.for_each_event([&](const Event& e) { return v.feed(e); });
  }).ok());
  EXPECT_TRUE(v.ok()) << v.problem();
  EXPECT_EQ(v.count(), before + kThreads * kPerThread);
}

TEST_P(StoreConcurrencyTest, ParallelSequencesNeverRepeat) {
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<std::int64_t> got;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        std::int64_t n = 0;
        Status st = store().write([&](Tx& tx) -> Status {
          auto r = db::next_sequence(tx, "matter:20261122");
          if (!r) return r.error();
          n = *r;
          return ok();
        });
        ASSERT_TRUE(st.ok());
        std::lock_guard lock(mu);
        got.push_back(n);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::sort(got.begin(), got.end());
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kThreads * 20));
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], static_cast<std::int64_t>(i + 1));
}

class MigrationRaceTest : public StoreFixture {
 protected:
  bool migrate_in_setup() const override { return false; }
};

TEST_P(MigrationRaceTest, ProcessesMigratingAtOnceAllReachTheSameVersion) {
  std::vector<std::unique_ptr<Store>> stores;
  for (int i = 0; i < 4; ++i) stores.push_back(std::move(open_store(url(), StoreOptions{test_audit_key(), {}}).value()));
  std::vector<int> versions(stores.size(), -1);
  std::vector<std::string> errors(stores.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < stores.size(); ++i) {
    threads.emplace_back([&, i] {
      auto v = stores[i]->migrate();
      if (v) versions[i] = *v;
      else errors[i] = v.error().detail;
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < stores.size(); ++i) EXPECT_EQ(versions[i], latest_migration(GetParam())) << errors[i];
  // Applied once: exactly one row per migration and a usable schema.
  auto c = raw();
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM schema_migrations").at(0).integer(0),
            migration_count(GetParam()));
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM events WHERE type = 'audit_keyed'").at(0).integer(0), 1);
  EXPECT_EQ(*w([](Tx& tx) { return db::next_sequence(tx, "x"); }), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationRaceTest, backends(), backend_name);

INSTANTIATE_TEST_SUITE_P(Backends, StoreConcurrencyTest, backends(), backend_name);

}  // namespace
}  // namespace huiyin::testing
