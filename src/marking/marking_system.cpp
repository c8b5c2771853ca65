#include "marking/marking_system.h"

namespace concord::marking {

const DecodedImport* DecodedMarkings::last_import() const {
  const DecodedImport* latest = nullptr;
  for (const DecodedImport& candidate : imports) {
    if (latest == nullptr || !candidate.year || !latest->year || *candidate.year >= *latest->year) {
      latest = &candidate;
    }
  }
  return latest;
}

DecodedMarkings decode_markings(const std::vector<MarkingSystem>& /*systems*/,
                                const std::vector<TypedMarking>& /*markings*/) {
  return {};
}

}  // namespace concord::marking
