#include "store/group_commit.hpp"

namespace huiyin::sql {

GroupCommit::GroupCommit(ConnectionPool::Factory factory, Describe describe, int max_members,
                         std::chrono::microseconds max_age)
    : factory_(std::move(factory)),
      describe_(std::move(describe)),
      max_members_(max_members < 1 ? 1 : max_members),
      max_age_(max_age) {}

void GroupCommit::finish(Status result) {
  std::shared_ptr<Group> g = std::move(open_);
  open_.reset();
  if (result) {
    try {
      conn_->commit();
      groups_.fetch_add(1);
      members_total_.fetch_add(open_members_);
    } catch (const SqlError& e) {
      result = describe_(e);
    }
  }
  if (!result) {
    conn_->rollback();
    if (!conn_->healthy()) conn_.reset();
  }
  open_members_ = 0;
  g->result = std::move(result);
  g->done = true;
  done_.notify_all();
}

Status GroupCommit::run(const Work& work, bool* begin_failed) {
  if (begin_failed) *begin_failed = false;
  waiting_.fetch_add(1);
  std::unique_lock lock(mu_);
  waiting_.fetch_sub(1);
  if (!open_) {
    try {
      if (!conn_ || !conn_->healthy()) conn_ = factory_();
      conn_->begin(true);
    } catch (const SqlError& e) {
      if (begin_failed) *begin_failed = true;
      if (conn_ && !conn_->healthy()) conn_.reset();
      return describe_(e);
    }
    open_ = std::make_shared<Group>();
    opened_at_ = std::chrono::steady_clock::now();
  }
  std::shared_ptr<Group> mine = open_;
  Status st = ok();
  try {
    conn_->exec_script("SAVEPOINT hy_request");
    st = work(*conn_);
    conn_->exec_script(st ? "RELEASE hy_request" : "ROLLBACK TO hy_request; RELEASE hy_request");
  } catch (const SqlError& e) {
    st = describe_(e);
    try {
      conn_->exec_script("ROLLBACK TO hy_request; RELEASE hy_request");
    } catch (const SqlError&) {
      // The transaction itself is gone (I/O error, broken file): so is the whole group.
      finish(st);
      return st;
    }
  }
  if (st) ++open_members_;
  const bool last = waiting_.load() == 0 || open_members_ >= max_members_ ||
                    std::chrono::steady_clock::now() - opened_at_ >= max_age_;
  if (last) {
    finish(ok());
    return st ? mine->result : st;
  }
  if (!st) return st;  // rolled back alone; the group goes on without it
  done_.wait(lock, [&] { return mine->done; });
  return mine->result;
}

}  // namespace huiyin::sql
