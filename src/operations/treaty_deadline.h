// Treaty deadlines a state is bound by: stockpile destruction (CCM Article 3, APMBC Article 4)
// per category, and clearance (CCM Article 4, APMBC Article 5), each with any extension granted.
// Names come only from here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "operations/destruction_progress.h"
#include "operations/stockpile.h"

namespace concord::operations {

enum class Instrument { ccm, apmbc };
enum class DeadlineObligation { stockpile_destruction, clearance };

std::string_view to_string(Instrument instrument);
std::optional<Instrument> instrument_from_string(std::string_view text);
std::string instruments_list();
std::string_view to_string(DeadlineObligation obligation);
std::optional<DeadlineObligation> deadline_obligation_from_string(std::string_view text);
std::string deadline_obligations_list();

// One per state, instrument, obligation and category: setting it again replaces it.
struct TreatyDeadline {
  std::string state;
  Instrument instrument = Instrument::ccm;
  DeadlineObligation obligation = DeadlineObligation::stockpile_destruction;
  // For stockpile_destruction, the category it binds (CCM: cluster_munitions; APMBC:
  // anti_personnel_mines); nullopt for clearance.
  std::optional<StockpileCategory> category;
  Deadline deadline;  // the date and any extension
  std::string updated_by;
  std::string updated_at;
};

}  // namespace concord::operations
