#include "operations/victim_assistance.h"

#include "core/enum_names.h"

namespace concord::operations {
namespace {

constexpr EnumNames<VictimServiceType, 4> kServiceNames({{
    {VictimServiceType::medical_care, "medical_care"},
    {VictimServiceType::rehabilitation, "rehabilitation"},
    {VictimServiceType::psychosocial_support, "psychosocial_support"},
    {VictimServiceType::socio_economic_inclusion, "socio_economic_inclusion"},
}});

}  // namespace

std::string_view to_string(VictimServiceType type) {
  return kServiceNames.name(type);
}
std::optional<VictimServiceType> victim_service_type_from_string(std::string_view text) {
  return kServiceNames.parse(text);
}
std::string victim_service_types_list() {
  return kServiceNames.list();
}

}  // namespace concord::operations
