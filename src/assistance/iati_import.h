// Reads an IATI 2.x activity file (versions 2.01 to 2.03) into the funding flows it describes.
// A pure parse of untrusted text: libxml2 with no network, no DTD and no entity expansion, and a
// size limit. A broken file (not well-formed, not iati-activities, a DOCTYPE, a transaction
// without type, date or value, an amount that is not a decimal, an unknown currency, a bad
// date) is an invalid_argument error naming the line and element, and yields nothing. What the
// file says that Concord does not record (other transaction types, other sectors, negative
// corrections, regions without a country) is left out and listed in `skipped`, never silently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assistance/funding_flow.h"
#include "assistance/theme.h"
#include "core/reference_data.h"
#include "core/result.h"

namespace concord::assistance {

// Files larger than this are refused (payload_too_large) before parsing.
inline constexpr std::size_t kIatiMaxBytes = 32 * 1024 * 1024;

// One transaction read as what a flow needs. The donor is the importing caller's.
struct IatiFlow {
  std::string activity;  // iati-identifier
  FlowKind kind = FlowKind::commitment;
  std::string recipient_state;  // alpha-2
  Theme theme = Theme::clearance;
  std::string sector;   // 15240 or 15250
  int budget_year = 0;  // the year of the value date
  std::int64_t amount_minor = 0;
  std::string currency;
  std::string value_date;  // YYYY-MM-DD
  std::string description;
  int line = 0;  // of the transaction, for messages
};

// Something the file holds that is not imported, and why.
struct IatiSkip {
  std::string activity;
  int line = 0;
  std::string element;  // "iati-activity" (the whole activity) or "transaction"
  std::string reason;
};

struct IatiDocument {
  std::string version;  // the file's version attribute, "2.03"
  int activities = 0;   // iati-activity elements read
  std::vector<IatiFlow> flows;
  std::vector<IatiSkip> skipped;
  // Choices made where the file allowed several readings (several countries: the largest share).
  std::vector<std::string> notes;
};

Result<IatiDocument> parse_iati_activities(std::string_view xml, const ReferenceData& reference);

}  // namespace concord::assistance
