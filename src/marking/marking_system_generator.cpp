#include "marking/marking_system_generator.h"

#include <array>
#include <set>
#include <string_view>

#include "marking/marking_system_pattern.h"

namespace concord::marking {
namespace {

// splitmix64: small, and the same bit for bit everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int between(int low, int high) {  // inclusive
    return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1));
  }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[next() % N];
  }

 private:
  std::uint64_t state_;
};

constexpr std::array<std::string_view, 24> kSyllables = {
    "Kor", "Val", "Tem", "Bra",  "Sol", "Mir", "Dun", "Ost",  "Ral", "Zev", "Hel", "Lin",
    "Tor", "Var", "Pel", "Grun", "Nor", "Kaz", "Ori", "Sten", "Uld", "Fen", "Ira", "Yar"};
constexpr std::array<std::string_view, 8> kEndings = {"ov",  "ar",  "ex", "ia",
                                                      "ent", "ion", "is", "on"};
constexpr std::array<std::string_view, 6> kHouses = {"Arms Works",    "Machine Plant", "Arsenal",
                                                     "Rifle Factory", "Precision",     "Defence"};
constexpr std::array<std::string_view, 5> kImporterKinds = {"Trading", "Imports", "Sporting",
                                                            "Supply", "Distribution"};
constexpr std::array<std::string_view, 4> kImportFormats = {
    "{country}{year2}{importer}", "{importer} {country} {year4}", "{country}-{importer}-{year}",
    "{importer}/{year2}"};
constexpr std::array<std::string_view, 3> kSerialFormats = {
    "{manufacturer}{year2}{digits:5-6}", "{year_code}{digits:6}", "{manufacturer}-{digits:4-7}"};
// Letters that are not easily misread for digits, as year codes avoid them.
constexpr std::string_view kYearLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";

std::string invented_name(Random& random) {
  std::string stem(random.pick(kSyllables));
  stem += random.pick(kEndings);
  return stem;
}

// The initials of a name ("Korov Arms Works" -> "KAW"), or a seeded two or three letters.
std::string code_of(const std::string& name, Random& random) {
  std::string code;
  bool start = true;
  for (char c : name) {
    if (start && c >= 'A' && c <= 'Z') code += c;
    start = c == ' ';
  }
  if (code.size() < 2 || random.between(0, 3) == 0) {
    code = name.substr(0, 1);
    code += static_cast<char>('A' + random.between(0, 25));
    if (random.between(0, 1) == 0) code += static_cast<char>('A' + random.between(0, 25));
  }
  return code;
}

MarkingSystem generate_one(Random& random, const std::string& state,
                           const ReferenceData* reference) {
  MarkingSystem system;
  system.state = state;
  system.description = "Marking conventions of " + state + " (generated for the demo)";

  system.country_marks.push_back({state, state});
  if (reference != nullptr) {
    if (const Country* country = reference->country(state)) {
      system.country_marks.push_back({country->alpha3, state});
      system.country_marks.push_back({"MADE IN " + country->name, state});
    }
  }

  std::set<std::u32string> codes;
  const int makers = random.between(3, 6);
  while (static_cast<int>(system.manufacturer_codes.size()) < makers) {
    const std::string name = invented_name(random) + " " + std::string(random.pick(kHouses));
    const std::string code = code_of(name, random);
    if (!codes.insert(canonical_key(code)).second) continue;
    system.manufacturer_codes.push_back({code, name, state});
  }

  const std::string proof_house = invented_name(random) + " Proof House";
  system.proof_marks.push_back({state + " PROOF", proof_house, state});
  system.proof_marks.push_back({proof_house.substr(0, 1) + "P" + state, proof_house, state});

  // Consecutive letters for consecutive years from a seeded start.
  const int first_year = random.between(1965, 2000);
  for (size_t i = 0; i < kYearLetters.size(); ++i)
    system.year_codes.push_back(
        {std::string(1, kYearLetters[i]), first_year + static_cast<int>(i)});
  system.two_digit_years_from = 1930;

  std::set<std::u32string> importer_codes;
  const int importers = random.between(2, 4);
  while (static_cast<int>(system.importers.size()) < importers) {
    const std::string name = invented_name(random) + " " + std::string(random.pick(kImporterKinds));
    std::string code = name.substr(0, 3);
    for (char& c : code) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    if (!importer_codes.insert(canonical_key(code)).second) continue;
    system.importers.push_back({code, name});
  }

  system.import_mark_formats.emplace_back(random.pick(kImportFormats));
  system.serial_formats.emplace_back(random.pick(kSerialFormats));
  return system;
}

}  // namespace

std::vector<MarkingSystem> generate_marking_systems(std::uint64_t seed,
                                                    const std::vector<std::string>& states,
                                                    const ReferenceData* reference) {
  std::vector<MarkingSystem> systems;
  Random random(seed);
  for (const std::string& state : states)
    systems.push_back(generate_one(random, state, reference));
  return systems;
}

}  // namespace concord::marking
