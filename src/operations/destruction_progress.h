// Destruction progress of one state's stockpile of one category (ammunition: of one type) on a
// given day, as the Monitors publish it: declared, destroyed, retained, remaining, percent done,
// a projected completion from the recent trend, and the status against the deadline.
// Pure: the records come in as values (any states and categories; only the matching ones count).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "operations/stockpile.h"

namespace concord::operations {

enum class DeadlineStatus {
  completed,  // nothing remains to destroy
  on_track,   // the projection falls on or before the deadline (or there is no deadline)
  at_risk,    // the projection falls after the deadline
  overdue,    // the deadline has passed and something remains
  no_trend,   // something remains and the trend gives no projection
};

std::string_view to_string(DeadlineStatus status);
std::optional<DeadlineStatus> deadline_status_from_string(std::string_view text);

// A treaty deadline (CCM Article 3(2): eight years after entry into force) and its extension.
struct Deadline {
  std::string date;                        // YYYY-MM-DD
  std::optional<std::string> extended_to;  // YYYY-MM-DD, after `date`, when extended

  const std::string& effective() const { return extended_to ? *extended_to : date; }
};

struct StockpileRecords {
  std::vector<StockpileDeclaration> declarations;
  std::vector<DestructionEvent> events;
  std::vector<RetainedQuantity> retained;
};

struct ProgressQuery {
  std::string state;
  StockpileCategory category = StockpileCategory::anti_personnel_mines;
  std::string ammunition_type;  // for ammunition only
  std::string on;               // YYYY-MM-DD: the figures as they stood at the end of this day
  std::optional<Deadline> deadline;
  int trend_years = 3;  // the trend uses the events of the last trend_years years up to `on`
};

struct DestructionProgress {
  std::int64_t declared = 0;   // the latest declaration on or before `on`
  std::string declared_as_of;  // that declaration's date
  std::int64_t destroyed = 0;  // every event on or before `on`
  std::int64_t retained = 0;   // the latest retained figure on or before `on`, 0 when none
  // declared - destroyed - retained, never below 0.
  std::int64_t remaining = 0;
  // destroyed + retained exceed declared: the records disagree (a missing declaration update, a
  // double-counted event). Remaining shows 0; the figure needs a look.
  bool inconsistent = false;
  double percent_done = 0;  // destroyed / declared * 100, at most 100; 100 when declared is 0
  std::optional<std::string> projected_completion;  // YYYY-MM-DD, see project_completion
  std::optional<std::string> deadline;              // the effective deadline, when there is one
  DeadlineStatus status = DeadlineStatus::no_trend;
  int trend_points = 0;  // how many points the trend used
};

// The progress of query.category for query.state on query.on. The projection's series is one
// point per event day within the trend window, each the cumulative total destroyed by the end
// of that day (events before the window count in the totals); its target is declared -
// retained. Status, first match: completed (remaining 0), overdue (on after the deadline),
// no_trend (no projection), at_risk (projection after the deadline), on_track.
// invalid_argument for a malformed query (field named) or a malformed record among the matching
// ones; not_found on "category" when the state declared nothing of it on or before `on`.
Result<DestructionProgress> destruction_progress(const StockpileRecords& records,
                                                 const ProgressQuery& query);

}  // namespace concord::operations
