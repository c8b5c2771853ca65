#include "tracing/request_content.h"

#include "core/text.h"
#include "tracing/text_fields.h"

namespace concord::tracing {

Result<void> validate_content(const RequestContent& content) {
  CONCORD_TRY(check_text("illicit_nature", content.illicit_nature, 1, 4000));
  CONCORD_TRY(check_text("legal_basis", content.legal_basis, 1, 4000));
  CONCORD_TRY(check_text("circumstances", content.circumstances, 1, 8000));
  CONCORD_TRY(check_text("intended_use", content.intended_use, 1, 4000));
  CONCORD_TRY(check_text("confidentiality", content.confidentiality, 0, 4000));
  if (content.priority == Priority::urgent) {
    if (trim(content.urgency_justification).empty()) {
      return Error::invalid("urgency_justification",
                            "an urgent request needs an urgency_justification");
    }
    CONCORD_TRY(check_text("urgency_justification", content.urgency_justification, 1, 4000));
  } else if (!content.urgency_justification.empty()) {
    return Error::invalid("urgency_justification",
                          "only an urgent request has an urgency_justification");
  }
  if (content.hit_id) CONCORD_TRY(check_text("hit_id", *content.hit_id, 1, 64));
  return ok();
}

}  // namespace concord::tracing
