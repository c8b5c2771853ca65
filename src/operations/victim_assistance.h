// Victim assistance services as stored records: one service (medical care, rehabilitation,
// psychosocial support, socio-economic inclusion) in one area and year, with the people it reached
// against the people who need it. Coverage is derived, never typed in. Names come only from here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace concord::operations {

// The pillars of victim assistance in the CCM and APMBC action plans.
enum class VictimServiceType {
  medical_care,    // emergency and continuing medical care
  rehabilitation,  // physical rehabilitation, prosthetics and orthotics
  psychosocial_support,
  socio_economic_inclusion,  // education, livelihoods, employment
};

std::string_view to_string(VictimServiceType type);
std::optional<VictimServiceType> victim_service_type_from_string(std::string_view text);
std::string victim_service_types_list();

struct VictimService {
  std::string id;
  std::string state;  // ISO 3166-1 alpha-2
  int year = 0;
  VictimServiceType service = VictimServiceType::medical_care;
  std::string area;      // administrative region
  std::string provider;  // who provides it
  std::int64_t people_reached = 0;
  std::int64_t people_in_need = 0;  // > 0
  std::string recorded_by;
  std::string created_at;
  // people_reached / people_in_need, in [0, 1] and more when a service reached more people than
  // were counted as in need (shown, not capped: the figures disagree and need a look).
  double coverage() const {
    return people_in_need > 0 ? double(people_reached) / double(people_in_need) : 0;
  }
};

}  // namespace concord::operations
