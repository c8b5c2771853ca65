#include <gtest/gtest.h>

#include <memory>

#include "core/result.h"

namespace concord {
namespace {

Result<int> half(int value) {
  if (value % 2 != 0) return Error::invalid("value", "must be even");
  return value / 2;
}

Result<int> quarter(int value) {
  CONCORD_ASSIGN_OR_RETURN(int halved, half(value));
  return half(halved);
}

Result<void> check_even(int value) {
  CONCORD_TRY(half(value));
  return ok();
}

TEST(CoreResult, HoldsValueOrError) {
  auto good = half(4);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 2);
  auto bad = half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(bad.error().field, "value");
}

TEST(CoreResult, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*quarter(8), 2);
  auto failed = quarter(6);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "must be even");
}

TEST(CoreResult, TryWorksForVoid) {
  EXPECT_TRUE(check_even(2).ok());
  EXPECT_FALSE(check_even(1).ok());
}

TEST(CoreResult, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> boxed = std::make_unique<int>(7);
  ASSERT_TRUE(boxed.ok());
  std::unique_ptr<int> taken = std::move(boxed).value();
  EXPECT_EQ(*taken, 7);
}

TEST(CoreResult, ErrorCodesHaveStableNames) {
  EXPECT_EQ(to_string(ErrorCode::already_exists), "already_exists");
  EXPECT_EQ(to_string(ErrorCode::permission_denied), "permission_denied");
}

}  // namespace
}  // namespace concord
