#include "operations/destruction_progress.h"

#include <algorithm>
#include <map>

#include "core/enum_names.h"
#include "operations/completion_projection.h"

namespace concord::operations {
namespace {

constexpr EnumNames<DeadlineStatus, 5> kStatusNames({{
    {DeadlineStatus::completed, "completed"},
    {DeadlineStatus::on_track, "on_track"},
    {DeadlineStatus::at_risk, "at_risk"},
    {DeadlineStatus::overdue, "overdue"},
    {DeadlineStatus::no_trend, "no_trend"},
}});

template <typename Record>
bool matches(const Record& record, const ProgressQuery& query) {
  return record.state == query.state && record.category == query.category &&
         record.ammunition_type == query.ammunition_type;
}

// A record's own validation, with the field named by its place: "events[2].quantity".
template <typename Record>
Result<void> validate_at(const Record& record, std::string_view list, std::size_t index) {
  auto checked = validate(record);
  if (checked.ok()) return {};
  Error error = std::move(checked).error();
  error.field = std::string(list) + "[" + std::to_string(index) + "]." + error.field;
  return error;
}

Result<void> validate_query(const ProgressQuery& query) {
  CONCORD_TRY(day_field(query.on, "on"));
  if (query.trend_years < 1 || query.trend_years > 50) {
    return Error::invalid("trend_years", "trend_years must be from 1 to 50");
  }
  if (query.deadline) {
    CONCORD_ASSIGN_OR_RETURN(const Day deadline, day_field(query.deadline->date, "deadline"));
    if (query.deadline->extended_to) {
      CONCORD_ASSIGN_OR_RETURN(const Day extended,
                               day_field(*query.deadline->extended_to, "extended_to"));
      if (extended <= deadline) {
        return Error::invalid("extended_to", "an extension must fall after the deadline");
      }
    }
  }
  return {};
}

}  // namespace

std::string_view to_string(DeadlineStatus status) {
  return kStatusNames.name(status);
}
std::optional<DeadlineStatus> deadline_status_from_string(std::string_view text) {
  return kStatusNames.parse(text);
}

Result<DestructionProgress> destruction_progress(const StockpileRecords& records,
                                                 const ProgressQuery& query) {
  CONCORD_TRY(validate_query(query));
  const Day on = *parse_day(query.on);
  DestructionProgress progress;

  const StockpileDeclaration* latest_declaration = nullptr;
  for (std::size_t i = 0; i < records.declarations.size(); ++i) {
    const auto& declaration = records.declarations[i];
    if (!matches(declaration, query)) continue;
    CONCORD_TRY(validate_at(declaration, "declarations", i));
    if (*parse_day(declaration.as_of) > on) continue;
    if (!latest_declaration || declaration.as_of >= latest_declaration->as_of) {
      latest_declaration = &declaration;
    }
  }
  if (!latest_declaration) {
    return Error::not_found("category", query.state + " declared no " +
                                            std::string(to_string(query.category)) +
                                            " on or before " + query.on);
  }
  progress.declared = latest_declaration->quantity;
  progress.declared_as_of = latest_declaration->as_of;

  const RetainedQuantity* latest_retained = nullptr;
  for (std::size_t i = 0; i < records.retained.size(); ++i) {
    const auto& retained = records.retained[i];
    if (!matches(retained, query)) continue;
    CONCORD_TRY(validate_at(retained, "retained", i));
    if (*parse_day(retained.as_of) > on) continue;
    if (!latest_retained || retained.as_of >= latest_retained->as_of) latest_retained = &retained;
  }
  if (latest_retained) progress.retained = latest_retained->quantity;

  std::map<Day, std::int64_t> destroyed_by_day;
  for (std::size_t i = 0; i < records.events.size(); ++i) {
    const auto& event = records.events[i];
    if (!matches(event, query)) continue;
    CONCORD_TRY(validate_at(event, "events", i));
    const Day day = *parse_day(event.date);
    if (day > on) continue;
    destroyed_by_day[day] += event.quantity;
    progress.destroyed += event.quantity;
  }

  const std::int64_t accounted = progress.destroyed + progress.retained;
  progress.inconsistent = accounted > progress.declared;
  progress.remaining = std::max<std::int64_t>(0, progress.declared - accounted);
  progress.percent_done = progress.declared == 0
                              ? 100.0
                              : std::min(100.0, 100.0 * static_cast<double>(progress.destroyed) /
                                                    static_cast<double>(progress.declared));

  std::vector<ProgressPoint> series;
  std::int64_t cumulative = 0;
  for (const auto& [day, quantity] : destroyed_by_day) {
    cumulative += quantity;
    series.push_back({day, static_cast<double>(cumulative)});
  }
  const auto trend = trend_points_within_years(series, on, query.trend_years);
  progress.trend_points = static_cast<int>(trend.size());
  if (progress.remaining > 0) {
    const auto target = static_cast<double>(progress.declared - progress.retained);
    if (const auto projected = project_completion(trend, target, on)) {
      progress.projected_completion = format_day(*projected);
    }
  }

  std::optional<Day> deadline;
  if (query.deadline) {
    progress.deadline = query.deadline->effective();
    deadline = parse_day(*progress.deadline);
  }
  if (progress.remaining == 0) {
    progress.status = DeadlineStatus::completed;
  } else if (deadline && on > *deadline) {
    progress.status = DeadlineStatus::overdue;
  } else if (!progress.projected_completion) {
    progress.status = DeadlineStatus::no_trend;
  } else if (deadline && *parse_day(*progress.projected_completion) > *deadline) {
    progress.status = DeadlineStatus::at_risk;
  } else {
    progress.status = DeadlineStatus::on_track;
  }
  return progress;
}

}  // namespace concord::operations
