// SqlStore: the Store over a pool of sql::Connection, the same code for SQLite and PostgreSQL.
// write() takes a connection, opens a write transaction, runs f and commits when f returns ok
// (on SQLite concurrent writes share one commit: store/group_commit.hpp);
// busy/serialisation failures retry the whole of f (so f must only touch the database
// through its Tx), a few times with backoff. Do not call write() from inside write() on the
// same thread: the inner call would wait for the outer one's lock.
// Thread-safety: share one SqlStore between all threads.
#pragma once

#include <memory>

#include "store/connection_pool.hpp"
#include "store/dialect.hpp"
#include "store/group_commit.hpp"
#include "store/store.hpp"
#include "store/wal_checkpointer.hpp"

namespace huiyin::sql {

class SqlStore final : public Store {
 public:
  SqlStore(Dialect dialect, ConnectionPool::Factory factory, std::size_t pool_size,
           StoreOptions options = {});

  Result<int> migrate() override;
  std::string backend() const override { return dialect_.name(); }
  bool audit_chain_keyed() override;

 protected:
  Status run(bool write, const std::function<Status(Tx&)>& f) override;

 private:
  // After the migrations: seals an unkeyed (v1) chain and every protected row under the key.
  Status seal_unkeyed_chain(Connection& c);
  Status run_grouped(const std::function<Status(Tx&)>& f);
  Instant now() const;

  Dialect dialect_;
  StoreOptions options_;
  ConnectionPool pool_;
  // SQLite only: writes through one connection in groups that share a commit.
  std::unique_ptr<GroupCommit> group_;
  // SQLite only: checkpoints off the commit path (destroyed first, before the pool).
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace huiyin::sql
