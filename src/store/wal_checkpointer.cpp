#include "store/wal_checkpointer.hpp"

#include <memory>

namespace huiyin::sql {

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
      c->query("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const SqlError&) {
      c.reset();  // opened again on the next tick; a commit's own log stays intact meanwhile
    }
    lock.lock();
  }
}

}  // namespace huiyin::sql
