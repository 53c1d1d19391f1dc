// The storage entry point: one Store per database, implemented once over a generic SQL layer
// (sql.hpp) with two backends, SQLite (embedded default, `sqlite:PATH`) and PostgreSQL
// (`postgresql://...`). All reads and writes happen inside a transaction, through its handle
// (Tx, store/tx.hpp) and the store functions of each part (namespace huiyin::db); a write
// transaction commits only when its function returns ok, so a state change and the audit event
// that explains it land together or not at all.
// Thread-safety: a Store is shared by all threads; each Tx belongs to the thread that opened it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "domain/result.hpp"
#include "store/tx.hpp"

namespace huiyin {

class Store {
 public:
  virtual ~Store() = default;
  // Runs f in a write transaction and returns f's own result (Status or any Result<T>):
  // commits when that result is ok, rolls back otherwise (and on exception). Busy/serialisation
  // failures are retried a few times before giving up (then ErrorCode::conflict), so f may run
  // more than once: keep side effects other than store calls out of it. A write inside a write
  // on the same thread is refused (ErrorCode::internal); unexpected database failures come back
  // as ErrorCode::internal.
  template <typename F>
  auto write(F&& f) {
    return transact(true, f);
  }
  // Runs f in a read-only transaction with a consistent snapshot; returns f's result.
  template <typename F>
  auto read(F&& f) {
    return transact(false, f);
  }
  // Applies pending migrations; returns the schema version reached.
  virtual Result<int> migrate() = 0;
  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"
  // Whether the audit chain has been sealed under a key (migration 003 and its upgrade done).
  // false on a database that is not migrated that far; never fails.
  virtual bool audit_chain_keyed() = 0;
  // The hook every write transaction calls for each event it appends (the notification outbox,
  // set by Services when they open, the previous one put back when they go — a second set of
  // Services over the same store, like the demo seeder's, stacks). Returns the previous hook.
  // Not thread-safe: change it only while no transaction runs.
  sql::EventHook exchange_event_hook(sql::EventHook hook) {
    std::swap(hook, event_hook_);
    return hook;
  }
  // The hook every write transaction calls before it commits (Services keep the stored
  // per-matter figures with it), stacked and put back like the event hook.
  sql::CommitHook exchange_commit_hook(sql::CommitHook hook) {
    std::swap(hook, commit_hook_);
    return hook;
  }

 protected:
  // The one transaction runner of the backend: f's Status decides commit or rollback.
  virtual Status run(bool write, const std::function<Status(Tx&)>& f) = 0;
  sql::EventHook event_hook_;
  sql::CommitHook commit_hook_;

 private:
  template <typename F>
  auto transact(bool write, F& f) -> std::invoke_result_t<F&, Tx&> {
    using R = std::invoke_result_t<F&, Tx&>;
    if constexpr (std::is_same_v<R, Status>) {
      return run(write, f);
    } else {
      std::optional<R> out;
      Status st = run(write, [&](Tx& tx) -> Status {
        out.emplace(f(tx));
        if (!*out) return out->error();
        return ok();
      });
      if (!st) return R(st.error());
      return std::move(*out);
    }
  }
};

// How a store is opened. With an audit key every write records row seals and appends keyed
// events, and migrate() seals an unkeyed chain under it; without one the store writes the v1
// unkeyed chain, and refuses to append to a keyed one.
struct StoreOptions {
  std::string audit_key;  // 32 bytes, or empty
  // Called after each write transaction that appended events commits, with the last event's
  // seq and hash (for anchors outside the database). Called from the writing thread.
  std::function<void(std::int64_t seq, const std::string& hash)> on_commit;
  // The time of the chain-level events the store appends itself (seals); default: wall clock.
  std::function<Instant()> now;
};

// Opens `sqlite:PATH` or `postgresql://...` (also `postgres://`). Does not migrate.
Result<std::unique_ptr<Store>> open_store(const std::string& url,
                                          const StoreOptions& options = {});

}  // namespace huiyin
