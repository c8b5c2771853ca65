#include "assistance/donor.h"

#include "core/enum_names.h"

namespace concord::assistance {
namespace {

constexpr EnumNames<DonorType, 2> kDonorTypeNames({{
    {DonorType::state, "state"},
    {DonorType::organisation, "organisation"},
}});

}  // namespace

std::string_view to_string(DonorType type) {
  return kDonorTypeNames.name(type);
}

std::optional<DonorType> donor_type_from_string(std::string_view text) {
  return kDonorTypeNames.parse(text);
}

std::string donor_key(const Donor& donor) {
  return std::string(to_string(donor.type)) + ":" + donor.ref;
}

Result<Donor> parse_donor_key(std::string_view text, std::string_view field) {
  const auto colon = text.find(':');
  const auto type = colon == std::string_view::npos ? std::nullopt
                                                    : donor_type_from_string(text.substr(0, colon));
  if (!type || colon + 1 >= text.size()) {
    return Error::invalid(std::string(field), "must be 'state:XX' or 'organisation:<id>', got '" +
                                                  std::string(text) + "'");
  }
  return Donor{*type, std::string(text.substr(colon + 1))};
}

Result<Donor> donor_of(const access::Principal& principal) {
  if (principal.state) return Donor{DonorType::state, *principal.state};
  if (principal.organisation_id) return Donor{DonorType::organisation, *principal.organisation_id};
  return Error{ErrorCode::permission_denied,
               "only a user of a state or an organisation can act as a donor",
               {}};
}

access::Principal system_principal_for(const Donor& donor, std::string what) {
  access::Principal principal = access::Principal::system(std::move(what));
  if (donor.type == DonorType::state) {
    principal.state = donor.ref;
  } else {
    principal.organisation_id = donor.ref;
  }
  return principal;
}

}  // namespace concord::assistance
