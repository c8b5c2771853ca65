// Writes funding flows as an IATI 2.03 activity file: one iati-activity per flow `activity`, with
// its reporting and participating organisations, status, start date, recipient country, DAC
// sector (and the Concord theme under vocabulary 99), one budget per budget year and currency
// from the commitments, and one transaction per flow. A pure function of its input; elements are
// written in the order of the schema's xsd:sequence, with libxml2's xmlTextWriter.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "assistance/donor.h"
#include "assistance/funding_flow.h"
#include "core/reference_data.h"
#include "core/result.h"

namespace concord::assistance {

// How a donor appears in the file.
struct IatiParty {
  std::string name;               // display name, the narrative
  std::string organisation_type;  // IATI OrganisationType code: "10" government, "40", "80"...
};

struct IatiExportInput {
  // Current versions; withdrawn flows are left out here too, so callers may pass them.
  std::vector<FundingFlow> flows;
  std::map<std::string, std::string> titles;  // activity -> title (a need or plan); optional
  std::map<Donor, IatiParty> donors;          // a donor missing here is named by its key
  std::string generated_at;                   // ISO 8601 UTC
};

// The document as UTF-8 text. With no flows it holds no iati-activity, which the schema does
// not allow (minOccurs 1): callers decide whether to send it. internal only when libxml2 fails.
Result<std::string> write_iati_activities(const IatiExportInput& input,
                                          const ReferenceData& reference);

// The IATI organisation type of a directory organisation kind ("united_nations" -> "40"
// multilateral, "academic" -> "80", "non_governmental" -> "21", ...).
std::string iati_organisation_type(std::string_view organisation_kind);

}  // namespace concord::assistance
