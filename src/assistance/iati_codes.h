// The IATI 2.03 codes Concord writes and reads, in one place: the organisation identifiers it
// gives donors and recipient governments (a scheme of its own, see docs/decisions.md), the
// organisation types, and how IATI transaction types map onto flow kinds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "assistance/donor.h"
#include "assistance/funding_flow.h"

namespace concord::assistance {

// "XX-CONCORD-STATE-FR" for a state, "XX-CONCORD-ORG-<id>" for an organisation. "XX" marks an
// identifier no registration agency has issued (org-id.guide); a publisher with a registered
// identifier keeps its own in the files it publishes itself.
std::string iati_organisation_ref(const Donor& donor);
// The recipient government of `alpha2` as an IATI organisation reference.
std::string iati_government_ref(const std::string& alpha2);

// IATI OrganisationType codes.
inline constexpr std::string_view kIatiGovernment = "10";
inline constexpr std::string_view kIatiOtherOrganisation = "90";

// IATI TransactionType code written for a flow kind: pledge 12 (outgoing pledge), commitment 2
// (outgoing commitment), disbursement 3, expenditure 4.
std::string_view iati_transaction_type(FlowKind kind);
// The flow kind an IATI transaction type is read as: 2 and 11 (incoming commitment) commitment,
// 3 disbursement, 4 expenditure, 12 and 13 (incoming pledge) pledge; nullopt for the others
// (incoming funds, loans, interest, equity, guarantees), which are not funding flows.
std::optional<FlowKind> flow_kind_from_iati(std::string_view code);

// The IATI sector vocabulary under which Concord also writes the theme of an activity or
// transaction: 99, "reporting organisation", so that a re-import keeps the theme that DAC 15250
// alone cannot tell apart (clearance, destruction, victim assistance, risk education).
inline constexpr std::string_view kIatiThemeVocabulary = "99";

}  // namespace concord::assistance
