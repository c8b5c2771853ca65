// Suggestion: every model of the snapshot (and every make without models) is scored as a weighted
// share of the clues given: make 3, model 3, calibre 2, markings 2, weapon type 1, country 1.
// Clues that say nothing (an unknown calibre, markings naming no make or model) are left out of
// the share rather than counted against anyone. Then each candidate lends 0.9 of its score to the
// models it is often confused with.
#include "registry/weapon_reference_suggest.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "core/text.h"

namespace concord::registry {
namespace {

constexpr double kMakeWeight = 3;
constexpr double kModelWeight = 3;
constexpr double kCalibreWeight = 2;
constexpr double kMarkingsWeight = 2;
constexpr double kTypeWeight = 1;
constexpr double kCountryWeight = 1;
constexpr double kLookalikeShare = 0.9;
constexpr double kMinimumScore = 0.25;
constexpr int kMaxLimit = 100;

// The best fit of what was typed among an entry's spellings, with the reason in words.
struct TextFit {
  double score = 0;
  std::string reason;
};

struct Spelling {
  const std::string* text;
  MatchedBy by;
};

std::string two_decimals(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

TextFit fit_text(std::string_view what, const std::string& typed, const std::string& typed_key,
                 const std::string& canonical, const std::vector<Spelling>& spellings) {
  TextFit best;
  const Spelling* best_spelling = nullptr;
  for (const Spelling& spelling : spellings) {
    if (spelling.text->empty()) continue;
    const double score = fragment_similarity(typed_key, reference_key(*spelling.text));
    if (score > best.score) {
      best.score = score;
      best_spelling = &spelling;
    }
  }
  if (best_spelling == nullptr) return best;
  const std::string subject = std::string(what);
  const std::string quoted = "'" + typed + "'";
  if (best.score >= 1.0) {
    switch (best_spelling->by) {
      case MatchedBy::name:
        best.reason = subject + " " + canonical + " matches";
        break;
      case MatchedBy::code:
        best.reason = subject + " code " + quoted + " → " + canonical;
        break;
      case MatchedBy::alias:
        best.reason = subject + " alias " + quoted + " → " + canonical;
        break;
    }
    return best;
  }
  best.reason = subject + " " + quoted + " resembles ";
  if (best_spelling->by != MatchedBy::name) {
    best.reason +=
        std::string(to_string(best_spelling->by)) + " '" + *best_spelling->text + "' of ";
  }
  best.reason += canonical + " (" + two_decimals(best.score) + ")";
  return best;
}

// The keys of every run of one to three words of the markings, for spotting a make's name, code
// or alias, or a model's name, among them.
std::set<std::string> marking_keys(std::string_view markings) {
  std::vector<std::string_view> words;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i <= markings.size(); ++i) {
    const bool space = i == markings.size() || markings[i] == ' ' || markings[i] == '\t' ||
                       markings[i] == '\n' || markings[i] == '\r' || markings[i] == ';' ||
                       markings[i] == ',';
    if (!space && start == std::string_view::npos) start = i;
    if (space && start != std::string_view::npos) {
      words.push_back(markings.substr(start, i - start));
      start = std::string_view::npos;
    }
  }
  std::set<std::string> keys;
  for (std::size_t first = 0; first < words.size(); ++first) {
    std::string joined;
    for (std::size_t n = 0; n < 3 && first + n < words.size(); ++n) {
      joined += words[first + n];
      std::string key = reference_key(joined);
      if (key.size() >= 2) keys.insert(std::move(key));
    }
  }
  return keys;
}

std::optional<std::string> marking_hit(const std::set<std::string>& keys,
                                       const std::vector<Spelling>& spellings,
                                       std::size_t min_length) {
  for (const Spelling& spelling : spellings) {
    const std::string key = reference_key(*spelling.text);
    if (key.size() >= min_length && keys.contains(key)) return *spelling.text;
  }
  return std::nullopt;
}

std::vector<Spelling> make_spellings(const ReferenceMake& make) {
  std::vector<Spelling> spellings = {{&make.name, MatchedBy::name}};
  if (!make.code.empty()) spellings.push_back({&make.code, MatchedBy::code});
  for (const auto& alias : make.aliases)
    spellings.push_back({&alias, MatchedBy::alias});
  return spellings;
}

std::vector<Spelling> model_spellings(const ReferenceModel& model) {
  std::vector<Spelling> spellings = {{&model.name, MatchedBy::name}};
  for (const auto& alias : model.aliases)
    spellings.push_back({&alias, MatchedBy::alias});
  return spellings;
}

struct Candidate {
  std::size_t make = 0;
  std::optional<std::size_t> model;
  double score = 0;
  std::vector<std::string> reasons;
};

SuggestedModel identity_of(const ReferenceTable& table, const Candidate& candidate) {
  const ReferenceMake& make = table.contents().makes[candidate.make];
  SuggestedModel identity;
  identity.make_id = make.id;
  identity.make = make.name;
  identity.country = make.country;
  if (candidate.model) {
    const ReferenceModel& model = table.contents().models[*candidate.model];
    identity.model_id = model.id;
    identity.model = model.name;
    identity.weapon_type = model.weapon_type;
    if (const ReferenceCalibre* calibre = table.calibre_by_id(model.calibre_id)) {
      identity.calibre_id = calibre->id;
      identity.calibre = calibre->name;
    }
  }
  return identity;
}

std::string display_name(const ReferenceTable& table, std::size_t model_index) {
  const ReferenceModel& model = table.contents().models[model_index];
  const ReferenceMake* make = table.make_by_id(model.make_id);
  return (make != nullptr ? make->name + " " : std::string()) + model.name;
}

}  // namespace

int edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j)
    d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

namespace {

// The fewest edits that turn `fragment` into some part of `text` (free start and end in `text`).
int part_distance(const std::string& fragment, const std::string& text) {
  const std::size_t n = fragment.size();
  const std::size_t m = text.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i)
    d[i][0] = static_cast<int>(i);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = fragment[i - 1] == text[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && fragment[i - 1] == text[j - 2] && fragment[i - 2] == text[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return *std::min_element(d[n].begin(), d[n].end());
}

}  // namespace

double fragment_similarity(const std::string& fragment, const std::string& key) {
  if (fragment.empty() || key.empty()) return 0;
  if (fragment == key) return 1;
  const double f = static_cast<double>(fragment.size());
  const double k = static_cast<double>(key.size());
  double best = 0;
  if (fragment.size() >= 2 && key.starts_with(fragment)) {
    best = 0.8 + 0.15 * f / k;
  } else if (fragment.size() >= 3 && key.find(fragment) != std::string::npos) {
    best = 0.7 + 0.15 * f / k;
  }
  best = std::max(best, 1.0 - edit_distance(fragment, key) / std::max(f, k));
  if (fragment.size() >= 4 && fragment.size() < key.size())
    best = std::max(best, 0.75 * (1.0 - part_distance(fragment, key) / f));
  return best >= 0.5 ? best : 0;
}

Result<std::vector<Suggestion>> suggest_identification(const ReferenceTable& table,
                                                       const SuggestQuery& query) {
  if (query.limit < 1 || query.limit > kMaxLimit)
    return Error::invalid("limit", "limit must be between 1 and " + std::to_string(kMaxLimit));
  const std::string make_typed(trim(query.make));
  const std::string model_typed(trim(query.model));
  const std::string make_key = reference_key(make_typed);
  const std::string model_key = reference_key(model_typed);
  const std::string type_key = reference_key(query.weapon_type);
  std::string country(trim(query.country));
  for (char& c : country)
    c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  const std::set<std::string> markings = marking_keys(query.markings);
  const auto calibre = table.find_calibre(query.calibre);
  if (make_key.empty() && model_key.empty() && trim(query.calibre).empty() && type_key.empty() &&
      country.empty() && markings.empty()) {
    return Error::invalid("make",
                          "give at least one of make, model, calibre, type, country or markings");
  }
  // With a make, model or markings given, a candidate must fit one of them, unless none at all
  // does: then the other clues alone rank the table.
  bool named = !make_key.empty() || !model_key.empty() || !markings.empty();
  const auto& contents = table.contents();

  // Per make: how well the make clue fits, and whether the markings name it.
  std::vector<TextFit> make_fit(contents.makes.size());
  std::vector<std::optional<std::string>> make_marked(contents.makes.size());
  for (std::size_t i = 0; i < contents.makes.size(); ++i) {
    const auto spellings = make_spellings(contents.makes[i]);
    if (!make_key.empty())
      make_fit[i] = fit_text("make", make_typed, make_key, contents.makes[i].name, spellings);
    if (!markings.empty()) make_marked[i] = marking_hit(markings, spellings, 2);
  }

  std::vector<Candidate> candidates;
  auto score = [&](Candidate& candidate) {
    const ReferenceMake& make = contents.makes[candidate.make];
    const ReferenceModel* model = candidate.model ? &contents.models[*candidate.model] : nullptr;
    double earned = 0;
    double possible = 0;
    bool recognised = false;
    if (!make_key.empty()) {
      possible += kMakeWeight;
      earned += kMakeWeight * make_fit[candidate.make].score;
      if (make_fit[candidate.make].score > 0) {
        recognised = true;
        candidate.reasons.push_back(make_fit[candidate.make].reason);
      }
    }
    if (!model_key.empty()) {
      possible += kModelWeight;
      if (model != nullptr) {
        const TextFit fit =
            fit_text("model", model_typed, model_key, model->name, model_spellings(*model));
        earned += kModelWeight * fit.score;
        if (fit.score > 0) {
          recognised = true;
          candidate.reasons.push_back(fit.reason);
        }
      }
    }
    if (calibre) {
      possible += kCalibreWeight;
      const ReferenceCalibre& wanted = contents.calibres[calibre->index];
      if (model != nullptr && model->calibre_id == wanted.id) {
        earned += kCalibreWeight;
        std::string reason = "calibre " + wanted.name + " matches";
        if (calibre->by == MatchedBy::alias) reason += " (alias '" + calibre->spelling + "')";
        candidate.reasons.push_back(std::move(reason));
      }
    }
    if (!type_key.empty()) {
      possible += kTypeWeight;
      if (model != nullptr && reference_key(model->weapon_type) == type_key) {
        earned += kTypeWeight;
        candidate.reasons.push_back("weapon type " + model->weapon_type + " matches");
      }
    }
    if (!country.empty()) {
      possible += kCountryWeight;
      if (make.country == country) {
        earned += kCountryWeight;
        candidate.reasons.push_back("made in " + country + ", as " + make.name);
      }
    }
    std::optional<std::string> marked_model;
    if (model != nullptr && !markings.empty())
      marked_model = marking_hit(markings, model_spellings(*model), 3);
    if (make_marked[candidate.make] || marked_model) {
      possible += kMarkingsWeight;
      earned += kMarkingsWeight;
      recognised = true;
      if (make_marked[candidate.make]) {
        candidate.reasons.push_back("markings show '" + *make_marked[candidate.make] + "' of " +
                                    make.name);
      }
      if (marked_model) {
        candidate.reasons.push_back("markings show model '" + *marked_model + "'");
      }
    }
    candidate.score = possible > 0 ? earned / possible : 0;
    if (named && !recognised) candidate.score = 0;
  };

  auto score_all = [&] {
    for (std::size_t m = 0; m < contents.makes.size(); ++m) {
      const auto& models = table.models_of(m);
      if (models.empty()) {
        Candidate candidate{m, std::nullopt, 0, {}};
        score(candidate);
        if (candidate.score >= kMinimumScore) candidates.push_back(std::move(candidate));
        continue;
      }
      for (std::size_t model : models) {
        Candidate candidate{m, model, 0, {}};
        score(candidate);
        if (candidate.score > 0) candidates.push_back(std::move(candidate));
      }
    }
  };
  score_all();
  if (candidates.empty() && named && (calibre || !type_key.empty() || !country.empty())) {
    named = false;
    score_all();
  }

  // Look-alikes: a candidate lends a share of its own score to each model confused with it.
  std::vector<std::optional<std::size_t>> position_of_model(contents.models.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].model) position_of_model[*candidates[i].model] = i;
  }
  const std::size_t scored = candidates.size();
  std::vector<double> original(scored);
  for (std::size_t i = 0; i < scored; ++i)
    original[i] = candidates[i].score;
  for (std::size_t i = 0; i < scored; ++i) {
    if (!candidates[i].model || original[i] < kMinimumScore) continue;
    const double lent = kLookalikeShare * original[i];
    for (std::size_t other : table.lookalikes_of(*candidates[i].model)) {
      auto& position = position_of_model[other];
      if (!position) {
        const ReferenceModel& model = contents.models[other];
        const auto make = table.make_index(model.make_id);
        if (!make) continue;
        position = candidates.size();
        candidates.push_back({*make, other, 0, {}});
      }
      Candidate& target = candidates[*position];
      if (lent <= target.score) continue;
      target.score = lent;
      target.reasons.push_back("often confused with " + display_name(table, *candidates[i].model));
    }
  }

  std::erase_if(candidates,
                [](const Candidate& candidate) { return candidate.score < kMinimumScore; });
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    const auto& a_make = contents.makes[a.make].name;
    const auto& b_make = contents.makes[b.make].name;
    if (a_make != b_make) return a_make < b_make;
    const std::string a_model = a.model ? contents.models[*a.model].name : "";
    const std::string b_model = b.model ? contents.models[*b.model].name : "";
    return a_model < b_model;
  });
  if (candidates.size() > static_cast<std::size_t>(query.limit))
    candidates.resize(static_cast<std::size_t>(query.limit));

  std::vector<Suggestion> suggestions;
  suggestions.reserve(candidates.size());
  for (const Candidate& candidate : candidates) {
    Suggestion suggestion;
    suggestion.identity = identity_of(table, candidate);
    suggestion.score = candidate.score;
    suggestion.reasons = candidate.reasons;
    if (candidate.model) {
      for (std::size_t other : table.lookalikes_of(*candidate.model)) {
        const auto make = table.make_index(contents.models[other].make_id);
        if (make) suggestion.lookalikes.push_back(identity_of(table, {*make, other, 0, {}}));
      }
    }
    suggestions.push_back(std::move(suggestion));
  }
  return suggestions;
}

}  // namespace concord::registry
