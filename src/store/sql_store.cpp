#include "store/sql_store.hpp"

#include <chrono>
#include <random>
#include <thread>

#include "store/migrations.hpp"
#include "store/sql_tx.hpp"

namespace huiyin::sql {
namespace {

constexpr int kMaxAttempts = 6;

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
      return {ErrorCode::internal, std::string("无法连接数据库：") + e.what(), {}};
    default:
      return {ErrorCode::internal, std::string("数据库错误：") + e.what(), {}};
  }
}

}  // namespace

SqlStore::SqlStore(Dialect dialect, ConnectionPool::Factory factory, std::size_t pool_size)
    : dialect_(dialect), pool_(std::move(factory), pool_size) {}

Status SqlStore::write(const std::function<Status(Tx&)>& f) { return run(true, f); }
Status SqlStore::read(const std::function<Status(Tx&)>& f) { return run(false, f); }

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
  for (int attempt = 0;; ++attempt) {
    try {
      auto conn = pool_.acquire();
      try {
        conn->begin(write);
        SqlTx tx(*conn, dialect_);
        Status st = f(tx);
        if (!st) {
          conn->rollback();
          return st;
        }
        conn->commit();
        return st;
      } catch (...) {
        conn->rollback();
        throw;
      }
    } catch (const SqlError& e) {
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
    return apply_migrations(*conn, dialect_);
  } catch (const SqlError& e) {
    return Error{ErrorCode::internal, std::string("数据库迁移失败：") + e.what(), {}};
  }
}

}  // namespace huiyin::sql
