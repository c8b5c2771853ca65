// The weapon reference table on both backends: filled from the generator (idempotently) and read
// by normalise_identity, CSV export then import into an empty database giving the same file, a bad
// file changing nothing, every edit audited and on the change feed, the snapshot cache following
// edits, and who may read and edit.
#include "registry/weapon_reference.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <sstream>

#include "access/role.h"
#include "registry/weapon_generator.h"
#include "registry/weapon_reference_service.h"
#include "store/change_feed.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::registry {
namespace {

using namespace std::chrono;

const ReferenceData& countries() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

access::Principal person(access::Role role) {
  access::Principal principal;
  principal.user_id = "user-" + std::string(access::to_string(role));
  principal.username = principal.user_id;
  principal.state = "CH";
  principal.roles = {role};
  principal.credential = access::Credential::session;
  principal.second_factor = true;
  return principal;
}

class WeaponReference : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override { open(db_, service_); }

  void open(std::unique_ptr<store::Database>& db, std::unique_ptr<ReferenceService>& service) {
    db = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db).ok());
    service = std::make_unique<ReferenceService>(*db, countries(), clock_, ids_, audit_);
  }

  Identification normalise(store::Database& db, const std::string& make, const std::string& model,
                           const std::string& calibre) {
    auto identity = store::in_transaction(
        db, store::TransactionMode::read_only,
        [&](store::Transaction& tx) { return normalise_identity(tx, make, model, calibre); });
    EXPECT_TRUE(identity.ok()) << identity.error().message;
    return identity.ok() ? *identity : Identification{};
  }

  std::string exported(ReferenceService& service) {
    auto csv = service.export_csv(operator_);
    EXPECT_TRUE(csv.ok()) << csv.error().message;
    return csv.ok() ? *csv : "";
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  const access::Principal operator_ = person(access::Role::operator_);
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ReferenceService> service_;
};

TEST_P(WeaponReference, FillsFromTheGeneratorOnceAndNormalisesItsRecords) {
  EXPECT_EQ(normalise(*db_, "anything", "at all", "9x19mm").make, "");  // empty table
  auto filled = service_->fill_from_generator(operator_);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->updated, 0);
  EXPECT_GT(filled->created, 1000);
  auto again = service_->fill_from_generator(operator_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->updated, 0);

  int checked = 0;
  generate_weapons({50, 11}, [&](const WeaponRecord& record) {
    const std::string model = record.model;
    std::string shouted;  // the make as an officer might type it
    for (char c : record.make)
      shouted += c == ' ' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto identity = normalise(*db_, shouted, model, record.calibre);
    EXPECT_EQ(identity.make, record.make);
    EXPECT_EQ(identity.model, record.model);
    EXPECT_EQ(identity.calibre, record.calibre);
    ++checked;
  });
  EXPECT_EQ(checked, 50);
  EXPECT_EQ(normalise(*db_, "", "", "7,62 × 39").calibre, "7.62x39mm");
}

TEST_P(WeaponReference, ExportImportIntoAnEmptyDatabaseGivesTheSameFile) {
  ASSERT_TRUE(service_->fill_from_generator(operator_).ok());
  const std::string csv = exported(*service_);
  ASSERT_GT(csv.size(), 10000u);

  std::unique_ptr<store::Database> other_db;
  std::unique_ptr<ReferenceService> other;
  open(other_db, other);
  std::istringstream input(csv);
  auto imported = other->import_csv(operator_, input);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(imported->counts.updated, 0);
  EXPECT_EQ(exported(*other), csv);

  // Again: nothing to change, nothing on the feed.
  auto position = store::latest_change_position(*other_db);
  ASSERT_TRUE(position.ok());
  std::istringstream second(csv);
  auto repeated = other->import_csv(operator_, second);
  ASSERT_TRUE(repeated.ok());
  EXPECT_EQ(repeated->counts.created, 0);
  EXPECT_EQ(repeated->counts.updated, 0);
  EXPECT_EQ(repeated->rows, imported->rows);
  EXPECT_EQ(*store::latest_change_position(*other_db), *position);
}

TEST_P(WeaponReference, ABadFileChangesNothingAndNamesLineAndColumn) {
  ASSERT_TRUE(service_->fill_from_generator(operator_).ok());
  const std::string before = exported(*service_);
  const auto position = *store::latest_change_position(*db_);
  std::istringstream input(
      "table,id,name,code,country,make,weapon_type,calibre,aliases,other_make,other_model\n"
      "make,,Fresh Works,FW,FR,,,,,,\n"
      "model,,FW 1,,,Fresh Works,pistol,9x19mm,,,\n"
      "make,,Wrong Place,,ZZ,,,,,,\n");
  auto imported = service_->import_csv(operator_, input);
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(imported.error().field, "country");
  EXPECT_NE(imported.error().message.find("line 4, column \"country\""), std::string::npos)
      << imported.error().message;
  EXPECT_EQ(exported(*service_), before);
  EXPECT_EQ(*store::latest_change_position(*db_), position);
}

TEST_P(WeaponReference, EditsAreAuditedOnTheFeedAndSeenByNormalisation) {
  auto make = service_->create_make(operator_, {"", "Kalashnikov Concern", "KC", "RU", {"Kalash"}});
  ASSERT_TRUE(make.ok()) << make.error().message;
  auto calibre = service_->create_calibre(operator_, {"", "7.62x39mm", {"7.62 × 39"}});
  ASSERT_TRUE(calibre.ok());
  auto model =
      service_->create_model(operator_, {"", "kc", "AK-47", "assault rifle", "7.62x39", {}});
  ASSERT_TRUE(model.ok()) << model.error().message;
  EXPECT_EQ(model->make_id, make->id);
  EXPECT_EQ(model->calibre_id, calibre->id);
  auto lookalike = service_->create_model(
      operator_, {"", "Kalashnikov Concern", "AKM", "assault rifle", "", {}}, {model->id});
  ASSERT_TRUE(lookalike.ok()) << lookalike.error().message;

  EXPECT_EQ(normalise(*db_, "KALASH", "ak47", "").model, "AK-47");
  auto taken = service_->create_make(operator_, {"", "kalashnikov  concern", "", "", {}});
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::already_exists);
  auto collides = service_->create_make(operator_, {"", "Other Works", "", "", {"KC"}});
  ASSERT_FALSE(collides.ok());
  EXPECT_EQ(collides.error().field, "aliases");

  // A change seen at once by the next normalisation (the cached snapshot is replaced).
  MakePatch patch;
  patch.aliases = std::vector<std::string>{"Kalash", "Izhmash"};
  patch.country = "ru";
  auto updated = service_->update_make(operator_, make->id, patch);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->code, "KC");
  EXPECT_EQ(updated->country, "RU");
  EXPECT_EQ(normalise(*db_, "izhmash", "AK 47", "").make, "Kalashnikov Concern");
  auto missing = service_->update_make(operator_, "01J00000000000000000000000", patch);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);

  auto entries = audit_.entries_for_target(*db_, "reference_make", make->id, 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(entries->front().action, "reference.edit");
  EXPECT_NE(entries->front().details.find("\"updated\""), std::string::npos);
  auto lookalike_audit = audit_.entries_for_target(
      *db_, "reference_lookalike",
      std::min(model->id, lookalike->id) + "~" + std::max(model->id, lookalike->id), 10);
  ASSERT_TRUE(lookalike_audit.ok());
  EXPECT_EQ(lookalike_audit->size(), 1u);

  auto changes = store::read_changes(*db_, 0, 100);
  ASSERT_TRUE(changes.ok());
  std::map<std::string, int> entities;
  for (const auto& change : *changes) {
    if (change.area == "registry") ++entities[change.entity + " " + change.action];
  }
  EXPECT_EQ(entities["reference_make created"], 1);
  EXPECT_EQ(entities["reference_make updated"], 1);
  EXPECT_EQ(entities["reference_model created"], 2);
  EXPECT_EQ(entities["reference_calibre created"], 1);
  EXPECT_EQ(entities["reference_lookalike created"], 1);

  auto detail = service_->get_make(operator_, make->id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->models.size(), 2u);
  SuggestQuery query;
  query.make = "Kalashnikof";
  query.calibre = "7.62 × 39";
  auto suggested = service_->suggest(operator_, query);
  ASSERT_TRUE(suggested.ok());
  ASSERT_FALSE(suggested->empty());
  EXPECT_EQ(suggested->front().identity.model, "AK-47");
}

TEST_P(WeaponReference, OnlyOperatorsEditAndLawEnforcementReads) {
  const auto analyst = person(access::Role::analyst);
  const auto observer = person(access::Role::civil_society);
  EXPECT_TRUE(service_->table(analyst).ok());
  EXPECT_EQ(service_->table(observer).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->create_make(analyst, {"", "Nope Arms", "", "", {}}).error().code,
            ErrorCode::permission_denied);
  std::istringstream input("");
  EXPECT_EQ(service_->import_csv(analyst, input).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->fill_from_generator(analyst).error().code, ErrorCode::permission_denied);
}

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& param) {
  return std::string(store::to_string(param.param));
}

INSTANTIATE_TEST_SUITE_P(Backends, WeaponReference,
                         ::testing::ValuesIn(concord::testing::all_backends()), backend_name);

}  // namespace
}  // namespace concord::registry
