// Suggesting an identification from a partial description: given any of a make fragment, a model
// fragment, a calibre, a weapon type, a country of manufacture and the markings as read, rank the
// (make, model, calibre) of the reference table that fit, each with a score and the reasons in
// words, and bring in the models often confused with the leading ones. Typos are tolerated: make
// and model fragments are compared by edit distance, as a whole and as a part of a longer name.
// Pure; a scan of the whole snapshot, which is quick for a table of tens of thousands of models.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "registry/weapon_reference_table.h"

namespace concord::registry {

struct SuggestQuery {
  std::string make;
  std::string model;
  std::string calibre;
  std::string weapon_type;
  std::string country;   // ISO 3166-1 alpha-2 of manufacture
  std::string markings;  // free text as read off the weapon
  int limit = 10;        // 1..100
};

struct SuggestedModel {
  std::string make_id;
  std::string make;
  std::string model_id;  // "" for a make without models
  std::string model;
  std::string calibre_id;
  std::string calibre;
  std::string weapon_type;
  std::string country;
};

struct Suggestion {
  SuggestedModel identity;
  double score = 0;  // 0..1
  std::vector<std::string> reasons;
  // Models often confused with this one, to check before settling on it.
  std::vector<SuggestedModel> lookalikes;
};

// Best first (ties by make, then model name). invalid_argument naming "make" when nothing was
// given, and "limit" when it is out of range. An empty answer means nothing fits.
Result<std::vector<Suggestion>> suggest_identification(const ReferenceTable& table,
                                                       const SuggestQuery& query);

// How alike `fragment` is to `key` (both folded keys), from 0 to 1: 1 when equal, high when the
// fragment begins or lies within the key, and by edit distance otherwise, counting adjacent swaps
// as one edit. Exposed for tests.
double fragment_similarity(const std::string& fragment, const std::string& key);

// Edit distance with adjacent transpositions (optimal string alignment), over bytes.
int edit_distance(const std::string& a, const std::string& b);

}  // namespace concord::registry
