#include <gtest/gtest.h>

#include <algorithm>

#include "operations/area_arithmetic.h"
#include "operations/geodesic_area.h"

namespace concord::operations {
namespace {

// A rectangle in degrees near the equator (small enough that km² scale almost uniformly).
MultiPolygon box(double west, double south, double east, double north) {
  return {
      {Polygon{{Ring{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}}}}};
}

double km2(double west, double south, double east, double north) {
  return geodesic_area_km2(box(west, south, east, north));
}

// km², i.e. 100 m². Edges are geodesics, so a result that splits a box's edge at a new vertex
// (where two releases meet) encloses a few square metres more or less than the box itself.
constexpr double kTolerance = 1e-4;

TEST(OperationsAreaArithmetic, NoReleaseLeavesEverything) {
  auto figures = compute_land_release(box(0, 0, 0.1, 0.1), {});
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  EXPECT_NEAR(figures->hazard_km2, km2(0, 0, 0.1, 0.1), kTolerance);
  EXPECT_EQ(figures->released_km2, 0);
  EXPECT_NEAR(figures->remaining_km2, figures->hazard_km2, kTolerance);
  ASSERT_EQ(figures->remaining.polygons.size(), 1u);
}

TEST(OperationsAreaArithmetic, OverlappingClearancesAreCountedOnce) {
  const MultiPolygon hazard = box(0, 0, 0.1, 0.1);
  auto figures = compute_land_release(hazard, {{ReleaseMethod::cleared, box(0, 0, 0.06, 0.1)},
                                               {ReleaseMethod::cleared, box(0.04, 0, 0.08, 0.1)}});
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  EXPECT_NEAR(figures->cleared_km2, km2(0, 0, 0.08, 0.1), kTolerance);
  EXPECT_NEAR(figures->released_km2, km2(0, 0, 0.08, 0.1), kTolerance);
  EXPECT_NEAR(figures->remaining_km2, km2(0.08, 0, 0.1, 0.1), kTolerance);
  EXPECT_EQ(figures->reduced_km2, 0);
  EXPECT_EQ(figures->cancelled_km2, 0);
}

TEST(OperationsAreaArithmetic, AReleasePartlyOutsideCountsOnlyItsInsidePart) {
  auto figures = compute_land_release(
      box(0, 0, 0.1, 0.1), {{ReleaseMethod::reduced_by_technical_survey, box(0.05, -1, 2, 0.1)}});
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  EXPECT_NEAR(figures->reduced_km2, km2(0.05, 0, 0.1, 0.1), kTolerance);
  EXPECT_NEAR(figures->remaining_km2, km2(0, 0, 0.05, 0.1), kTolerance);
}

TEST(OperationsAreaArithmetic, RemainingIsNeverNegativeWhenReleasesCoverEverything) {
  auto figures = compute_land_release(
      box(0, 0, 0.1, 0.1),
      {{ReleaseMethod::cleared, box(-1, -1, 1, 1)},
       {ReleaseMethod::cancelled_by_non_technical_survey, box(-0.5, -0.5, 0.5, 0.5)},
       {ReleaseMethod::cleared, box(0, 0, 0.1, 0.1)}});
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  EXPECT_EQ(figures->remaining_km2, 0);
  EXPECT_TRUE(figures->remaining.empty());
  EXPECT_NEAR(figures->released_km2, figures->hazard_km2, kTolerance);
  EXPECT_NEAR(figures->cleared_km2, figures->hazard_km2, kTolerance);
  EXPECT_EQ(figures->cancelled_km2, 0);
}

TEST(OperationsAreaArithmetic, OverlapGoesToTheStrongestMethodWhateverTheOrder) {
  // Cancelled [0, 0.06], reduced [0.03, 0.09], cleared [0.05, 0.07], given weakest first.
  const MultiPolygon hazard = box(0, 0, 0.1, 0.1);
  std::vector<Release> releases = {
      {ReleaseMethod::cancelled_by_non_technical_survey, box(0, 0, 0.06, 0.1)},
      {ReleaseMethod::reduced_by_technical_survey, box(0.03, 0, 0.09, 0.1)},
      {ReleaseMethod::cleared, box(0.05, 0, 0.07, 0.1)}};
  for (int pass = 0; pass < 2; ++pass) {
    auto figures = compute_land_release(hazard, releases);
    ASSERT_TRUE(figures.ok()) << figures.error().message;
    EXPECT_NEAR(figures->cleared_km2, km2(0.05, 0, 0.07, 0.1), kTolerance);
    EXPECT_NEAR(figures->reduced_km2, km2(0.03, 0, 0.05, 0.1) + km2(0.07, 0, 0.09, 0.1),
                kTolerance);
    EXPECT_NEAR(figures->cancelled_km2, km2(0, 0, 0.03, 0.1), kTolerance);
    EXPECT_NEAR(figures->cleared_km2 + figures->reduced_km2 + figures->cancelled_km2,
                figures->released_km2, kTolerance);
    EXPECT_NEAR(figures->remaining_km2, km2(0.09, 0, 0.1, 0.1), kTolerance);
    std::reverse(releases.begin(), releases.end());
  }
}

TEST(OperationsAreaArithmetic, ReleasesThatOnlyTouchTheHazardReleaseNothing) {
  auto figures =
      compute_land_release(box(0, 0, 0.1, 0.1), {{ReleaseMethod::cleared, box(0.1, 0, 0.2, 0.1)}});
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  EXPECT_EQ(figures->released_km2, 0);
  EXPECT_NEAR(figures->remaining_km2, figures->hazard_km2, kTolerance);
}

TEST(OperationsAreaArithmetic, AReleaseInsideLeavesAHole) {
  auto figures = compute_land_release(box(0, 0, 0.1, 0.1),
                                      {{ReleaseMethod::cleared, box(0.02, 0.02, 0.04, 0.04)}});
  ASSERT_TRUE(figures.ok()) << figures.error().message;
  ASSERT_EQ(figures->remaining.polygons.size(), 1u);
  EXPECT_EQ(figures->remaining.polygons[0].rings.size(), 2u);
  EXPECT_NEAR(figures->remaining_km2, km2(0, 0, 0.1, 0.1) - km2(0.02, 0.02, 0.04, 0.04),
              kTolerance);
}

}  // namespace
}  // namespace concord::operations
