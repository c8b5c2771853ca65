// Result<T>: a value or an Error, the return type of every fallible operation in Concord.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.h"

namespace concord {

// Holds either a T or an Error. Accessing the wrong alternative is a programmer error (asserted).
// Result<void> carries only success or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(failed_);
    return error_;
  }
  Error&& error() && {
    assert(failed_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

inline Result<void> ok() {
  return {};
}

}  // namespace concord

// Propagates a failed Result out of the enclosing function, which must return a Result.
#define CONCORD_TRY(expr)                                                         \
  do {                                                                            \
    auto&& concord_try_result_ = (expr);                                          \
    if (!concord_try_result_.ok()) return std::move(concord_try_result_).error(); \
  } while (false)

// Evaluates a Result<T>; on success moves its value into `lhs`, otherwise returns the error.
#define CONCORD_ASSIGN_OR_RETURN(lhs, expr) \
  CONCORD_ASSIGN_OR_RETURN_IMPL_(CONCORD_CONCAT_(concord_result_, __LINE__), lhs, expr)
#define CONCORD_CONCAT_INNER_(a, b) a##b
#define CONCORD_CONCAT_(a, b) CONCORD_CONCAT_INNER_(a, b)
// NOLINTBEGIN(bugprone-macro-parentheses): `lhs` is a declaration and cannot be parenthesised
#define CONCORD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return std::move(tmp).error();        \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
