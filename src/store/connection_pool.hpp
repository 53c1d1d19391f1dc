// A bounded pool of sql::Connection: one connection per concurrent transaction. acquire()
// blocks while all `max` connections are out; a broken connection is dropped on release and a
// fresh one opened on demand. After a connection error (the server went away: a failover) the
// idle ones are dropped too, since they lead to the same dead server. Thread-safe.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sql.hpp"

namespace huiyin::sql {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  ConnectionPool(Factory factory, std::size_t max);

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (c_) pool_->release(std::move(c_));
    }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease acquire();  // throws SqlError when a new connection cannot be opened
  // Closes every idle connection; the next acquire() opens a fresh one (multi-host URLs then
  // find the server that is primary now).
  void drop_idle();

 private:
  void release(std::unique_ptr<Connection> c);

  Factory factory_;
  std::size_t max_;
  std::size_t out_ = 0;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace huiyin::sql
