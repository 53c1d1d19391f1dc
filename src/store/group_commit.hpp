// Group commit for SQLite: write transactions that arrive while another is running share one
// database transaction, each inside its own savepoint, and one COMMIT acknowledges them all.
// SQLite has one writer at a time anyway; what a shared commit saves is the pages each commit
// writes to the WAL again (the B-tree pages every intake touches: the ends of the matters,
// events and facts tables and their indexes, the full-text index's newest segment, the chain
// head), and the commit itself.
//
// How a group forms: a request takes its turn on the one writer connection, opens the group's
// transaction if none is open, runs its work inside `SAVEPOINT`, and then commits — unless
// another request is already waiting for its turn, in which case it leaves the transaction open
// for that one and waits for the group's COMMIT. The last request of a burst commits; so does a
// request that finds the group `max_members` strong or older than `max_age`. With no
// concurrency every request commits its own transaction, as before, with no added wait.
//
// What it keeps: nothing is acknowledged before its group's COMMIT returned; a request whose
// work fails is rolled back to its savepoint alone and answered at once; when the COMMIT fails
// (or the connection breaks) every member of the group gets the error and nothing of theirs is
// kept. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "domain/result.hpp"
#include "store/connection_pool.hpp"
#include "store/sql.hpp"

namespace huiyin::sql {

class GroupCommit {
 public:
  // One request's work on the shared connection; its Status decides whether it stays in the
  // group (ok) or is rolled back to its savepoint. May throw SqlError.
  using Work = std::function<Status(Connection&)>;
  // Turns an SqlError into the caller's Error (the store's wording).
  using Describe = std::function<Error(const SqlError&)>;

  GroupCommit(ConnectionPool::Factory factory, Describe describe, int max_members = 64,
              std::chrono::microseconds max_age = std::chrono::milliseconds(10));

  // Runs `work` in the open group (opening one if none) and returns once the group committed:
  // ok, or the error of `work`, of the commit, or of BEGIN (`begin_failed` set: nothing ran,
  // the caller may try again).
  Status run(const Work& work, bool* begin_failed = nullptr);

  // Groups committed and requests in them since start (for benchmarks and tests).
  std::int64_t groups() const { return groups_.load(); }
  std::int64_t members() const { return members_total_.load(); }

 private:
  struct Group {
    bool done = false;
    Status result = ok();
  };
  void finish(Status result);  // commits or rolls back the open group, wakes its members (mu_ held)

  ConnectionPool::Factory factory_;
  Describe describe_;
  const int max_members_;
  const std::chrono::microseconds max_age_;

  std::mutex mu_;  // the turn on conn_ and the group state below
  std::condition_variable done_;
  std::atomic<int> waiting_{0};  // requests waiting for their turn
  std::unique_ptr<Connection> conn_;
  std::shared_ptr<Group> open_;  // the group whose transaction is open, if any
  int open_members_ = 0;
  std::chrono::steady_clock::time_point opened_at_;
  std::atomic<std::int64_t> groups_{0}, members_total_{0};
};

}  // namespace huiyin::sql
