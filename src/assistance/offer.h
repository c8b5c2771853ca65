// A donor's offer (Vientiane Action Plan, Action 42): funding, equipment, expertise or training,
// for some themes, to eligible countries or regions, an amount in a currency over a span of years,
// with a modality and conditions, and the donor's priority countries. A region is a named list of
// countries that operators keep (assistance_regions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "assistance/donor.h"
#include "assistance/theme.h"

namespace concord::assistance {

enum class OfferStatus { open, closed, withdrawn };

std::string_view to_string(OfferStatus status);
std::optional<OfferStatus> offer_status_from_string(std::string_view text);

struct Offer {
  std::string id;
  Donor donor;
  AssistanceKind kind = AssistanceKind::funding;
  std::string title;
  std::vector<Theme> themes;                    // at least one
  std::vector<std::string> eligible_countries;  // alpha-2; with no regions either: every country
  std::vector<std::string> eligible_regions;    // region names
  std::vector<std::string> priority_countries;  // the donor's priorities, alpha-2
  std::int64_t amount_minor = 0;
  std::string currency;  // ISO 4217
  int first_year = 0;
  int last_year = 0;
  Modality modality = Modality::grant;
  std::string conditions;
  OfferStatus status = OfferStatus::open;
  std::string created_by;
  std::string created_at;
  std::string updated_at;

  bool open_to_every_country() const {
    return eligible_countries.empty() && eligible_regions.empty();
  }
};

}  // namespace concord::assistance
