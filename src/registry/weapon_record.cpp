#include "registry/weapon_record.h"

#include "core/enum_names.h"

namespace concord::registry {
namespace {

constexpr EnumNames<RecordKind, 9> kKindNames({{
    {RecordKind::registry, "registry"},
    {RecordKind::lost, "lost"},
    {RecordKind::stolen, "stolen"},
    {RecordKind::trafficked, "trafficked"},
    {RecordKind::seized, "seized"},
    {RecordKind::found, "found"},
    {RecordKind::surrendered, "surrendered"},
    {RecordKind::destroyed, "destroyed"},
    {RecordKind::embargo_breach, "embargo_breach"},
}});

constexpr EnumNames<RecordStatus, 4> kStatusNames({{
    {RecordStatus::active, "active"},
    {RecordStatus::located, "located"},
    {RecordStatus::cleared, "cleared"},
    {RecordStatus::cancelled, "cancelled"},
}});

}  // namespace

std::string_view to_string(RecordKind kind) {
  return kKindNames.name(kind);
}

std::optional<RecordKind> record_kind_from_string(std::string_view text) {
  return kKindNames.parse(text);
}

std::string record_kinds_list() {
  return kKindNames.list();
}

std::string_view to_string(RecordStatus status) {
  return kStatusNames.name(status);
}

std::optional<RecordStatus> record_status_from_string(std::string_view text) {
  return kStatusNames.parse(text);
}

std::string record_statuses_list() {
  return kStatusNames.list();
}

}  // namespace concord::registry
