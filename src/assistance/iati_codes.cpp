#include "assistance/iati_codes.h"

namespace concord::assistance {

std::string iati_organisation_ref(const Donor& donor) {
  return donor.type == DonorType::state ? iati_government_ref(donor.ref)
                                        : "XX-CONCORD-ORG-" + donor.ref;
}

std::string iati_government_ref(const std::string& alpha2) {
  return "XX-CONCORD-STATE-" + alpha2;
}

std::string_view iati_transaction_type(FlowKind kind) {
  switch (kind) {
    case FlowKind::pledge:
      return "12";
    case FlowKind::commitment:
      return "2";
    case FlowKind::disbursement:
      return "3";
    case FlowKind::expenditure:
      return "4";
  }
  return "2";
}

std::optional<FlowKind> flow_kind_from_iati(std::string_view code) {
  if (code == "2" || code == "11") return FlowKind::commitment;
  if (code == "3") return FlowKind::disbursement;
  if (code == "4") return FlowKind::expenditure;
  if (code == "12" || code == "13") return FlowKind::pledge;
  return std::nullopt;
}

}  // namespace concord::assistance
