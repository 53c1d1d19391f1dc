#include "store/wal_checkpointer.hpp"

#include <memory>

namespace huiyin::sql {
namespace {

constexpr std::int64_t kTruncatePages = 16384;

}  // namespace

WalCheckpointer::WalCheckpointer(ConnectionPool::Factory factory, std::chrono::milliseconds every)
    : every_(every), thread_([this, f = std::move(factory)] { loop(f); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void WalCheckpointer::loop(ConnectionPool::Factory factory) {
  std::unique_ptr<Connection> c;
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, every_, [this] { return stop_; })) {
    lock.unlock();
    try {
      if (!c) c = factory();
      // PASSIVE copies what no reader still needs. Under steady load some reader always holds
      // the log, so it never starts over and keeps growing (and every read searches a larger
      // log index): past 16,384 pages (64 MiB) TRUNCATE waits for the readers of the moment,
      // copies the rest and empties the file — a pause of milliseconds for the writers then.
      auto r = c->query("PRAGMA wal_checkpoint(PASSIVE)");
      if (!r.empty() && r[0].size() >= 2 && r[0].integer(1) > kTruncatePages)
        c->query("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const SqlError&) {
      c.reset();  // opened again on the next tick; a commit's own log stays intact meanwhile
    }
    lock.lock();
  }
}

}  // namespace huiyin::sql
