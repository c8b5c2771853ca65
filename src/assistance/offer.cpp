#include "assistance/offer.h"

#include "core/enum_names.h"

namespace concord::assistance {
namespace {

constexpr EnumNames<OfferStatus, 3> kOfferStatusNames({{
    {OfferStatus::open, "open"},
    {OfferStatus::closed, "closed"},
    {OfferStatus::withdrawn, "withdrawn"},
}});

}  // namespace

std::string_view to_string(OfferStatus status) {
  return kOfferStatusNames.name(status);
}

std::optional<OfferStatus> offer_status_from_string(std::string_view text) {
  return kOfferStatusNames.parse(text);
}

}  // namespace concord::assistance
