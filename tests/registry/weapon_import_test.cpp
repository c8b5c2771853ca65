// Weapon import and the weapon store on both backends: a generated file imported whole and then
// again (idempotence), the change feed entry of each new weapon, bad rows named by line and field,
// strict mode writing nothing, the default state and the header rules.
#include "registry/weapon_import.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <streambuf>

#include "access/audit_trail.h"
#include "directory/directory_service.h"
#include "registry/weapon_csv.h"
#include "registry/weapon_generator.h"
#include "registry/weapon_store.h"
#include "search/indexed_record.h"
#include "store/change_feed.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::registry {
namespace {

using namespace std::chrono;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

const std::string kHeader =
    "external_id,kind,state,weapon_type,make,model,calibre,serial,other_markings,"
    "country_of_manufacture,year_of_manufacture,reported_at\n";

std::string generated_csv(std::size_t count, std::uint64_t seed,
                          std::vector<WeaponRecord>* records = nullptr) {
  std::ostringstream out;
  {
    WeaponCsvWriter writer(out);
    writer.write_header();
    generate_weapons({count, seed}, [&](const WeaponRecord& record) {
      writer.write(record);
      if (records != nullptr) records->push_back(record);
    });
  }
  return out.str();
}

// A stream that cannot seek, as standard input from a pipe.
class PipeBuffer : public std::streambuf {
 public:
  explicit PipeBuffer(std::string text) : text_(std::move(text)) {
    setg(text_.data(), text_.data(), text_.data() + text_.size());
  }

 private:
  std::string text_;
};

class WeaponImport : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
  }

  Result<ImportSummary> import(const std::string& csv, ImportOptions options = {}) {
    std::istringstream input(csv);
    return import_weapons(*db_, ids_, clock_, reference(), input, options);
  }

  std::vector<WeaponRecord> all_weapons() {
    std::vector<WeaponRecord> all;
    std::string after;
    for (;;) {
      auto page = list_weapons_after(*db_, after, 700);
      EXPECT_TRUE(page.ok());
      if (!page.ok() || page->empty()) return all;
      after = page->back().id;
      for (auto& record : *page)
        all.push_back(std::move(record));
    }
  }

  std::int64_t feed_position() {
    auto position = store::latest_change_position(*db_);
    EXPECT_TRUE(position.ok());
    return position.ok() ? *position : 0;
  }

  std::vector<store::Change> changes_after(std::int64_t position) {
    auto changes = store::read_changes(*db_, position, 100000);
    EXPECT_TRUE(changes.ok());
    return changes.ok() ? *changes : std::vector<store::Change>{};
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};  // January 2027
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
};

TEST_P(WeaponImport, ImportsAGeneratedFileAndPublishesEachWeapon) {
  std::vector<WeaponRecord> generated;
  const std::string csv = generated_csv(3000, 11, &generated);
  const std::int64_t before = feed_position();
  ImportOptions options;
  options.batch_size = 400;
  std::uint64_t progress_calls = 0;
  std::istringstream input(csv);
  auto summary = import_weapons(*db_, ids_, clock_, reference(), input, options,
                                [&](std::uint64_t, std::uint64_t) { ++progress_calls; });
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->rows, 3000u);
  EXPECT_EQ(summary->imported, 3000u);
  EXPECT_EQ(summary->already_present, 0u);
  EXPECT_EQ(summary->rejected, 0u) << (summary->errors.empty() ? "" : summary->errors[0].message);
  EXPECT_GE(progress_calls, 8u);

  // Every record stored as generated, in id order.
  std::map<std::string, const WeaponRecord*> by_key;
  for (const auto& record : generated)
    by_key[record.state + "/" + record.external_id] = &record;
  const std::vector<WeaponRecord> stored = all_weapons();
  ASSERT_EQ(stored.size(), generated.size());
  std::map<std::string, const WeaponRecord*> by_id;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const WeaponRecord& record = stored[i];
    if (i > 0) {
      ASSERT_LT(stored[i - 1].id, record.id);
    }
    EXPECT_TRUE(is_valid_id(record.id));
    EXPECT_EQ(record.created_at, format_iso8601(clock_.now()));
    const WeaponRecord& expected = *by_key.at(record.state + "/" + record.external_id);
    EXPECT_EQ(record.kind, expected.kind);
    EXPECT_EQ(record.weapon_type, expected.weapon_type);
    EXPECT_EQ(record.make, expected.make);
    EXPECT_EQ(record.model, expected.model);
    EXPECT_EQ(record.calibre, expected.calibre);
    EXPECT_EQ(record.serial, expected.serial);
    EXPECT_EQ(record.other_markings, expected.other_markings);
    EXPECT_EQ(record.country_of_manufacture, expected.country_of_manufacture);
    EXPECT_EQ(record.year_of_manufacture, expected.year_of_manufacture);
    EXPECT_EQ(record.reported_at, expected.reported_at);
    by_id[record.id] = &record;
  }

  // One feed entry per weapon, whose payload is the record as the index holds it.
  const std::vector<store::Change> changes = changes_after(before);
  ASSERT_EQ(changes.size(), stored.size());
  for (const store::Change& change : changes) {
    EXPECT_EQ(change.area, "registry");
    EXPECT_EQ(change.entity, "weapon");
    EXPECT_EQ(change.action, "created");
    auto decoded = search::indexed_record_from_json(nlohmann::json::parse(change.payload));
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(decoded->id, change.entity_id);
    const WeaponRecord& record = *by_id.at(change.entity_id);
    EXPECT_EQ(decoded->external_id, record.external_id);
    EXPECT_EQ(decoded->kind, to_string(record.kind));
    EXPECT_EQ(decoded->state, record.state);
    EXPECT_EQ(decoded->make, record.make);
    EXPECT_EQ(decoded->sharing,
              record.kind == RecordKind::registry ? "private" : "law_enforcement");
    if (record.serial.empty()) {
      EXPECT_TRUE(decoded->markings.empty());
    } else {
      EXPECT_EQ(decoded->markings, std::vector<std::string>{record.serial});
    }
  }

  // Pages as the index reads them carry the stored sharing.
  auto indexed = list_indexed_records_after(*db_, "", 50);
  ASSERT_TRUE(indexed.ok());
  ASSERT_EQ(indexed->size(), 50u);
  EXPECT_EQ(indexed->front().id, stored.front().id);
  EXPECT_EQ(indexed->front().sharing, access::to_string(default_sharing(stored.front().kind)));
}

TEST_P(WeaponImport, ImportingTheSameFileAgainImportsNothing) {
  const std::string csv = generated_csv(1500, 12);
  auto first = import(csv);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->imported, 1500u);
  const std::int64_t before = feed_position();
  clock_.advance(minutes(5));
  auto second = import(csv);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->rows, 1500u);
  EXPECT_EQ(second->imported, 0u);
  EXPECT_EQ(second->already_present, 1500u);
  EXPECT_EQ(second->rejected, 0u);
  EXPECT_TRUE(changes_after(before).empty());
  const auto stored = all_weapons();
  ASSERT_EQ(stored.size(), 1500u);
  // The stored rows are the first import's, untouched.
  for (const auto& record : stored)
    ASSERT_EQ(record.updated_at, record.created_at);
}

TEST_P(WeaponImport, BadRowsAreNamedByLineAndFieldAndTheRestImported) {
  const std::string csv =
      kHeader +                                                                           // 1
      "FR-1,registry,FR,pistol,Maker,M1,9x19mm,AB123,,BE,2001,2024-03-01\n" +             // 2 good
      "FR-2,registry,XX,pistol,Maker,M1,9x19mm,AB124,,BE,2001,\n" +                       // 3
      "FR-3,borrowed,FR,pistol,Maker,M1,9x19mm,AB125,,BE,2001,\n" +                       // 4
      "FR-4,lost,FR,pistol,Maker,M1,9x19mm,AB126,,BE,1700,\n" +                           // 5
      "FR-5,lost,FR,pistol,Maker,M1,9x19mm,AB127,,BE,,yesterday\n" +                      // 6
      "FR-6,lost,FR,pistol,Maker,M1,9x19mm,,,BE,,\n" +                                    // 7
      "FR-7,lost,FR,pistol,Maker,M1,9x19mm,AB128,,ZZ,,\n" +                               // 8
      "FR-8,lost,FR,pistol,Maker,M1\n" +                                                  // 9
      "FR-9,lost,FR,pistol,Ma\"ker,M1,9x19mm,AB129,,BE,,\n" +                             // 10
      ",lost,FR,pistol,Maker,M1,9x19mm,AB130,,BE,,\n" +                                   // 11
      "FR-10,seized,FR,rifle,Maker,M2,7.62x39mm,,\"serial filed off,\nframe АК\",,,\n" +  // 12-13
      "FR-11,lost,FR,pistol,Ma\x01ker,M1,9x19mm,AB131,,BE,,\n" +                          // 14
      "FR-12,lost,FR,pistol,Maker,M\xff,9x19mm,AB132,,BE,,\n" +                           // 15
      "FR-13,stolen,FR,revolver,Maker,M3,.38 Special,КР 123456,,RU,1999,2020-01-02T10:00:00Z\n" +
      "FR-14,lost,FR,pistol,Maker,M1,9x19mm,AB133,,BE,2031,\n" +  // 17
      "FR-15,lost,fr,pistol,Maker,M1,9x19mm,AB134,,BE,,\n";       // 18
  auto summary = import(csv);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->rows, 16u);
  EXPECT_EQ(summary->imported, 3u);
  EXPECT_EQ(summary->rejected, 13u);
  const std::vector<std::pair<std::uint64_t, std::string>> expected = {
      {3, "state"},
      {4, "kind"},
      {5, "year_of_manufacture"},
      {6, "reported_at"},
      {7, "serial"},
      {8, "country_of_manufacture"},
      {9, ""},
      {10, ""},
      {11, "external_id"},
      {14, "make"},
      {15, "model"},
      {17, "year_of_manufacture"},
      {18, "state"}};
  ASSERT_EQ(summary->errors.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(summary->errors[i].line, expected[i].first) << summary->errors[i].message;
    EXPECT_EQ(summary->errors[i].field, expected[i].second)
        << "line " << expected[i].first << ": " << summary->errors[i].message;
  }
  EXPECT_EQ(summary->errors[0].message,
            "unknown state \"XX\" (an ISO 3166-1 alpha-2 code in upper case, such as FR)");
  EXPECT_NE(summary->errors[1].message.find("registry, lost"), std::string::npos);
  EXPECT_NE(summary->errors[6].message.find("expected 12 fields, found 6"), std::string::npos);
  EXPECT_NE(summary->errors[7].message.find("quote"), std::string::npos);

  const auto stored = all_weapons();
  ASSERT_EQ(stored.size(), 3u);
  std::map<std::string, WeaponRecord> by_external;
  for (const auto& record : stored)
    by_external[record.external_id] = record;
  EXPECT_EQ(by_external.at("FR-10").other_markings, "serial filed off,\nframe АК");
  EXPECT_EQ(by_external.at("FR-10").serial, "");
  EXPECT_EQ(by_external.at("FR-13").serial, "КР 123456");
  EXPECT_EQ(by_external.at("FR-1").year_of_manufacture, 2001);
  EXPECT_FALSE(by_external.at("FR-10").year_of_manufacture.has_value());
}

TEST_P(WeaponImport, RowErrorsKeptInTheSummaryAreBounded) {
  std::string csv = kHeader;
  for (int i = 0; i < 30; ++i)
    csv += "X-" + std::to_string(i) + ",lost,XX,pistol,Maker,M1,9x19mm,AB1,,,,\n";
  ImportOptions options;
  options.max_row_errors = 10;
  auto summary = import(csv, options);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->rejected, 30u);
  EXPECT_EQ(summary->errors.size(), 10u);
}

TEST_P(WeaponImport, StrictWritesNothingWhenAnyRowIsBad) {
  std::string csv = generated_csv(2500, 13);
  csv += "ZZ-1,lost,XX,pistol,Maker,M1,9x19mm,AB1,,,,\n";
  const std::int64_t before = feed_position();
  ImportOptions options;
  options.strict = true;
  options.batch_size = 300;

  auto seekable = import(csv, options);
  ASSERT_TRUE(seekable.ok()) << seekable.error().message;
  EXPECT_TRUE(seekable->aborted);
  EXPECT_EQ(seekable->rows, 2501u);
  EXPECT_EQ(seekable->imported, 0u);
  EXPECT_EQ(seekable->rejected, 1u);
  ASSERT_EQ(seekable->errors.size(), 1u);
  EXPECT_EQ(seekable->errors[0].line, 2502u);
  EXPECT_EQ(seekable->errors[0].field, "state");

  PipeBuffer pipe(csv);
  std::istream piped(&pipe);
  auto from_pipe = import_weapons(*db_, ids_, clock_, reference(), piped, options);
  ASSERT_TRUE(from_pipe.ok()) << from_pipe.error().message;
  EXPECT_TRUE(from_pipe->aborted);
  EXPECT_EQ(from_pipe->imported, 0u);

  EXPECT_TRUE(all_weapons().empty());
  EXPECT_TRUE(changes_after(before).empty());
}

TEST_P(WeaponImport, StrictImportsEverythingWhenEveryRowIsGoodEvenFromAPipe) {
  const std::string csv = generated_csv(1200, 14);
  ImportOptions options;
  options.strict = true;
  PipeBuffer pipe(csv);
  std::istream piped(&pipe);
  auto summary = import_weapons(*db_, ids_, clock_, reference(), piped, options);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_FALSE(summary->aborted);
  EXPECT_EQ(summary->rows, 1200u);
  EXPECT_EQ(summary->imported, 1200u);
  EXPECT_EQ(all_weapons().size(), 1200u);
}

TEST_P(WeaponImport, DefaultStateFillsEmptyStatesAndRejectsOtherStates) {
  const std::string csv = kHeader + "A-1,lost,,pistol,Maker,M1,9x19mm,AB1,,,,\n" +
                          "A-2,lost,KE,pistol,Maker,M1,9x19mm,AB2,,,,\n" +
                          "A-3,lost,UG,pistol,Maker,M1,9x19mm,AB3,,,,\n";
  ImportOptions options;
  options.default_state = "KE";
  auto summary = import(csv, options);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->imported, 2u);
  ASSERT_EQ(summary->errors.size(), 1u);
  EXPECT_EQ(summary->errors[0].line, 4u);
  EXPECT_EQ(summary->errors[0].field, "state");
  for (const auto& record : all_weapons())
    EXPECT_EQ(record.state, "KE");

  auto without = import(kHeader + "B-1,lost,,pistol,Maker,M1,9x19mm,AB1,,,,\n");
  ASSERT_TRUE(without.ok());
  ASSERT_EQ(without->errors.size(), 1u);
  EXPECT_EQ(without->errors[0].field, "state");

  options.default_state = "QQ";
  auto unknown = import(csv, options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(unknown.error().field, "state");
}

TEST_P(WeaponImport, TheHeaderMustNameEveryColumnOnceInAnyOrder) {
  const auto field_of = [&](const std::string& csv) {
    auto result = import(csv);
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string("(ok)") : result.error().field;
  };
  EXPECT_EQ(field_of("external_id,kind,state\nA,lost,FR\n"), "weapon_type");
  EXPECT_EQ(field_of("colour," + kHeader), "colour");
  EXPECT_EQ(field_of("kind," + kHeader), "kind");
  auto empty = import("");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("empty"), std::string::npos);

  // Columns in another order, a byte order mark, CRLF and spaces around header names.
  const std::string reordered =
      "\xEF\xBB\xBF"
      "serial , external_id,kind,state,weapon_type,make,model,calibre,other_markings,"
      "country_of_manufacture,year_of_manufacture,reported_at\r\n"
      "XY 1,R-1,registry,DE,rifle,Maker,M1,7.62x51mm,,DE,1990,2001-02-03\r\n";
  auto summary = import(reordered);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->imported, 1u);
  const auto stored = all_weapons();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].serial, "XY 1");
  EXPECT_EQ(stored[0].external_id, "R-1");
}

TEST_P(WeaponImport, DuplicatesWithinOneInputCountAsAlreadyPresent) {
  const std::string row = "D-1,lost,FR,pistol,Maker,M1,9x19mm,AB1,,,,\n";
  auto summary = import(kHeader + row + row + row);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->imported, 1u);
  EXPECT_EQ(summary->already_present, 2u);
  // The same external_id in another state is another record.
  auto other = import(kHeader + "D-1,lost,DE,pistol,Maker,M1,9x19mm,AB1,,,,\n");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->imported, 1u);
}

TEST_P(WeaponImport, ReadsRecordsByIdAndInPages) {
  ASSERT_TRUE(import(generated_csv(120, 15)).ok());
  const auto stored = all_weapons();
  ASSERT_EQ(stored.size(), 120u);
  auto some = get_weapons_by_ids(
      *db_, {stored[50].id, "01ZZZZZZZZZZZZZZZZZZZZZZZZ", stored[3].id, stored[50].id});
  ASSERT_TRUE(some.ok());
  ASSERT_EQ(some->size(), 2u);
  EXPECT_EQ((*some)[0].id, stored[3].id);
  EXPECT_EQ((*some)[1].id, stored[50].id);
  EXPECT_EQ((*some)[1].serial, stored[50].serial);
  auto none = get_weapons_by_ids(*db_, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  auto page = list_weapons_after(*db_, stored[100].id, 100);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 19u);
  EXPECT_EQ(page->front().id, stored[101].id);
  auto bad_limit = list_weapons_after(*db_, "", 0);
  ASSERT_FALSE(bad_limit.ok());
  EXPECT_EQ(bad_limit.error().field, "limit");
}

INSTANTIATE_TEST_SUITE_P(Backends, WeaponImport,
                         ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::registry
