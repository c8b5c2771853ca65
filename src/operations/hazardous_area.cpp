// Names of the hazardous-area enums, and the classification that holds on a day.
#include "operations/hazardous_area.h"

#include "core/enum_names.h"

namespace concord::operations {
namespace {

constexpr EnumNames<Contamination, 3> kContaminationNames({{
    {Contamination::mines, "mines"},
    {Contamination::cluster_munition_remnants, "cluster_munition_remnants"},
    {Contamination::other_erw, "other_erw"},
}});

constexpr EnumNames<HazardClassification, 2> kClassificationNames({{
    {HazardClassification::suspected, "suspected"},
    {HazardClassification::confirmed, "confirmed"},
}});

}  // namespace

std::string_view to_string(Contamination contamination) {
  return kContaminationNames.name(contamination);
}
std::optional<Contamination> contamination_from_string(std::string_view text) {
  return kContaminationNames.parse(text);
}
std::string contaminations_list() {
  return kContaminationNames.list();
}

std::string_view to_string(HazardClassification classification) {
  return kClassificationNames.name(classification);
}
std::optional<HazardClassification> hazard_classification_from_string(std::string_view text) {
  return kClassificationNames.parse(text);
}
std::string hazard_classifications_list() {
  return kClassificationNames.list();
}

std::optional<HazardClassification> HazardousArea::classification_on(std::string_view day) const {
  // YYYY-MM-DD compares as text in calendar order. Of changes on the same day, the one recorded
  // last (the later in the list) holds.
  std::optional<HazardClassification> holding;
  for (const auto& change : classifications) {
    if (change.as_of <= day) holding = change.classification;
  }
  return holding;
}

}  // namespace concord::operations
