// WeaponGenerator: a catalogue of invented makers built once from a fixed seed (the same world for
// every run), then records drawn from it with the caller's seed. Its own small random generator and
// integer arithmetic keep the output identical across compilers and standard libraries, and one
// reused record and fixed buffers keep it at millions of records a second.
#include "registry/weapon_generator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace concord::registry {
namespace {

// xoshiro256** seeded through splitmix64: fast, and defined here bit for bit.
class Random {
 public:
  explicit Random(std::uint64_t seed) {
    for (auto& word : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n), n > 0 (multiply-shift; the bias is below 2^-32).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  int between(int low, int high) {  // inclusive
    return low + static_cast<int>(below(static_cast<std::uint32_t>(high - low + 1)));
  }
  bool chance(std::uint32_t per_thousand) { return below(1000) < per_thousand; }

  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(static_cast<std::uint32_t>(N))];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> state_{};
};

// Picks an index with probability proportional to its weight.
class WeightedChoice {
 public:
  explicit WeightedChoice(const std::vector<std::uint32_t>& weights) {
    std::uint32_t total = 0;
    for (std::uint32_t weight : weights)
      cumulative_.push_back(total += weight);
  }
  std::size_t operator()(Random& random) const {
    const std::uint32_t point = random.below(cumulative_.back());
    return static_cast<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), point) - cumulative_.begin());
  }

 private:
  std::vector<std::uint32_t> cumulative_;
};

// A fixed-capacity text buffer for one field: appends without allocating.
class Text {
 public:
  void clear() { size_ = 0; }
  void put(std::string_view text) {
    const std::size_t n = std::min(text.size(), data_.size() - size_);
    std::copy_n(text.data(), n, data_.data() + size_);
    size_ += n;
  }
  void put(char c) {
    if (size_ < data_.size()) data_[size_++] = c;
  }
  // `value` in decimal, zero-padded to `width`, in ASCII or in Arabic-Indic (U+0660) or Persian
  // (U+06F0) digits.
  void number(std::uint64_t value, int width, int digit_script = 0) {
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    const auto length = static_cast<int>(end - digits.data());
    for (int i = length; i < width; ++i)
      put_digit('0', digit_script);
    for (const char* c = digits.data(); c != end; ++c)
      put_digit(*c, digit_script);
  }
  std::string_view view() const { return {data_.data(), size_}; }

 private:
  void put_digit(char digit, int digit_script) {
    if (digit_script == 0) return put(digit);
    // U+0660 is D9 A0 and U+06F0 is DB B0 in UTF-8; the digits follow in order.
    put(static_cast<char>(digit_script == 1 ? 0xd9 : 0xdb));
    put(static_cast<char>((digit_script == 1 ? 0xa0 : 0xb0) + (digit - '0')));
  }
  std::array<char, 160> data_{};
  std::size_t size_ = 0;
};

enum class Script { latin, cyrillic, chinese, arabic, persian };

enum class SerialFormat {
  prefix_digits,         // "AB123456", "AB 1234567", "AB-12345678"
  digits,                // "0012345"
  letter_digits_letter,  // "K12345B"
  year_prefixed,         // "87-012345", "1987 12345"
  dashed_groups,         // "AB-1234-56"
  cyrillic_prefix,       // "КР 123456"
  chinese_prefix,        // "步 5612345"
};

struct Producer {
  std::string_view country;
  Script script;
  std::uint32_t makers;  // relative number of makers
};

constexpr std::array<Producer, 38> kProducers = {{
    {"US", Script::latin, 30},   {"RU", Script::cyrillic, 16}, {"CN", Script::chinese, 14},
    {"DE", Script::latin, 12},   {"IT", Script::latin, 10},    {"BE", Script::latin, 5},
    {"AT", Script::latin, 6},    {"CZ", Script::latin, 7},     {"BR", Script::latin, 6},
    {"TR", Script::latin, 9},    {"IL", Script::latin, 5},     {"FR", Script::latin, 5},
    {"GB", Script::latin, 5},    {"CH", Script::latin, 5},     {"ES", Script::latin, 4},
    {"SE", Script::latin, 3},    {"FI", Script::latin, 3},     {"PL", Script::latin, 4},
    {"RS", Script::cyrillic, 5}, {"HR", Script::latin, 3},     {"BG", Script::cyrillic, 5},
    {"RO", Script::latin, 3},    {"HU", Script::latin, 3},     {"UA", Script::cyrillic, 5},
    {"BY", Script::cyrillic, 3}, {"KR", Script::latin, 4},     {"JP", Script::latin, 3},
    {"IN", Script::latin, 5},    {"PK", Script::latin, 3},     {"IR", Script::persian, 4},
    {"EG", Script::arabic, 3},   {"IQ", Script::arabic, 2},    {"ZA", Script::latin, 3},
    {"SG", Script::latin, 2},    {"AR", Script::latin, 3},     {"MX", Script::latin, 2},
    {"CA", Script::latin, 3},    {"KZ", Script::cyrillic, 2},
}};

// The states that report, with how much each reports (ISO 3166-1 alpha-2; the import checks them
// against iso-codes like any other file).
constexpr std::array<std::string_view, 40> kReportingStates = {
    "FR", "DE", "GB", "IT", "ES", "NL", "BE", "PL", "SE", "NO", "FI", "CH", "AT", "CZ",
    "US", "CA", "MX", "BR", "AR", "CO", "ZA", "NG", "KE", "GH", "SN", "ML", "TD", "ET",
    "UG", "CD", "AU", "JP", "KR", "PH", "ID", "TH", "IN", "PK", "UA", "GE"};

constexpr std::array<RecordKind, 9> kKinds = {
    RecordKind::registry,    RecordKind::lost,      RecordKind::stolen,
    RecordKind::seized,      RecordKind::found,     RecordKind::trafficked,
    RecordKind::surrendered, RecordKind::destroyed, RecordKind::embargo_breach};
// Per thousand, in the order of kKinds.
const std::vector<std::uint32_t> kKindWeights = {550, 100, 120, 120, 40, 25, 25, 15, 5};

struct WeaponType {
  std::string_view name;
  std::uint32_t weight;
  std::vector<std::string_view> calibres;
};

const std::vector<WeaponType>& weapon_types() {
  static const std::vector<WeaponType> types = {
      {"pistol",
       30,
       {"9x19mm", ".45 ACP", "9x18mm Makarov", ".40 S&W", "7.62x25mm Tokarev", ".380 ACP",
        "10mm Auto", ".22 LR", "5.7x28mm"}},
      {"revolver", 6, {".38 Special", ".357 Magnum", ".44 Magnum", "7.62x38mmR", ".22 LR"}},
      {"rifle",
       14,
       {"7.62x51mm", ".308 Winchester", ".30-06 Springfield", "7.62x54mmR", "6.5x55mm",
        ".223 Remington", "8x57mm"}},
      {"carbine", 8, {"5.56x45mm", "7.62x39mm", ".30 Carbine", "9x19mm"}},
      {"assault rifle", 16, {"5.56x45mm", "7.62x39mm", "5.45x39mm", "7.62x51mm"}},
      {"sniper rifle",
       3,
       {"7.62x51mm", "7.62x54mmR", ".338 Lapua Magnum", ".50 BMG", "12.7x108mm"}},
      {"shotgun", 12, {"12 gauge", "20 gauge", "16 gauge", ".410 bore"}},
      {"submachine gun", 6, {"9x19mm", ".45 ACP", "4.6x30mm", "7.62x25mm Tokarev"}},
      {"machine gun", 4, {"7.62x51mm", "7.62x54mmR", "12.7x108mm", ".50 BMG", "5.56x45mm"}},
      {"grenade launcher", 1, {"40x46mm", "40x53mm"}},
  };
  return types;
}

constexpr std::array<std::string_view, 40> kSyllables = {
    "Ar",  "Bel", "Cal", "Dor", "Ev",   "Fal", "Gar", "Hal", "Ist",  "Jor",
    "Kel", "Lor", "Mar", "Nor", "Or",   "Pel", "Que", "Ros", "Sar",  "Tal",
    "Ul",  "Var", "Wes", "Yor", "Zel",  "Bra", "Cre", "Dra", "Fen",  "Gri",
    "Kra", "Mon", "Ner", "Pra", "Sten", "Tor", "Vik", "Ald", "Bren", "Cor"};
constexpr std::array<std::string_view, 14> kEndings = {"a",  "on",  "ex",  "ik", "ia", "er", "is",
                                                       "ov", "ant", "ell", "ur", "o",  "en", "ax"};
constexpr std::array<std::string_view, 12> kLatinHouses = {
    "Arms",    "Firearms",  "Armory",   "Waffenwerk",      "Arsenal",      "Industries",
    "Defence", "Precision", "Gunworks", "Fabbrica d'Armi", "& Sons, Ltd.", "Manufacture d'Armes"};
constexpr std::array<std::string_view, 4> kCyrillicHouses = {"Zavod", "Mash", "Arsenal",
                                                             "Oruzheyny Zavod"};
constexpr std::array<std::string_view, 3> kArabicHouses = {"Military Industries", "Arms Factory",
                                                           "Defence Industries"};

constexpr std::array<std::string_view, 24> kCyrillicLetters = {
    "А", "Б", "В", "Г", "Д", "Е", "Ж", "И", "К", "Л", "М", "Н",
    "П", "Р", "С", "Т", "У", "Ф", "Х", "Ц", "Ч", "Ш", "Э", "Я"};
constexpr std::array<std::string_view, 12> kChineseMarks = {"步", "冲", "机", "狙", "国", "工",
                                                            "军", "警", "民", "东", "华", "新"};

struct Model {
  std::string name;
  std::string_view weapon_type;
  std::string_view calibre;
};

struct Format {
  SerialFormat kind = SerialFormat::digits;
  std::string prefix;          // Latin, Cyrillic or Chinese letters, by kind
  std::string_view separator;  // "", " " or "-"
  int width = 6;               // digits of the running number
  bool four_digit_year = false;
};

// A production run: consecutive numbers in one format, made in one year.
struct Run {
  std::size_t format = 0;
  std::uint64_t next = 0;
  int year = 2000;
};

struct Maker {
  std::string name;
  std::string_view country;
  Script script = Script::latin;
  std::vector<Model> models;
  std::vector<Format> formats;
  std::vector<Run> runs;
};

std::string latin_letters(Random& random, int count) {
  std::string letters;
  for (int i = 0; i < count; ++i)
    letters += static_cast<char>('A' + random.below(26));
  return letters;
}

std::string maker_name(Random& random, Script script) {
  std::string stem(random.pick(kSyllables));
  if (random.chance(500)) {
    std::string second(random.pick(kSyllables));
    second[0] = static_cast<char>(second[0] - 'A' + 'a');
    stem += second;
  }
  stem += random.pick(kEndings);
  switch (script) {
    case Script::chinese:
      if (random.chance(600)) return "State Factory " + std::to_string(random.between(11, 989));
      return stem + " Industries";
    case Script::cyrillic:
      return stem + " " + std::string(random.pick(kCyrillicHouses));
    case Script::arabic:
    case Script::persian:
      return stem + " " + std::string(random.pick(kArabicHouses));
    case Script::latin:
      break;
  }
  return stem + " " + std::string(random.pick(kLatinHouses));
}

std::string model_name(Random& random, const Maker& maker, std::string_view type) {
  const int number = random.between(1, 99);
  switch (maker.script) {
    case Script::chinese:
      return random.chance(500) ? "Type " + std::to_string(random.between(50, 99))
                                : "Q" + latin_letters(random, 2) + "-" + std::to_string(number);
    case Script::cyrillic:
      return latin_letters(random, 2) + "-" + std::to_string(number);
    default:
      break;
  }
  if (type == "revolver" || random.chance(300)) return "Model " + std::to_string(number * 10);
  std::string name = maker.name.substr(0, 1) + latin_letters(random, 1);
  return name + (random.chance(500) ? "-" : " ") + std::to_string(number);
}

Format make_format(Random& random, const Maker& maker) {
  static constexpr std::array<std::string_view, 3> kSeparators = {"", " ", "-"};
  Format format;
  format.separator = random.pick(kSeparators);
  if (maker.script == Script::cyrillic && random.chance(700)) {
    format.kind = SerialFormat::cyrillic_prefix;
    format.prefix =
        std::string(random.pick(kCyrillicLetters)) + std::string(random.pick(kCyrillicLetters));
    format.width = random.between(4, 6);
    if (format.separator == "-") format.separator = " ";
    return format;
  }
  if (maker.script == Script::chinese && random.chance(700)) {
    format.kind = SerialFormat::chinese_prefix;
    format.prefix = std::string(random.pick(kChineseMarks));
    format.width = random.between(6, 7);
    return format;
  }
  static constexpr std::array<SerialFormat, 5> kLatinFormats = {
      SerialFormat::prefix_digits, SerialFormat::digits, SerialFormat::letter_digits_letter,
      SerialFormat::year_prefixed, SerialFormat::dashed_groups};
  format.kind = random.pick(kLatinFormats);
  switch (format.kind) {
    case SerialFormat::prefix_digits:
      format.prefix = latin_letters(random, 2);
      format.width = random.between(6, 8);
      break;
    case SerialFormat::digits:
      format.width = random.between(5, 9);
      break;
    case SerialFormat::letter_digits_letter:
      format.prefix = latin_letters(random, 1);
      format.width = random.between(4, 6);
      break;
    case SerialFormat::year_prefixed:
      format.four_digit_year = random.chance(300);
      format.width = random.between(5, 6);
      if (format.separator.empty()) format.separator = "-";
      break;
    case SerialFormat::dashed_groups:
      format.prefix = latin_letters(random, 2);
      format.width = 6;
      break;
    default:
      break;
  }
  return format;
}

std::uint64_t power_of_ten(int exponent) {
  std::uint64_t value = 1;
  for (int i = 0; i < exponent; ++i)
    value *= 10;
  return value;
}

// The world every run draws from: ~240 makers. Built from a fixed seed so that `--seed` varies
// the records and not the makers.
struct Catalogue {
  std::vector<Maker> makers;
  std::vector<std::uint32_t> maker_weights;
};

Catalogue build_catalogue() {
  constexpr std::size_t kMakers = 240;
  Random random(0x436f6e636f7264ULL);  // "Concord"
  std::vector<std::uint32_t> producer_weights;
  for (const Producer& producer : kProducers)
    producer_weights.push_back(producer.makers);
  const WeightedChoice producer_choice(producer_weights);
  std::vector<std::uint32_t> type_weights;
  for (const WeaponType& type : weapon_types())
    type_weights.push_back(type.weight);
  const WeightedChoice type_choice(type_weights);

  Catalogue catalogue;
  std::set<std::string> names;
  while (catalogue.makers.size() < kMakers) {
    const Producer& producer = kProducers[producer_choice(random)];
    Maker maker;
    maker.country = producer.country;
    maker.script = producer.script;
    maker.name = maker_name(random, maker.script);
    if (!names.insert(maker.name).second) continue;

    const int model_count = random.between(2, 7);
    for (int i = 0; i < model_count; ++i) {
      const WeaponType& type = weapon_types()[type_choice(random)];
      Model model;
      model.weapon_type = type.name;
      model.calibre = type.calibres[random.below(static_cast<std::uint32_t>(type.calibres.size()))];
      model.name = model_name(random, maker, type.name);
      maker.models.push_back(std::move(model));
    }
    const int format_count = random.between(1, 3);
    for (int i = 0; i < format_count; ++i)
      maker.formats.push_back(make_format(random, maker));

    const int first_year = random.between(1950, 2015);
    const int run_count = random.between(1, 4);
    for (int i = 0; i < run_count; ++i) {
      Run run;
      run.format = random.below(static_cast<std::uint32_t>(maker.formats.size()));
      const int width = maker.formats[run.format].width;
      // Start low in the number space so that runs have room, and so that makers of the same
      // format overlap and now and then share a serial, as real ones do.
      run.next = power_of_ten(width - 1) / 10 +
                 random.below(static_cast<std::uint32_t>(
                     std::min<std::uint64_t>(power_of_ten(width) / 4, 4'000'000'000ULL)));
      run.year = random.between(first_year, 2024);
      maker.runs.push_back(run);
    }
    // A few makers make most weapons (a Zipf-like share by rank).
    catalogue.maker_weights.push_back(
        static_cast<std::uint32_t>(1'000'000 / (catalogue.makers.size() + 8)));
    catalogue.makers.push_back(std::move(maker));
  }
  return catalogue;
}

// One serial of `format` for running number `number`, made in `year`.
void write_serial(Text& out, const Format& format, std::uint64_t number, int year,
                  int digit_script) {
  out.clear();
  switch (format.kind) {
    case SerialFormat::prefix_digits:
    case SerialFormat::cyrillic_prefix:
    case SerialFormat::chinese_prefix:
      out.put(format.prefix);
      out.put(format.separator);
      out.number(number, format.width, digit_script);
      break;
    case SerialFormat::digits:
      out.number(number, format.width, digit_script);
      break;
    case SerialFormat::letter_digits_letter: {
      const std::uint64_t span = power_of_ten(format.width);
      out.put(format.prefix);
      out.number(number % span, format.width, digit_script);
      out.put(static_cast<char>('A' + (number / span) % 26));
      break;
    }
    case SerialFormat::year_prefixed:
      if (format.four_digit_year) {
        out.number(static_cast<std::uint64_t>(year), 4, digit_script);
      } else {
        out.number(static_cast<std::uint64_t>(year % 100), 2, digit_script);
      }
      out.put(format.separator);
      out.number(number, format.width, digit_script);
      break;
    case SerialFormat::dashed_groups:
      out.put(format.prefix);
      out.put('-');
      out.number((number / 100) % 10000, 4, digit_script);
      out.put('-');
      out.number(number % 100, 2, digit_script);
      break;
  }
}

void write_date(Text& out, int year, int month, int day) {
  out.clear();
  out.number(static_cast<std::uint64_t>(year), 4);
  out.put('-');
  out.number(static_cast<std::uint64_t>(month), 2);
  out.put('-');
  out.number(static_cast<std::uint64_t>(day), 2);
}

// The first `count` characters (code points) of UTF-8 `text`.
std::string_view leading_characters(std::string_view text, int count) {
  std::size_t end = 0;
  for (int i = 0; i < count && end < text.size(); ++i) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80)
      ++end;
  }
  return text.substr(0, end);
}

// Recent serials, so that a few percent of records can repeat one of another maker's.
struct RecentSerial {
  std::size_t maker = 0;
  std::string serial;
};

}  // namespace

void generate_weapons(const WeaponGeneratorOptions& options,
                      const std::function<void(const WeaponRecord&)>& sink) {
  Catalogue catalogue = build_catalogue();
  Random random(options.seed);
  const WeightedChoice kind_choice(kKindWeights);
  const WeightedChoice maker_choice(catalogue.maker_weights);
  std::vector<std::uint32_t> state_weights;
  for (std::size_t i = 0; i < kReportingStates.size(); ++i)
    state_weights.push_back(static_cast<std::uint32_t>(60 - i));  // larger states report more
  const WeightedChoice state_choice(state_weights);
  std::array<std::uint64_t, kReportingStates.size()> next_external{};
  std::vector<RecentSerial> recent(4096);
  std::size_t recent_filled = 0;

  WeaponRecord record;
  Text text;
  for (std::size_t n = 0; n < options.count; ++n) {
    record.kind = kKinds[kind_choice(random)];
    const std::size_t state = state_choice(random);
    record.state.assign(kReportingStates[state]);
    text.clear();
    text.put(kReportingStates[state]);
    text.put('-');
    text.number(++next_external[state], 6);
    record.external_id.assign(text.view());

    const std::size_t maker_index = maker_choice(random);
    Maker& maker = catalogue.makers[maker_index];
    const Model& model =
        maker.models[random.below(static_cast<std::uint32_t>(maker.models.size()))];
    record.weapon_type.assign(model.weapon_type);
    record.make.assign(maker.name);
    record.model.assign(model.name);
    record.calibre.assign(model.calibre);
    if (random.chance(950)) {
      record.country_of_manufacture.assign(maker.country);
    } else {
      record.country_of_manufacture.clear();
    }

    Run& run = maker.runs[random.below(static_cast<std::uint32_t>(maker.runs.size()))];
    const std::uint64_t number = run.next;
    run.next += 1 + (random.chance(200) ? random.below(3) : 0);
    // Arabic and Persian makers mark some weapons with their own digits.
    int digit_script = 0;
    if ((maker.script == Script::arabic || maker.script == Script::persian) && random.chance(350)) {
      digit_script = maker.script == Script::arabic ? 1 : 2;
    }
    write_serial(text, maker.formats[run.format], number, run.year, digit_script);
    RecentSerial& repeat = recent[random.below(static_cast<std::uint32_t>(recent.size()))];
    if (recent_filled > recent.size() && repeat.maker != maker_index && random.chance(30)) {
      record.serial = repeat.serial;  // another maker's serial, read off this weapon
    } else {
      record.serial.assign(text.view());
      RecentSerial& slot = recent[n % recent.size()];
      slot.maker = maker_index;
      slot.serial.assign(text.view());
      ++recent_filled;
    }

    int year = run.year;
    if (maker.formats[run.format].kind != SerialFormat::year_prefixed) year += random.between(0, 2);
    year = std::min(year, 2025);
    if (random.chance(880)) {
      record.year_of_manufacture = year;
    } else {
      record.year_of_manufacture.reset();
    }

    text.clear();
    record.other_markings.clear();
    const bool report = record.kind != RecordKind::registry;
    if (report && (record.kind == RecordKind::seized || record.kind == RecordKind::found) &&
        random.chance(20)) {
      // Filed off: only what else the weapon bears was read.
      text.put("serial obliterated; frame mark ");
      text.put(leading_characters(record.serial, 2));
      record.other_markings.assign(text.view());
      record.serial.clear();
    } else if (random.chance(220)) {
      switch (random.below(4)) {
        case 0:
          text.put("proof mark ");
          text.number(static_cast<std::uint64_t>(year % 100), 2);
          break;
        case 1:
          text.put("import mark ");
          text.put(record.state);
          text.put(' ');
          text.number(static_cast<std::uint64_t>(std::min(year + random.between(1, 15), 2025)), 4);
          break;
        case 2:
          text.put(maker.script == Script::cyrillic  ? "СДЕЛАНО В СССР"
                   : maker.script == Script::chinese ? "中国制造"
                                                     : "arsenal stamp, crest");
          break;
        default:
          text.put("barrel ");
          text.put(record.serial);
          break;
      }
      record.other_markings.assign(text.view());
    }

    const int reported_year = std::max(random.between(1995, 2026), year);
    write_date(text, std::min(reported_year, 2026), random.between(1, 12), random.between(1, 28));
    if (report && random.chance(250)) {
      text.put('T');
      text.number(static_cast<std::uint64_t>(random.between(0, 23)), 2);
      text.put(':');
      text.number(static_cast<std::uint64_t>(random.between(0, 59)), 2);
      text.put(":00Z");
    }
    record.reported_at.assign(text.view());
    sink(record);
  }
}

std::vector<CatalogueMaker> generator_catalogue() {
  std::vector<CatalogueMaker> makers;
  for (const Maker& maker : build_catalogue().makers) {
    CatalogueMaker entry{maker.name, std::string(maker.country), {}};
    for (const Model& model : maker.models) {
      entry.models.push_back(
          {model.name, std::string(model.weapon_type), std::string(model.calibre)});
    }
    makers.push_back(std::move(entry));
  }
  return makers;
}

std::vector<std::string> generator_calibres() {
  std::vector<std::string> calibres;
  for (const WeaponType& type : weapon_types()) {
    for (std::string_view calibre : type.calibres) {
      if (std::find(calibres.begin(), calibres.end(), calibre) == calibres.end())
        calibres.emplace_back(calibre);
    }
  }
  return calibres;
}

}  // namespace concord::registry
