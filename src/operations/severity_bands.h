// Severity bands: named, ordered ranges of one measure (remaining km2, items found per km2, ...)
// that turn a figure into a word for the profile tables. The bands are data: a centre supplies
// its own as a small JSON document, optionally per contamination type; without one, the
// defaults are the Landmine Monitor's scale of contamination extent.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord::operations {

// A band holds the values from `min` (inclusive) up to the next band's min (exclusive); the
// last band has no upper end.
struct SeverityBand {
  std::string name;
  double min = 0;
};

// A validated set of bands: at least one, at most kMaxSeverityBands; names unique, 1 to 40 of
// a-z, 0-9 and _; the first starts at 0; each starts strictly above the one before. So the
// bands never overlap, leave no gap, and every value >= 0 falls in exactly one.
class SeverityBands {
 public:
  // invalid_argument naming the field ("bands[2].min", "bands[1].name", "measure").
  static Result<SeverityBands> create(std::string measure, std::vector<SeverityBand> bands);

  // The Landmine Monitor's scale of contamination extent, in remaining km2: light below 5,
  // medium from 5, heavy from 20, massive from 100 (exactly 5, 20 and 100 go to the upper band).
  static SeverityBands defaults();

  const std::string& measure() const { return measure_; }
  const std::vector<SeverityBand>& bands() const { return bands_; }

  // The name of the band holding `value`; invalid_argument on "value" when it is negative or
  // not a finite number.
  Result<std::string> band_for(double value) const;

 private:
  SeverityBands(std::string measure, std::vector<SeverityBand> bands)
      : measure_(std::move(measure)), bands_(std::move(bands)) {}

  std::string measure_;
  std::vector<SeverityBand> bands_;
};

inline constexpr std::size_t kMaxSeverityBands = 20;

// The bands to use for every contamination type, and per type where a centre set them apart.
struct SeverityBandConfig {
  SeverityBands general = SeverityBands::defaults();
  std::map<std::string, SeverityBands> by_type;  // keyed by the contamination type's name

  // The type's own bands when it has them, else the general ones.
  const SeverityBands& for_type(std::string_view type) const;
};

// Reads a configuration such as
//   {"measure": "km2",
//    "bands": [{"name": "light", "min": 0}, {"name": "medium", "min": 5, "max": 20}, ...],
//    "by_type": {"confirmed_hazardous_area_mines": {"measure": "items_per_km2", "bands": [...]}}}
// "max" is optional and, when given, must equal the next band's min (a larger one overlaps it, a
// smaller one leaves a gap) and be absent on the last band. "measure" and "by_type" are
// optional (defaults: "km2", none). invalid_argument naming the field, e.g.
// "by_type.cha_mines.bands[1].max"; unknown fields are refused.
Result<SeverityBandConfig> severity_bands_from_json(std::string_view text);

}  // namespace concord::operations
