// Generated reference: calibres, then makes, then models, then look-alikes, each through the same
// edits an operator's CSV goes through (weapon_reference_edit.h) in add_missing mode.
#include "registry/weapon_reference_fill.h"

#include <map>
#include <set>
#include <utility>

#include "registry/weapon_generator.h"
#include "registry/weapon_reference_edit.h"

namespace concord::registry {
namespace {

constexpr std::size_t kLookalikePairs = 24;

// Other spellings of the generator's calibres, as officers and catalogues write them.
const std::map<std::string, std::vector<std::string>>& calibre_aliases() {
  static const std::map<std::string, std::vector<std::string>> aliases = {
      {"9x19mm", {"9mm Parabellum", "9mm Luger", "9 × 19"}},
      {".45 ACP", {".45 Auto"}},
      {"9x18mm Makarov", {"9mm Makarov", "9x18"}},
      {".40 S&W", {".40 Smith & Wesson"}},
      {"7.62x25mm Tokarev", {"7.62x25", "7.62 × 25"}},
      {".380 ACP", {"9mm Short", "9x17mm"}},
      {".22 LR", {".22 Long Rifle"}},
      {"5.7x28mm", {"5.7 × 28"}},
      {".38 Special", {".38 Spl"}},
      {".357 Magnum", {".357 Mag"}},
      {".44 Magnum", {".44 Mag"}},
      {"7.62x38mmR", {"7.62 Nagant", "7.62x38R"}},
      {"7.62x51mm", {"7.62 NATO", "7.62 × 51"}},
      {".308 Winchester", {".308 Win"}},
      {".30-06 Springfield", {".30-06"}},
      {"7.62x54mmR", {"7.62x54R", "7.62 × 54R"}},
      {"6.5x55mm", {"6.5 × 55 Swedish"}},
      {".223 Remington", {".223 Rem"}},
      {"8x57mm", {"8mm Mauser", "8 × 57"}},
      {"5.56x45mm", {"5.56 NATO", "5.56 × 45"}},
      {"7.62x39mm", {"7.62 × 39", "7,62x39", "7.62x39", "7.62 Soviet"}},
      {".30 Carbine", {"7.62x33mm"}},
      {"5.45x39mm", {"5.45 × 39"}},
      {".338 Lapua Magnum", {".338 LM"}},
      {".50 BMG", {"12.7x99mm", ".50 Browning"}},
      {"12.7x108mm", {"12.7 × 108"}},
      {"12 gauge", {"12 ga", "12 bore"}},
      {"20 gauge", {"20 ga"}},
      {"16 gauge", {"16 ga"}},
      {".410 bore", {".410"}},
      {"4.6x30mm", {"4.6 × 30"}},
      {"40x46mm", {"40 × 46"}},
      {"40x53mm", {"40 × 53"}},
  };
  return aliases;
}

std::vector<std::string> words_of(const std::string& name) {
  std::vector<std::string> words;
  std::string word;
  for (char c : name + " ") {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// "Kelov Arms" -> "KELA", "State Factory 123" -> "STAF123": the first three letters of the first
// word, then the initial of each further word (a number whole).
std::string code_stem(const std::string& name) {
  std::string code;
  const auto words = words_of(name);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string key = reference_key(words[i]);
    if (key.empty()) continue;
    const bool number = key.find_first_not_of("0123456789") == std::string::npos;
    const std::size_t take =
        i == 0 || number ? std::min<std::size_t>(key.size(), number ? 8 : 3) : 1;
    for (std::size_t k = 0; k < take; ++k)
      code += upper(key[k]);
  }
  return code;
}

// "Model 120" -> "M120", "Type 56" -> "T56".
std::vector<std::string> model_aliases(const std::string& name) {
  for (std::string_view prefix : {"Model ", "Type "}) {
    if (name.starts_with(prefix)) return {std::string(1, prefix[0]) + name.substr(prefix.size())};
  }
  return {};
}

}  // namespace

Result<void> add_generated_reference(ReferenceContents& contents, const ReferenceData& countries,
                                     IdGenerator& ids) {
  for (const std::string& calibre : generator_calibres()) {
    CalibreInput input{"", calibre, {}};
    if (auto found = calibre_aliases().find(calibre); found != calibre_aliases().end())
      input.aliases = found->second;
    CONCORD_TRY(edit_calibre(contents, input, ids, EditMode::add_missing));
  }

  const std::vector<CatalogueMaker> catalogue = generator_catalogue();
  // Keys already spoken for, so that a generated code or alias never collides.
  std::set<std::string> used;
  for (const auto& make : contents.makes) {
    used.insert(reference_key(make.name));
    used.insert(reference_key(make.code));
    for (const auto& alias : make.aliases)
      used.insert(reference_key(alias));
  }
  std::map<std::string, int> first_words;
  for (const auto& maker : catalogue) {
    used.insert(reference_key(maker.name));
    ++first_words[reference_key(words_of(maker.name).front())];
  }
  const ReferenceTable existing(contents);
  for (const auto& maker : catalogue) {
    if (existing.find_make(maker.name)) continue;  // present: the operator's version stands
    MakeInput input{"", maker.name, "", maker.country, {}};
    const std::string stem = code_stem(maker.name);
    std::string code = stem;
    for (int n = 2; used.contains(reference_key(code)); ++n)
      code = stem + std::to_string(n);
    used.insert(reference_key(code));
    input.code = code;
    const std::string first = words_of(maker.name).front();
    const std::string first_key = reference_key(first);
    if (first_words[first_key] == 1 && !used.contains(first_key) && first_key.size() >= 4) {
      input.aliases.push_back(first);
      used.insert(first_key);
    }
    CONCORD_TRY(edit_make(contents, input, countries, ids, EditMode::add_missing));
  }

  const ReferenceTable with_makes(contents);
  // Models of one type and calibre, by make, for the look-alike pairs.
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::string, std::string>>>
      alike;  // (type, calibre) -> (make, model id)
  for (const auto& maker : catalogue) {
    std::set<std::string> seen;
    for (const auto& model : maker.models) {
      if (!seen.insert(reference_key(model.name)).second) continue;  // a repeated name
      CONCORD_ASSIGN_OR_RETURN(const std::string id,
                               edit_model(contents, with_makes,
                                          {"", maker.name, model.name, model.weapon_type,
                                           model.calibre, model_aliases(model.name)},
                                          ids, EditMode::add_missing));
      auto& group = alike[{model.weapon_type, model.calibre}];
      // Look-alikes come from different makes.
      if (group.size() < 8 && (group.empty() || group.back().first != maker.name))
        group.emplace_back(maker.name, id);
    }
  }
  std::size_t pairs = 0;
  for (const auto& [type_and_calibre, models] : alike) {
    for (std::size_t i = 0; i + 1 < models.size() && pairs < kLookalikePairs; i += 2, ++pairs)
      CONCORD_TRY(add_lookalike_ids(contents, models[i].second, models[i + 1].second));
  }
  return {};
}

}  // namespace concord::registry
