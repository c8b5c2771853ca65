// MarkingSearch: the marking search as callers use it (API route, CLI, batch cross-check): it
// checks that the caller may search, parses and validates the input (errors name the field),
// limits results to what the caller may see, and encodes hits as JSON the same way everywhere.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/principal.h"
#include "core/result.h"
#include "search/marking_index.h"

namespace concord::search {

struct MarkingSearchInput {
  std::string q;  // the marking as read
  SearchFilters filters;
  int top = 10;
  std::optional<double> min_score;
};

// The filters by the names callers give them ("type" for weapon_type, "country" for
// country_of_manufacture): one list for the API's parameters and the CLI's batch lines.
struct FilterName {
  std::string_view name;
  std::string SearchFilters::*field;
};
const std::vector<FilterName>& filter_names();
// The filter called `name`, or nullptr.
std::string* filter_named(SearchFilters& filters, std::string_view name);

class MarkingSearch {
 public:
  // `index` must outlive this.
  explicit MarkingSearch(const MarkingIndex& index) : index_(index) {}

  // permission_denied / unauthenticated when `actor` may not search ("markings.search");
  // invalid_argument naming q, top or min_score.
  Result<SearchResult> search(const access::Principal& actor,
                              const MarkingSearchInput& input) const;

  const MarkingIndex& index() const { return index_; }

 private:
  const MarkingIndex& index_;
};

// What `actor` may see in results.
Viewer viewer_for(const access::Principal& actor);

// {"id", "external_id", "score", "marking", "record_symbols", "alignment": [{"step", "query",
// "record"}]}, where "query" is the byte range [begin, end) of the query as typed and "record" the
// index of the record's canonical symbol (null when the step has none).
nlohmann::ordered_json hit_json(const SearchHit& hit, const marking::MarkingQuery& query);

}  // namespace concord::search
