// IndexedRecord: what the marking index holds of a weapon record, and the JSON shape in which the
// registry publishes it on the change feed (area "registry", entity "weapon"), so that every app
// node's index can follow the feed without reading the record again.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"

namespace concord::search {

struct IndexedRecord {
  std::string id;           // the record's ULID: ties in score are broken by it
  std::string external_id;  // the reporting state's own reference
  std::string kind;         // "registry", "lost", "stolen", "seized", ...
  std::string state;        // owning state, ISO 3166-1 alpha-2
  std::string weapon_type;
  std::string make;
  std::string model;
  std::string calibre;
  std::string country_of_manufacture;    // alpha-2 or ""
  std::string sharing;                   // access::Sharing name: who else may see it in results
  std::vector<std::string> shared_with;  // for sharing "named_states"
  std::vector<std::string> markings;     // the serial first, then other serials, each as read
};

nlohmann::json indexed_record_to_json(const IndexedRecord& record);
// invalid_argument naming the field when `json` lacks one or has the wrong type.
Result<IndexedRecord> indexed_record_from_json(const nlohmann::json& json);

}  // namespace concord::search
