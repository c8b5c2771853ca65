#include "search/marking_search.h"

#include <cmath>

#include "access/policy.h"
#include "core/enum_names.h"
#include "core/text.h"

namespace concord::search {
namespace {

constexpr EnumNames<marking::StepKind, 9> kStepNames({{
    {marking::StepKind::match, "match"},
    {marking::StepKind::look_alike, "look_alike"},
    {marking::StepKind::substituted, "substituted"},
    {marking::StepKind::unknown, "unknown"},
    {marking::StepKind::run, "run"},
    {marking::StepKind::missing, "missing"},
    {marking::StepKind::extra, "extra"},
    {marking::StepKind::transposed, "transposed"},
    {marking::StepKind::lost_edge, "lost_edge"},
}});

}  // namespace

const std::vector<FilterName>& filter_names() {
  static const std::vector<FilterName> names = {
      {"make", &SearchFilters::make},
      {"model", &SearchFilters::model},
      {"calibre", &SearchFilters::calibre},
      {"type", &SearchFilters::weapon_type},
      {"kind", &SearchFilters::kind},
      {"state", &SearchFilters::state},
      {"country", &SearchFilters::country_of_manufacture}};
  return names;
}

std::string* filter_named(SearchFilters& filters, std::string_view name) {
  for (const auto& filter : filter_names()) {
    if (filter.name == name) return &(filters.*filter.field);
  }
  return nullptr;
}

Viewer viewer_for(const access::Principal& actor) {
  Viewer viewer;
  viewer.sees_everything = actor.credential == access::Credential::system;
  viewer.state = actor.state.value_or("");
  viewer.law_enforcement = access::is_law_enforcement(actor);
  return viewer;
}

Result<SearchResult> MarkingSearch::search(const access::Principal& actor,
                                           const MarkingSearchInput& input) const {
  CONCORD_TRY(access::authorize(actor, "markings.search"));
  CONCORD_ASSIGN_OR_RETURN(auto query, marking::parse_marking_query(input.q, "q"));
  SearchRequest request;
  request.query = std::move(query);
  request.filters = input.filters;
  request.viewer = viewer_for(actor);
  request.top = input.top;
  if (input.min_score) request.min_score = *input.min_score;
  return index_.search(request);
}

nlohmann::ordered_json hit_json(const SearchHit& hit, const marking::MarkingQuery& query) {
  std::string symbols;
  for (char32_t symbol : hit.record_symbols)
    symbols += utf8_of(symbol);
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const auto& step : hit.alignment.steps) {
    nlohmann::ordered_json range = nullptr;
    if (step.query_term >= 0) {
      const auto& term = query.terms[static_cast<size_t>(step.query_term)];
      range = {term.source_begin, term.source_end};
    }
    steps.push_back({{"step", kStepNames.name(step.kind)},
                     {"query", range},
                     {"record", step.record_symbol >= 0 ? nlohmann::ordered_json(step.record_symbol)
                                                        : nlohmann::ordered_json(nullptr)}});
  }
  const auto& record = hit.record;
  const auto marking = static_cast<size_t>(hit.marking);
  return {{"id", hit.id},
          {"external_id", hit.external_id},
          {"state", record.state},
          {"kind", record.kind},
          {"weapon_type", record.weapon_type},
          {"make", record.make},
          {"model", record.model},
          {"calibre", record.calibre},
          {"marking_as_read", marking < record.markings.size() ? record.markings[marking] : ""},
          {"score", std::round(hit.score * 10000) / 10000},
          {"marking", hit.marking},
          {"record_symbols", symbols},
          {"alignment", steps}};
}

}  // namespace concord::search
