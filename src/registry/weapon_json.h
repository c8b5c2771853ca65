// The JSON shapes of a weapon record: the whole record (the API's answer and what each history row
// keeps), its description as the International Tracing Instrument asks for it (copied into tracing
// requests), and one typed marking. Pure functions; the caller decides what a reader may see.
#pragma once

#include <nlohmann/json.hpp>

#include "marking/typed_marking.h"
#include "registry/weapon_record.h"

namespace concord::registry {

// {"kind", "component", "text", "condition", "restoration_method"}; restoration_method is null
// unless the marking was restored.
nlohmann::json typed_marking_json(const marking::TypedMarking& marking);

// The ITI description: weapon_type; make, model and calibre each as entered and normalised
// ("make", "make_normalised", ... with null when the reference table did not recognise it);
// serial; every marking with its kind, component and condition; country_of_manufacture and
// year_of_manufacture (null when unknown).
nlohmann::json weapon_description_json(const WeaponRecord& record);

// The whole record: id, external_id, kind, state, status and the rest, with the description's
// fields at the top level and "location" null until the weapon is located.
nlohmann::json weapon_record_json(const WeaponRecord& record);

}  // namespace concord::registry
