#include "tracing/timeliness_json.h"

namespace concord::tracing {

nlohmann::ordered_json timeliness_report_json(const TimelinessReport& report) {
  using json = nlohmann::ordered_json;
  const auto number = [](const std::optional<double>& value) {
    return value ? json(*value) : json();
  };
  json states = json::array();
  for (const auto& state : report.states) {
    states.push_back({{"state", state.state},
                      {"received", state.received},
                      {"acknowledged", state.acknowledged},
                      {"answered", state.answered},
                      {"median_hours_to_acknowledge", number(state.median_hours_to_acknowledge)},
                      {"median_hours_to_answer", number(state.median_hours_to_answer)},
                      {"answer_settled", state.answer_settled},
                      {"answered_by_due_date", state.answered_by_due_date},
                      {"share_answered_by_due_date", number(state.share_answered_by_due_date)},
                      {"overdue_now", state.overdue_now}});
  }
  return {{"from", report.from},
          {"to", report.to},
          {"generated_at", report.generated_at},
          {"states", states}};
}

}  // namespace concord::tracing
