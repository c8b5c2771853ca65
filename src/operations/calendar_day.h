// Calendar days written YYYY-MM-DD, the form of every date in the operations records: parsing
// with a refusal that names the field, formatting, and whole calendar years back from a day.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace concord::operations {

using Day = std::chrono::sys_days;

// The day `text` names; nullopt unless it is exactly YYYY-MM-DD and a real calendar day.
std::optional<Day> parse_day(std::string_view text);

// parse_day, or invalid_argument on `field` ("as_of must be a date written YYYY-MM-DD").
Result<Day> day_field(std::string_view text, std::string_view field);

// "2026-11-23".
std::string format_day(Day day);

// The UTC day `clock` is on, and its year: "today" and "the current year" of every operations
// rule (dates not in the future, the figures' day), read from the injected clock.
Day today(const Clock& clock);
int current_year(const Clock& clock);

// The same day `years` calendar years earlier; 29 February falls back to 28 February.
Day years_before(Day day, int years);

}  // namespace concord::operations
