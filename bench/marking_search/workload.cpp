#include "workload.h"

#include <random>
#include <unordered_set>

#include "core/text.h"
#include "marking/marking_query.h"

namespace concord::bench {
namespace {

// In twenty consecutive queries: twelve with the make, five with make, model and calibre, three
// alone. Twenty and the eleven damages share no factor, so every pair recurs evenly.
Group group_of(std::size_t query) {
  const std::size_t slot = query % 20;
  if (slot < 12) return Group::make;
  if (slot < 17) return Group::make_model_calibre;
  return Group::marking_alone;
}

BenchQuery make_query(const Corpus& corpus, std::size_t record, search::Damage damage, Group group,
                      marking::MarkingQuery parsed, const WorkloadOptions& options) {
  BenchQuery query;
  query.truth = record;
  query.damage = damage;
  query.group = group;
  for (const auto& term : parsed.terms) {
    if (term.kind == marking::QueryTermKind::symbol) query.canonical += utf8_of(term.symbol);
  }
  query.request.query = std::move(parsed);
  query.request.top = options.top;
  query.request.min_score = options.min_score;
  // An officer of some state: every benchmark record is shared with law enforcement.
  query.request.viewer.law_enforcement = true;
  const Attributes& attributes = corpus.attributes(record);
  if (group != Group::marking_alone) {
    query.request.filters.make = corpus.value(attributes.make);
  }
  if (group == Group::make_model_calibre) {
    query.request.filters.model = corpus.value(attributes.model);
    query.request.filters.calibre = corpus.value(attributes.calibre);
  }
  return query;
}

}  // namespace

std::string_view to_string(Group group) {
  switch (group) {
    case Group::make:
      return "make";
    case Group::make_model_calibre:
      return "make+model+calibre";
    case Group::marking_alone:
      return "marking alone";
  }
  return "?";
}

const std::vector<Group>& all_groups() {
  static const std::vector<Group> groups = {Group::make, Group::make_model_calibre,
                                            Group::marking_alone};
  return groups;
}

std::vector<BenchQuery> damaged_queries(const Corpus& corpus, const WorkloadOptions& options) {
  std::mt19937_64 random(options.seed);
  std::vector<BenchQuery> queries;
  std::unordered_set<std::size_t> used;
  const auto& damages = search::all_damages();
  const std::size_t wanted = std::min(options.count, corpus.size());
  for (std::size_t attempts = 0; queries.size() < wanted && attempts < 100 * wanted + 1000;
       ++attempts) {
    const std::size_t record = static_cast<std::size_t>(random() % corpus.size());
    if (used.contains(record)) continue;
    const search::Damage damage = damages[queries.size() % damages.size()];
    const auto reading = search::damage_marking(corpus.serial(record), damage, random);
    if (!reading) continue;
    auto parsed = marking::parse_marking_query(*reading);
    if (!parsed.ok()) continue;
    used.insert(record);
    queries.push_back(make_query(corpus, record, damage, group_of(queries.size()),
                                 std::move(parsed).value(), options));
  }
  return queries;
}

std::vector<BenchQuery> exact_queries(const Corpus& corpus, const WorkloadOptions& options) {
  std::mt19937_64 random(options.seed);
  std::vector<BenchQuery> queries;
  queries.reserve(options.count);
  for (std::size_t attempts = 0;
       queries.size() < options.count && attempts < 2 * options.count + 1000; ++attempts) {
    const std::size_t record = static_cast<std::size_t>(random() % corpus.size());
    auto parsed = marking::parse_marking_query(corpus.serial(record));
    if (!parsed.ok()) continue;
    queries.push_back(make_query(corpus, record, search::Damage::none, Group::marking_alone,
                                 std::move(parsed).value(), options));
  }
  return queries;
}

}  // namespace concord::bench
