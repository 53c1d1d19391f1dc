#include "store/sql_store.hpp"

#include <chrono>
#include <ctime>
#include <random>
#include <thread>

#include "store/audit_chain.hpp"
#include "store/migrations.hpp"
#include "store/tx.hpp"

namespace huiyin::sql {
namespace {

constexpr int kMaxAttempts = 6;
constexpr std::size_t kUpgradeSealBatch = 50000;  // seals per chain-level event in the upgrade

void backoff(int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  int base = 5 << attempt;  // 5, 10, 20, 40, 80 ms
  std::uniform_int_distribution<int> jitter(0, base);
  std::this_thread::sleep_for(std::chrono::milliseconds(base + jitter(rng)));
}

Error db_error(const SqlError& e) {
  switch (e.kind()) {
    case SqlError::Kind::unique:
      return conflict("数据重复，与已有记录冲突");
    case SqlError::Kind::busy:
    case SqlError::Kind::serialization:
      return conflict("数据库繁忙，请稍后重试");
    case SqlError::Kind::connection:
      // field "database": the HTTP layer answers 503 (try again) and keeps the text in its log.
      return {ErrorCode::internal, std::string("无法连接数据库：") + e.what(), "database"};
    default:
      return {ErrorCode::internal, std::string("数据库错误：") + e.what(), {}};
  }
}

}  // namespace

SqlStore::SqlStore(Dialect dialect, ConnectionPool::Factory factory, std::size_t pool_size,
                   StoreOptions options)
    : dialect_(dialect), options_(std::move(options)), pool_(factory, pool_size) {
  if (dialect_.kind == Dialect::Kind::sqlite) {
    group_ = std::make_unique<GroupCommit>(factory, [](const SqlError& e) { return db_error(e); });
    checkpointer_ = std::make_unique<WalCheckpointer>(std::move(factory), std::chrono::milliseconds(100));
  }
}

// SQLite writes: f in the open group's transaction under its own savepoint (group_commit.hpp);
// the seals and the commit hook inside it, the anchors once the group committed.
Status SqlStore::run_grouped(const std::function<Status(Tx&)>& f) {
  for (int attempt = 0;; ++attempt) {
    std::optional<ChainHead> appended;
    bool begin_failed = false;
    Status st = group_->run(
        [&](Connection& c) -> Status {
          Tx tx(c, dialect_, options_.audit_key, &event_hook_);
          Status done = f(tx);
          if (!done) return done;
          if (commit_hook_) commit_hook_(tx);
          tx.flush_seals(now());
          appended = tx.appended();
          return ok();
        },
        &begin_failed);
    if (!st && begin_failed && st.error().code == ErrorCode::conflict && attempt + 1 < kMaxAttempts) {
      backoff(attempt);  // another process held the write lock past the busy timeout
      continue;
    }
    if (st && appended && options_.on_commit) options_.on_commit(appended->seq, appended->hash);
    return st;
  }
}


// Write transactions open on this thread: a nested write would wait for its own lock.
thread_local int open_writes = 0;

Status SqlStore::run(bool write, const std::function<Status(Tx&)>& f) {
  if (write && open_writes > 0)
    return Error{ErrorCode::internal, "内部错误：写事务中不能再开写事务", {}};
  struct Depth {
    bool on;
    explicit Depth(bool w) : on(w) { open_writes += on; }
    ~Depth() { open_writes -= on; }
  } depth(write);
  if (write && group_) return run_grouped(f);
  for (int attempt = 0;; ++attempt) {
    bool committing = false;
    try {
      auto conn = pool_.acquire();
      try {
        conn->begin(write);
        Tx tx(*conn, dialect_, options_.audit_key, &event_hook_);
        Status st = f(tx);
        if (!st) {
          conn->rollback();
          return st;
        }
        if (write) {
          if (commit_hook_) commit_hook_(tx);
          tx.flush_seals(now());
        }
        committing = true;
        conn->commit();
        if (write && tx.appended() && options_.on_commit)
          options_.on_commit(tx.appended()->seq, tx.appended()->hash);
        return st;
      } catch (...) {
        conn->rollback();
        throw;
      }
    } catch (const SqlError& e) {
      // The server went away (killed, restarted, failed over): the broken connection is not
      // pooled again, nor are the idle ones. Before COMMIT was sent nothing was written, so the
      // transaction runs again on a fresh connection; a COMMIT whose answer was lost is never
      // retried nor acknowledged — the caller gets an error, whatever the server did with it.
      if (e.kind() == SqlError::Kind::connection) {
        pool_.drop_idle();
        if (!committing && attempt + 1 < kMaxAttempts) {
          backoff(attempt);
          continue;
        }
        return db_error(e);
      }
      if (e.retryable() && attempt + 1 < kMaxAttempts) {
        backoff(attempt);
        continue;
      }
      return db_error(e);
    }
  }
}

Result<int> SqlStore::migrate() {
  try {
    auto conn = pool_.acquire();
    auto v = apply_migrations(*conn, dialect_);
    if (!v) return v;
    if (*v >= 3 && !options_.audit_key.empty()) {
      if (Status s = seal_unkeyed_chain(*conn); !s) return s.error();
    }
    return v;
  } catch (const SqlError& e) {
    return Error{ErrorCode::internal, std::string("数据库迁移失败：") + e.what(), {}};
  }
}

Instant SqlStore::now() const {
  return options_.now ? options_.now() : static_cast<Instant>(std::time(nullptr));
}

bool SqlStore::audit_chain_keyed() {
  try {
    auto conn = pool_.acquire();
    conn->begin(false);
    bool keyed = false;
    try {
      auto rows = conn->query("SELECT keyed FROM chain_head WHERE id = 1");
      keyed = !rows.empty() && rows[0].integer(0) != 0;
    } catch (const SqlError&) {
      keyed = false;  // not migrated that far (or no schema at all)
    }
    conn->rollback();
    return keyed;
  } catch (const SqlError&) {
    return false;
  }
}

// The upgrade of a database made before migration 003: in one write transaction (locked
// against a concurrent migrate), check the v1 chain, then seal every protected row under the
// key with chain-level `rows_sealed` events (no event on any matter) and mark the chain keyed.
Status SqlStore::seal_unkeyed_chain(Connection& c) {
  c.begin(true);
  try {
    if (const char* lock = dialect_.lock_migrations()) c.exec_script(lock);
    auto head = c.query("SELECT keyed FROM chain_head WHERE id = 1 " +
                        std::string(dialect_.kind == Dialect::Kind::postgresql ? "FOR UPDATE" : ""));
    if (head.empty() || head[0].integer(0) != 0) {
      c.rollback();
      return ok();
    }
    Tx tx(c, dialect_, options_.audit_key);
    ChainVerifier v;
    std::int64_t keyed_events = 0;
    Status walk = tx.for_each_event([&](const Event& e) {
      if (!e.seals.empty()) ++keyed_events;
      return v.feed(e);
    });
    if (!walk) {
      c.rollback();
      return walk;
    }
    const ChainHead stored = tx.chain_head();
    if (!v.ok() || keyed_events > 0 || stored.seq != v.last_seq() || stored.hash != v.last_hash()) {
      c.rollback();
      std::string why = !v.ok() ? v.problem()
                                : "链头记录（seq=" + std::to_string(stored.seq) +
                                      "）与最后一条事件（seq=" + std::to_string(v.last_seq()) +
                                      "）不符";
      return Error{ErrorCode::conflict,
                   "升级前的审计链校验未通过，拒绝以密钥封存：" + why +
                       "。请先查明原因（可用旧版本 huiyin audit verify 复核）。",
                   "audit"};
    }
    const Instant at = now();
    std::int64_t rows = tx.seal_all_rows(at, kUpgradeSealBatch);
    Event done;
    done.type = "audit_keyed";
    done.actor_label = "system";
    done.at = at;
    done.payload = "{\"v1_events\":" + std::to_string(v.count()) +
                   ",\"rows\":" + std::to_string(rows) + "}";
    if (!tx.append_event(done)) throw SqlError(SqlError::Kind::other, "seal event failed");
    tx.flush_seals(at);  // writes the chain head
    c.exec("UPDATE chain_head SET keyed = 1 WHERE id = 1");
    c.commit();
    if (tx.appended() && options_.on_commit)
      options_.on_commit(tx.appended()->seq, tx.appended()->hash);
    return ok();
  } catch (...) {
    c.rollback();
    throw;
  }
}

}  // namespace huiyin::sql
