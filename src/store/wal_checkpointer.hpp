// WalCheckpointer: the SQLite write-ahead log copied back into the database file by a thread of
// its own, so no user's commit pays for it. The store's connections turn SQLite's automatic
// checkpoint (run inside whichever commit crosses 1,000 pages) off; this thread runs a PASSIVE
// checkpoint (it never blocks readers or writers) every `every`, on its own connection, and a
// TRUNCATE one once the log passes 64 MiB; the log file is cut back to 64 MiB each time it starts
// over (journal_size_limit). Durability is
// the same: a committed transaction is in the log, and the log is replayed on the next open.
// Thread-safety: construct and destroy on one thread; the destructor stops and joins.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/connection_pool.hpp"

namespace huiyin::sql {

class WalCheckpointer {
 public:
  WalCheckpointer(ConnectionPool::Factory factory, std::chrono::milliseconds every);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  void loop(ConnectionPool::Factory factory);

  std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace huiyin::sql
