#include "store/connection_pool.hpp"

namespace huiyin::sql {

ConnectionPool::ConnectionPool(Factory factory, std::size_t max)
    : factory_(std::move(factory)), max_(max < 1 ? 1 : max) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || out_ < max_; });
  ++out_;
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
  }
  lock.unlock();
  try {
    return Lease(this, factory_());
  } catch (...) {
    std::lock_guard relock(mu_);
    --out_;
    cv_.notify_one();
    throw;
  }
}

void ConnectionPool::drop_idle() {
  std::vector<std::unique_ptr<Connection>> gone;
  {
    std::lock_guard lock(mu_);
    gone.swap(idle_);
  }
}

void ConnectionPool::release(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  --out_;
  if (c->healthy()) idle_.push_back(std::move(c));
  cv_.notify_one();
}

}  // namespace huiyin::sql
