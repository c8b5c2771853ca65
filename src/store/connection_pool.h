// ConnectionPool: at most `capacity` connections of one backend, opened on demand and lent out one
// at a time. Shared by the SQLite and PostgreSQL backends; not part of the public store interface.
//
// Thread-safe. acquire() blocks while every connection is lent out, for at most the acquire
// timeout, and then fails with ErrorCode::unavailable rather than waiting forever (a thread that
// begins a second transaction while holding the last connection would otherwise deadlock).
// A Lease owns its connection until it is destroyed, which returns the connection to the pool
// from whichever thread destroys it. The pool must outlive every Lease.
#pragma once

#include <cassert>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace concord::store {

template <typename Connection>
class ConnectionPool {
 public:
  // Opens a new connection; called without the pool's lock held.
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), connection_(std::move(other.connection_)) {}
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        give_back();
        pool_ = std::exchange(other.pool_, nullptr);
        connection_ = std::move(other.connection_);
      }
      return *this;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { give_back(); }

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

    // Closes the connection instead of returning it, e.g. when it is beyond repair. The pool
    // opens a new one when next needed.
    void discard() {
      if (pool_ == nullptr) return;
      connection_.reset();
      std::exchange(pool_, nullptr)->forget();
    }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    void give_back() {
      if (pool_ != nullptr) std::exchange(pool_, nullptr)->release(std::move(connection_));
    }

    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  ConnectionPool(int capacity, std::chrono::milliseconds acquire_timeout, Factory factory)
      : capacity_(capacity), acquire_timeout_(acquire_timeout), factory_(std::move(factory)) {
    assert(capacity_ > 0);
  }
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool() {
    assert(idle_.size() == static_cast<size_t>(open_) && "a Lease outlived its pool");
  }

  // Adds an already opened connection (the one open_database checks the database with).
  void add(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    assert(open_ < capacity_);
    ++open_;
    idle_.push_back(std::move(connection));
  }

  Result<Lease> acquire() {
    std::unique_lock lock(mutex_);
    bool free = available_.wait_for(lock, acquire_timeout_,
                                    [&] { return !idle_.empty() || open_ < capacity_; });
    if (!free) {
      return Error::unavailable("no free database connection within " +
                                std::to_string(acquire_timeout_.count()) + " ms (pool of " +
                                std::to_string(capacity_) + ")");
    }
    if (!idle_.empty()) {
      // Most recently used first: its server-side caches are warm.
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // reserve the slot, then open without holding the lock
    lock.unlock();
    auto opened = factory_();
    if (!opened.ok()) {
      forget();
      return std::move(opened).error();
    }
    return Lease(this, std::move(opened).value());
  }

 private:
  void release(std::unique_ptr<Connection> connection) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(connection));
    }
    available_.notify_one();
  }

  void forget() {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    available_.notify_one();
  }

  const int capacity_;
  const std::chrono::milliseconds acquire_timeout_;
  const Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  int open_ = 0;                                   // idle or lent out; guarded by mutex_
};

}  // namespace concord::store
