// Group commit on a real SQLite file: concurrent writes share commits and every one returns only
// once its rows are there for another connection to read; a failing write is rolled back alone;
// a request alone commits by itself, at once.
#include "store/group_commit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

namespace huiyin::sql {
namespace {

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("huiyin-group-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "g.db").string();
    open_sqlite(path_)->exec_script("CREATE TABLE t (id INTEGER PRIMARY KEY, who INTEGER NOT NULL, n INTEGER NOT NULL)");
    group_ = std::make_unique<GroupCommit>([p = path_] { return open_sqlite(p); },
                                           [](const SqlError& e) { return Error{ErrorCode::internal, e.what(), {}}; });
  }
  void TearDown() override {
    group_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::int64_t rows(const std::string& where = "1 = 1") {
    return open_sqlite(path_)->query("SELECT COUNT(*) FROM t WHERE " + where).at(0).integer(0);
  }
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<GroupCommit> group_;
};

TEST_F(GroupCommitTest, ConcurrentWritesShareCommitsAndEachReturnsOnlyOnceItsRowIsReadable) {
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> unseen{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto reader = open_sqlite(path_);
      for (int i = 0; i < kEach; ++i) {
        Status st = group_->run([&](Connection& c) -> Status {
          c.exec("INSERT INTO t (who, n) VALUES ($1, $2)", {t, i});
          std::this_thread::sleep_for(std::chrono::microseconds(300));  // others queue meanwhile
          return ok();
        });
        if (!st) {
          ++failed;
          continue;
        }
        // Acknowledged: committed, so another connection reads it now.
        if (reader->query("SELECT COUNT(*) FROM t WHERE who = $1 AND n = $2", {t, i}).at(0).integer(0) != 1)
          ++unseen;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(unseen.load(), 0) << "a write returned before its group committed";
  EXPECT_EQ(rows(), kThreads * kEach);
  EXPECT_EQ(group_->members(), kThreads * kEach);
  EXPECT_LT(group_->groups(), group_->members() / 2) << "writes that queued shared their commits";
}

TEST_F(GroupCommitTest, AFailingWriteIsRolledBackAloneAndTheOthersInItsGroupStay) {
  constexpr int kThreads = 6;
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        const bool bad = (t + i) % 3 == 0;
        Status st = group_->run([&](Connection& c) -> Status {
          c.exec("INSERT INTO t (who, n) VALUES ($1, $2)", {t, i});
          std::this_thread::sleep_for(std::chrono::microseconds(200));
          if (bad) return invalid("拒绝", "n");
          return ok();
        });
        if (!st) {
          EXPECT_TRUE(bad);
          ++refused;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(refused.load(), kThreads * 30 / 3);
  EXPECT_EQ(rows(), kThreads * 30 - refused.load());
  EXPECT_EQ(rows("(who + n) % 3 = 0"), 0) << "no refused write left a row";
}

TEST_F(GroupCommitTest, ASQLErrorInsideAWriteRollsBackThatWriteOnly) {
  ASSERT_TRUE(group_->run([](Connection& c) -> Status {
    c.exec("INSERT INTO t (id, who, n) VALUES (1, 0, 0)", {});
    return ok();
  }));
  Status dup = group_->run([](Connection& c) -> Status {
    c.exec("INSERT INTO t (id, who, n) VALUES (2, 0, 1)", {});
    c.exec("INSERT INTO t (id, who, n) VALUES (1, 0, 2)", {});  // the primary key again: throws
    return ok();
  });
  EXPECT_FALSE(dup);
  EXPECT_EQ(rows(), 1) << "the first insert of the failed write went with it";
  EXPECT_TRUE(group_->run([](Connection& c) -> Status {
    c.exec("INSERT INTO t (id, who, n) VALUES (3, 0, 3)", {});
    return ok();
  })) << "the writer goes on after a failed write";
  EXPECT_EQ(rows(), 2);
}

TEST_F(GroupCommitTest, AWriteAloneCommitsByItself) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(group_->run([&](Connection& c) -> Status {
      c.exec("INSERT INTO t (who, n) VALUES (0, $1)", {i});
      return ok();
    }));
    EXPECT_EQ(rows(), i + 1);
  }
  EXPECT_EQ(group_->groups(), 5);
}

}  // namespace
}  // namespace huiyin::sql
