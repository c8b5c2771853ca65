// What a tracing request says (International Tracing Instrument §§14-17): why the weapon is
// illicit and on what legal basis, where and how it was found, what the answer will be used for,
// the priority (urgent needs a justification) and the conditions of confidentiality. The weapon's
// description and markings are not here: they are copied from the record when the request is
// sent (weapon_snapshot.h). validate_content() is pure and names the offending field.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "tracing/due_dates.h"

namespace concord::tracing {

struct RequestContent {
  std::string illicit_nature;  // why the weapon is considered illicit
  std::string legal_basis;     // the national law or instrument the request rests on
  std::string circumstances;   // where, when and how the weapon was found or seized
  std::string intended_use;    // what the information will be used for
  Priority priority = Priority::routine;
  std::string urgency_justification;  // required when urgent, empty otherwise
  std::string confidentiality;        // conditions on the use and sharing of the answer
  std::optional<std::string> hit_id;  // the cross-check hit the request comes from
};

// Each text field within its limits (the first four required), a justification exactly when
// urgent, and a hit id of at most 64 characters.
Result<void> validate_content(const RequestContent& content);

}  // namespace concord::tracing
