#include "operations/calendar_day.h"

#include <cstdio>

#include "core/clock.h"

namespace concord::operations {

std::optional<Day> parse_day(std::string_view text) {
  if (text.size() != 10) return std::nullopt;  // parse_iso8601 also takes times; a day is 10 chars
  const auto time = parse_iso8601(text);
  if (!time) return std::nullopt;
  return std::chrono::floor<std::chrono::days>(*time);
}

Result<Day> day_field(std::string_view text, std::string_view field) {
  if (auto day = parse_day(text)) return *day;
  return Error::invalid(std::string(field),
                        std::string(field) + " must be a calendar date written YYYY-MM-DD");
}

std::string format_day(Day day) {
  const std::chrono::year_month_day date{day};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()),
                unsigned(date.day()));
  return buffer;
}

Day today(const Clock& clock) {
  return std::chrono::floor<std::chrono::days>(clock.now());
}

int current_year(const Clock& clock) {
  return static_cast<int>(std::chrono::year_month_day{today(clock)}.year());
}

Day years_before(Day day, int years) {
  const std::chrono::year_month_day date{day};
  const std::chrono::year_month_day earlier{date.year() - std::chrono::years{years}, date.month(),
                                            date.day()};
  if (earlier.ok()) return Day{earlier};
  return Day{std::chrono::year_month_day_last{earlier.year(),
                                              std::chrono::month_day_last{earlier.month()}}};
}

}  // namespace concord::operations
