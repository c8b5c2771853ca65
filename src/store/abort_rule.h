// AbortRule: once a statement of a transaction fails, the transaction is aborted, and every later
// statement and the commit fail, naming the first failure. This is PostgreSQL's rule; the SQLite
// backend follows it too, so code cannot pass on SQLite and break on PostgreSQL.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace concord::store {

class AbortRule {
 public:
  // Fails when the transaction has `ended` (committed or rolled back) or an earlier statement
  // failed.
  Result<void> check(bool ended) const {
    if (ended) return Error::internal("the transaction has already ended");
    if (failure_) {
      return Error::internal("the transaction was aborted by an earlier error: " + *failure_);
    }
    return ok();
  }

  // Remembers `error` as the transaction's failure and returns it.
  Error record(Error error) {
    if (!failure_) failure_ = error.message;
    return error;
  }

 private:
  std::optional<std::string> failure_;
};

}  // namespace concord::store
