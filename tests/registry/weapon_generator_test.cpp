// The weapon generator (determinism and the properties the search benchmarks rely on), the CSV
// writer, record kind names and the IndexedRecord JSON shape. No database.
#include "registry/weapon_generator.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/clock.h"
#include "core/csv_reader.h"
#include "core/reference_data.h"
#include "core/text.h"
#include "registry/weapon_csv.h"
#include "search/indexed_record.h"

namespace concord::registry {
namespace {

std::vector<WeaponRecord> generate(std::size_t count, std::uint64_t seed) {
  std::vector<WeaponRecord> records;
  records.reserve(count);
  generate_weapons({count, seed}, [&](const WeaponRecord& record) { records.push_back(record); });
  return records;
}

std::string csv_of(const std::vector<WeaponRecord>& records) {
  std::ostringstream out;
  WeaponCsvWriter writer(out);
  writer.write_header();
  for (const auto& record : records)
    writer.write(record);
  writer.flush();
  return out.str();
}

bool has_cyrillic(std::string_view text) {  // U+0400..U+04FF lead with D0..D3
  for (unsigned char c : text) {
    if (c >= 0xd0 && c <= 0xd3) return true;
  }
  return false;
}
bool has_cjk(std::string_view text) {  // U+4E00..U+9FFF lead with E4..E9
  for (unsigned char c : text) {
    if (c >= 0xe4 && c <= 0xe9) return true;
  }
  return false;
}
bool has_arabic_indic_digits(std::string_view text) {  // U+0660..9 or U+06F0..9
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if ((lead == 0xd9 && next >= 0xa0 && next <= 0xa9) ||
        (lead == 0xdb && next >= 0xb0 && next <= 0xb9)) {
      return true;
    }
  }
  return false;
}

TEST(WeaponGenerator, TheSameSeedGivesTheSameRecords) {
  const auto a = csv_of(generate(5000, 42));
  const auto b = csv_of(generate(5000, 42));
  const auto c = csv_of(generate(5000, 43));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  // A shorter run is a prefix of a longer one with the same seed.
  const auto short_run = csv_of(generate(100, 42));
  EXPECT_EQ(a.compare(0, short_run.size(), short_run), 0);
}

TEST(WeaponGenerator, RecordsAreRealisticAndVaried) {
  const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  ASSERT_TRUE(loaded.ok());
  const ReferenceData& reference = **loaded;
  constexpr std::size_t kCount = 60000;
  const auto records = generate(kCount, 7);
  ASSERT_EQ(records.size(), kCount);

  std::set<std::string> keys;
  std::set<std::string> makes;
  std::set<std::string> calibres;
  std::set<std::string> types;
  std::map<RecordKind, std::size_t> kinds;
  std::map<std::string, std::set<std::string>> makes_by_serial;
  std::size_t cyrillic = 0, cjk = 0, arabic = 0, without_serial = 0, with_time = 0;
  const std::regex external_id(R"([A-Z]{2}-\d{6,})");
  for (const auto& record : records) {
    EXPECT_TRUE(record.id.empty());
    ASSERT_TRUE(keys.insert(record.state + "/" + record.external_id).second) << record.external_id;
    ASSERT_TRUE(std::regex_match(record.external_id, external_id)) << record.external_id;
    ASSERT_EQ(record.external_id.substr(0, 2), record.state);
    ASSERT_NE(reference.country(record.state), nullptr) << record.state;
    if (!record.country_of_manufacture.empty()) {
      ASSERT_NE(reference.country(record.country_of_manufacture), nullptr);
    }
    for (const std::string* text :
         {&record.make, &record.model, &record.serial, &record.other_markings, &record.calibre}) {
      ASSERT_TRUE(utf8_length(*text).has_value()) << *text;
      ASSERT_FALSE(has_control_characters(*text)) << *text;
    }
    ASSERT_FALSE(record.make.empty());
    ASSERT_FALSE(record.model.empty());
    ASSERT_FALSE(record.serial.empty() && record.other_markings.empty());
    if (record.year_of_manufacture) {
      ASSERT_GE(*record.year_of_manufacture, 1950);
      ASSERT_LE(*record.year_of_manufacture, 2025);
    }
    const auto reported = parse_iso8601(record.reported_at);
    ASSERT_TRUE(reported.has_value()) << record.reported_at;
    ASSERT_GE(record.reported_at.substr(0, 4), "1995");
    ASSERT_LE(record.reported_at.substr(0, 4), "2026");
    with_time += record.reported_at.size() > 10 ? 1 : 0;

    makes.insert(record.make);
    calibres.insert(record.calibre);
    types.insert(record.weapon_type);
    ++kinds[record.kind];
    if (record.serial.empty()) {
      ++without_serial;
    } else {
      makes_by_serial[record.serial].insert(record.make);
    }
    cyrillic += has_cyrillic(record.serial) ? 1 : 0;
    cjk += has_cjk(record.serial) ? 1 : 0;
    arabic += has_arabic_indic_digits(record.serial) ? 1 : 0;
  }

  EXPECT_GE(makes.size(), 200u);
  EXPECT_GE(calibres.size(), 20u);
  EXPECT_GE(types.size(), 8u);
  EXPECT_TRUE(calibres.contains("9x19mm"));
  EXPECT_TRUE(calibres.contains("7.62x39mm"));
  EXPECT_TRUE(calibres.contains("12 gauge"));
  EXPECT_EQ(kinds.size(), 9u);  // every kind
  const auto share = [&](RecordKind kind) {
    return static_cast<double>(kinds[kind]) / static_cast<double>(kCount);
  };
  EXPECT_NEAR(share(RecordKind::registry), 0.55, 0.02);
  EXPECT_NEAR(share(RecordKind::lost), 0.10, 0.01);
  EXPECT_NEAR(share(RecordKind::stolen), 0.12, 0.01);
  EXPECT_NEAR(share(RecordKind::seized), 0.12, 0.01);
  EXPECT_GT(cyrillic, kCount / 100);
  EXPECT_GT(cjk, kCount / 100);
  EXPECT_GT(arabic, 0u);
  EXPECT_GT(without_serial, 0u);
  EXPECT_GT(with_time, 0u);

  // Serials repeat across makers, a few percent of records.
  std::size_t shared_records = 0;
  std::map<std::string, std::size_t> serial_count;
  for (const auto& record : records)
    ++serial_count[record.serial];
  for (const auto& [serial, owners] : makes_by_serial) {
    if (owners.size() > 1) shared_records += serial_count[serial];
  }
  EXPECT_GT(shared_records, kCount / 100);
  EXPECT_LT(shared_records, kCount / 5);
}

TEST(WeaponGenerator, MakersNumberTheirWeaponsInRuns) {
  // Within a maker, most serials have a neighbour one to three numbers away: production runs.
  const auto records = generate(20000, 9);
  std::map<std::string, std::set<std::string>> serials_by_make;
  for (const auto& record : records) {
    if (!record.serial.empty()) serials_by_make[record.make].insert(record.serial);
  }
  std::size_t with_neighbour = 0, total = 0;
  for (const auto& [make, serials] : serials_by_make) {
    std::string previous;
    for (const auto& serial : serials) {
      // Serials of one format sort by number; a neighbour differs only in its last characters.
      if (!previous.empty() && previous.size() == serial.size() &&
          previous.compare(0, serial.size() - 2, serial, 0, serial.size() - 2) == 0) {
        ++with_neighbour;
      }
      previous = serial;
      ++total;
    }
  }
  EXPECT_GT(with_neighbour * 2, total);
}

TEST(WeaponCsv, WritesTheHeaderAndQuotesOnlyWhenNeeded) {
  WeaponRecord record;
  record.external_id = "FR-000001";
  record.kind = RecordKind::seized;
  record.state = "FR";
  record.weapon_type = "pistol";
  record.make = "Smith, Sons & Co";
  record.model = "The \"Nine\"";
  record.calibre = "9x19mm";
  record.serial = "КР 123456";
  record.other_markings = "line one\nline two";
  record.year_of_manufacture = 1999;
  record.reported_at = "2024-01-02";
  const std::string csv = csv_of({record});
  EXPECT_EQ(csv,
            "external_id,kind,state,weapon_type,make,model,calibre,serial,other_markings,"
            "country_of_manufacture,year_of_manufacture,reported_at\r\n"
            "FR-000001,seized,FR,pistol,\"Smith, Sons & Co\",\"The \"\"Nine\"\"\",9x19mm,"
            "КР 123456,\"line one\nline two\",,1999,2024-01-02\r\n");

  // What the writer writes, the reader reads back field for field.
  std::istringstream input(csv);
  CsvReader reader(input);
  CsvRecord row;
  ASSERT_TRUE(*reader.next(row));
  ASSERT_TRUE(*reader.next(row));
  ASSERT_EQ(row.fields.size(), 12u);
  EXPECT_EQ(row.fields[4], record.make);
  EXPECT_EQ(row.fields[5], record.model);
  EXPECT_EQ(row.fields[8], record.other_markings);
  EXPECT_EQ(row.fields[10], "1999");
}

TEST(WeaponRecordKind, NamesRoundTrip) {
  for (RecordKind kind :
       {RecordKind::registry, RecordKind::lost, RecordKind::stolen, RecordKind::trafficked,
        RecordKind::seized, RecordKind::found, RecordKind::surrendered, RecordKind::destroyed,
        RecordKind::embargo_breach}) {
    EXPECT_EQ(record_kind_from_string(to_string(kind)), kind);
  }
  EXPECT_EQ(to_string(RecordKind::embargo_breach), "embargo_breach");
  EXPECT_FALSE(record_kind_from_string("Stolen").has_value());
  EXPECT_EQ(record_kinds_list().substr(0, 20), "registry, lost, stol");
}

TEST(IndexedRecordJson, RoundTripsAndNamesTheFieldAtFault) {
  search::IndexedRecord record;
  record.id = "01HZX3V5J8Q0W2E4R6T8Y0U2I4";
  record.external_id = "FR-000001";
  record.kind = "stolen";
  record.state = "FR";
  record.weapon_type = "pistol";
  record.make = "Maker";
  record.model = "M1";
  record.calibre = "9x19mm";
  record.country_of_manufacture = "BE";
  record.sharing = "named_states";
  record.shared_with = {"DE", "BE"};
  record.markings = {"AB 123", "步 5612345"};
  const nlohmann::json json = search::indexed_record_to_json(record);
  auto back = search::indexed_record_from_json(nlohmann::json::parse(json.dump()));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, record.id);
  EXPECT_EQ(back->country_of_manufacture, "BE");
  EXPECT_EQ(back->sharing, "named_states");
  EXPECT_EQ(back->shared_with, record.shared_with);
  EXPECT_EQ(back->markings, record.markings);

  const auto field_of = [](const nlohmann::json& bad) {
    auto result = search::indexed_record_from_json(bad);
    EXPECT_FALSE(result.ok());
    if (result.ok()) return std::string("(ok)");
    EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
    return result.error().field;
  };
  nlohmann::json missing = json;
  missing.erase("calibre");
  EXPECT_EQ(field_of(missing), "calibre");
  nlohmann::json wrong = json;
  wrong["state"] = 3;
  EXPECT_EQ(field_of(wrong), "state");
  nlohmann::json bad_marking = json;
  bad_marking["markings"][1] = nullptr;
  EXPECT_EQ(field_of(bad_marking), "markings[1]");
  nlohmann::json not_list = json;
  not_list["shared_with"] = "DE";
  EXPECT_EQ(field_of(not_list), "shared_with");
  EXPECT_EQ(field_of(nlohmann::json::array()), "");
}

}  // namespace
}  // namespace concord::registry
