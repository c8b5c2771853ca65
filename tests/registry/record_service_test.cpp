// Weapon record transactions on both backends: enter with full validation, modify, locate, clear,
// cancel and confirm, each allowed and refused; the history and audit entries they leave; the
// change-feed entries the marking index follows; who may read; records due for validation and
// the reminder sweep.
#include "registry/record_service.h"

#include <gtest/gtest.h>

#include "access/audit_trail.h"
#include "directory/directory_service.h"
#include "registry/weapon_store.h"
#include "search/indexed_record.h"
#include "store/change_feed.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::registry {
namespace {

using namespace std::chrono;
using access::Principal;
using access::Role;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

Principal user(const std::string& name, const std::string& state, Role role) {
  Principal principal;
  principal.user_id = "user-" + name;
  principal.username = name;
  principal.state = state;
  principal.roles = {role};
  principal.credential = access::Credential::session;
  principal.second_factor = true;
  return principal;
}

MarkingInput marking(std::string kind, std::string component, std::string text,
                     std::string condition = "intact", std::string method = "") {
  return {std::move(kind), std::move(component), std::move(text), std::move(condition),
          std::move(method)};
}

class RecordServiceTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
    service_ = std::make_unique<RecordService>(*db_, reference(), clock_, ids_, audit_);
  }

  NewRecord stolen_pistol() {
    NewRecord input;
    input.external_id = "FR-2026-001";
    input.fields.kind = "stolen";
    input.fields.weapon_type = "pistol";
    input.fields.make = "Glock";
    input.fields.model = "17";
    input.fields.calibre = "9x19mm";
    input.fields.markings = std::vector<MarkingInput>{
        marking("serial", "barrel", "BRL991"),
        marking("manufacturer", "slide", "GLOCK"),
        marking("serial", "slide", "SLD123", "partly_obliterated"),
        marking("serial", "frame", "ABC123", "restored", "acid etching"),
        marking("import_mark", "frame", "FR 2019 ARMURERIE SA"),
    };
    input.fields.country_of_manufacture = "AT";
    input.fields.year_of_manufacture = std::optional<int>(2015);
    return input;
  }

  WeaponRecord enter(const NewRecord& input) {
    auto entered = service_->enter(fr_officer_, input);
    EXPECT_TRUE(entered.ok()) << entered.error().field << ": " << entered.error().message;
    return entered.ok() ? *entered : WeaponRecord{};
  }

  std::vector<store::Change> weapon_changes_after(std::int64_t position) {
    auto changes = store::read_changes(*db_, position, 1000);
    EXPECT_TRUE(changes.ok());
    std::vector<store::Change> weapons;
    for (auto& change : *changes) {
      if (change.area == "registry" && change.entity == "weapon") weapons.push_back(change);
    }
    return weapons;
  }

  std::int64_t position() { return *store::latest_change_position(*db_); }

  std::int64_t count(const std::string& sql) {
    return store::in_transaction(*db_, store::TransactionMode::read_only,
                                 [&](store::Transaction& tx) -> Result<std::int64_t> {
                                   CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query(sql));
                                   return rows.rows.front().integer(0);
                                 })
        .value();
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};  // January 2027
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<RecordService> service_;
  Principal fr_officer_ = user("fr.officer", "FR", Role::tracing_officer);
  Principal fr_contact_ = user("fr.contact", "FR", Role::national_contact);
  Principal de_officer_ = user("de.officer", "DE", Role::tracing_officer);
  Principal fr_observer_ = user("fr.observer", "FR", Role::civil_society);
};

TEST_P(RecordServiceTest, EnterKeepsEveryMarkingTypedAndOrdersSerials) {
  const std::int64_t before = position();
  const WeaponRecord entered = enter(stolen_pistol());
  EXPECT_EQ(entered.state, "FR");
  EXPECT_EQ(entered.status, RecordStatus::active);
  EXPECT_EQ(entered.sharing, access::Sharing::law_enforcement);
  EXPECT_EQ(entered.serial, "ABC123");  // the frame's serial is the primary one

  auto stored =
      store::in_transaction(*db_, store::TransactionMode::read_only,
                            [&](store::Transaction& tx) { return get_weapon(tx, entered.id); });
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->markings.size(), 5u);
  EXPECT_EQ(stored->markings[0].text, "ABC123");
  EXPECT_EQ(stored->markings[0].condition, marking::Condition::restored);
  EXPECT_EQ(stored->markings[0].restoration_method, "acid etching");
  EXPECT_EQ(stored->markings[1].text, "SLD123");
  EXPECT_EQ(stored->markings[1].condition, marking::Condition::partly_obliterated);
  EXPECT_EQ(stored->markings[2].text, "BRL991");
  EXPECT_EQ(stored->markings[3].kind, marking::MarkingKind::manufacturer);
  EXPECT_EQ(stored->markings[4].text, "FR 2019 ARMURERIE SA");
  EXPECT_EQ(stored->make, "Glock");
  EXPECT_EQ(stored->year_of_manufacture, 2015);

  const auto description = weapon_description_json(*stored);
  EXPECT_EQ(description["markings"].size(), 5u);
  EXPECT_EQ(description["country_of_manufacture"], "AT");
  EXPECT_EQ(description["markings"][0]["component"], "frame");

  // One feed entry, "created", whose IndexedRecord holds every serial, the primary one first.
  const auto changes = weapon_changes_after(before);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].action, "created");
  auto indexed = search::indexed_record_from_json(nlohmann::json::parse(changes[0].payload));
  ASSERT_TRUE(indexed.ok());
  EXPECT_EQ(indexed->markings, (std::vector<std::string>{"ABC123", "SLD123", "BRL991"}));

  // History and audit.
  auto history = service_->history(fr_officer_, entered.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].action, "enter");
  EXPECT_EQ((*history)[0].actor_username, "fr.officer");
  EXPECT_EQ((*history)[0].record["serial"], "ABC123");
  auto audited = audit_.entries_for_target(*db_, "weapon_record", entered.id, 10);
  ASSERT_TRUE(audited.ok());
  ASSERT_EQ(audited->size(), 1u);
  EXPECT_EQ((*audited)[0].action, "records.write");
}

TEST_P(RecordServiceTest, EnterGeneratesAnExternalIdAndRefusesDuplicates) {
  NewRecord input = stolen_pistol();
  input.external_id.reset();
  const WeaponRecord generated = enter(input);
  EXPECT_EQ(generated.external_id, "C-" + generated.id);

  enter(stolen_pistol());
  auto again = service_->enter(fr_officer_, stolen_pistol());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::already_exists);
  EXPECT_EQ(again.error().field, "external_id");
}

TEST_P(RecordServiceTest, EnterNamesTheFieldAtFault) {
  struct Case {
    std::function<void(NewRecord&)> spoil;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](NewRecord& r) { r.fields.kind = "misplaced"; }, "kind"},
      {[](NewRecord& r) { r.fields.kind.reset(); }, "kind"},
      {[](NewRecord& r) { (*r.fields.markings)[2].condition = "scratched"; },
       "markings[2].condition"},
      {[](NewRecord& r) { (*r.fields.markings)[3].restoration_method = ""; },
       "markings[3].restoration_method"},
      {[](NewRecord& r) { (*r.fields.markings)[0].restoration_method = "magnetic"; },
       "markings[0].restoration_method"},
      {[](NewRecord& r) { (*r.fields.markings)[1].kind = "logo"; }, "markings[1].kind"},
      {[](NewRecord& r) { (*r.fields.markings)[1].component = "grip"; }, "markings[1].component"},
      {[](NewRecord& r) { (*r.fields.markings)[4].text = " "; }, "markings[4].text"},
      {[](NewRecord& r) { r.fields.country_of_manufacture = "XX"; }, "country_of_manufacture"},
      {[](NewRecord& r) { r.fields.year_of_manufacture = std::optional<int>(3000); },
       "year_of_manufacture"},
      {[](NewRecord& r) { r.fields.reported_at = "yesterday"; }, "reported_at"},
      {[](NewRecord& r) { r.fields.sharing = "everyone"; }, "sharing"},
      {[](NewRecord& r) { r.fields.sharing = "named_states"; }, "shared_with"},
      {[](NewRecord& r) {
         r.fields.sharing = "named_states";
         r.fields.shared_with = std::vector<std::string>{"DE", "QQ"};
       },
       "shared_with[1]"},
      {[](NewRecord& r) { r.fields.markings = std::vector<MarkingInput>{}; }, "markings"},
      {[](NewRecord& r) { r.state = "ZZ"; }, "state"},
      {[](NewRecord& r) { r.external_id = ""; }, "external_id"},
      {[](NewRecord& r) { r.fields.make = std::string("Glock\nInjected"); }, "make"},
  };
  for (const auto& c : cases) {
    NewRecord input = stolen_pistol();
    c.spoil(input);
    auto entered = service_->enter(fr_officer_, input);
    ASSERT_FALSE(entered.ok()) << c.field;
    EXPECT_EQ(entered.error().code, ErrorCode::invalid_argument) << c.field;
    EXPECT_EQ(entered.error().field, c.field) << entered.error().message;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM weapons"), 0);
}

TEST_P(RecordServiceTest, OnlyTheOwningStateWrites) {
  NewRecord input = stolen_pistol();
  input.state = "FR";
  auto by_germany = service_->enter(de_officer_, input);
  ASSERT_FALSE(by_germany.ok());
  EXPECT_EQ(by_germany.error().code, ErrorCode::permission_denied);
  auto by_observer = service_->enter(fr_observer_, input);
  ASSERT_FALSE(by_observer.ok());
  EXPECT_EQ(by_observer.error().code, ErrorCode::permission_denied);

  const WeaponRecord record = enter(stolen_pistol());
  RecordFields changes;
  changes.model = "19";
  EXPECT_EQ(service_->modify(de_officer_, record.id, changes).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(service_->locate(de_officer_, record.id, {"Kehl", "2026-12-01", ""}).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(service_->clear(de_officer_, record.id, "").error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->cancel(de_officer_, record.id, "error").error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(service_->confirm(de_officer_, record.id).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->confirm(fr_observer_, record.id).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->confirm(fr_officer_, "01NOSUCHRECORD").error().code, ErrorCode::not_found);
}

TEST_P(RecordServiceTest, ModifyRenormalisesKeepsHistoryAndPublishesAnUpdate) {
  const WeaponRecord record = enter(stolen_pistol());
  const std::int64_t before = position();
  clock_.advance(minutes(5));
  RecordFields changes;
  changes.model = "19";
  changes.markings = std::vector<MarkingInput>{marking("serial", "frame", "ABC128")};
  changes.year_of_manufacture = std::optional<int>();
  auto modified = service_->modify(fr_contact_, record.id, changes, "serial misread");
  ASSERT_TRUE(modified.ok()) << modified.error().message;
  EXPECT_EQ(modified->model, "19");
  EXPECT_EQ(modified->make, "Glock");
  EXPECT_EQ(modified->serial, "ABC128");
  EXPECT_FALSE(modified->year_of_manufacture);
  EXPECT_EQ(modified->version, 2);
  EXPECT_NE(modified->updated_at, record.updated_at);

  const auto changes_seen = weapon_changes_after(before);
  ASSERT_EQ(changes_seen.size(), 1u);
  EXPECT_EQ(changes_seen[0].action, "updated");
  auto indexed = search::indexed_record_from_json(nlohmann::json::parse(changes_seen[0].payload));
  ASSERT_TRUE(indexed.ok());
  EXPECT_EQ(indexed->markings, std::vector<std::string>{"ABC128"});
  EXPECT_EQ(indexed->model, "19");

  auto history = service_->history(fr_officer_, record.id);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].action, "modify");
  EXPECT_EQ((*history)[1].reason, "serial misread");
  EXPECT_EQ((*history)[1].record["model"], "19");
  EXPECT_EQ((*history)[0].record["model"], "17");

  RecordFields bad;
  bad.markings = std::vector<MarkingInput>{marking("serial", "frame", "X", "restored")};
  auto refused = service_->modify(fr_officer_, record.id, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "markings[0].restoration_method");
}

TEST_P(RecordServiceTest, LocateAppliesToActiveLostAndStolenRecordsOnly) {
  const WeaponRecord stolen = enter(stolen_pistol());
  const std::int64_t before = position();
  auto located = service_->locate(fr_officer_, stolen.id,
                                  {"Marseille, port", "2026-12-20", "Douane de Marseille"});
  ASSERT_TRUE(located.ok()) << located.error().message;
  EXPECT_EQ(located->status, RecordStatus::located);
  EXPECT_EQ(located->located_place, "Marseille, port");
  EXPECT_EQ(located->located_on, "2026-12-20");
  EXPECT_EQ(located->located_by, "Douane de Marseille");
  // Still in the index: an update, not a deletion.
  const auto changes = weapon_changes_after(before);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].action, "updated");

  auto again = service_->locate(fr_officer_, stolen.id, {"Lyon", "2026-12-21", ""});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().field, "status");

  NewRecord registry_entry = stolen_pistol();
  registry_entry.external_id = "FR-REG-1";
  registry_entry.fields.kind = "registry";
  const WeaponRecord registered = enter(registry_entry);
  EXPECT_EQ(registered.sharing, access::Sharing::private_);
  auto on_registry = service_->locate(fr_officer_, registered.id, {"Lyon", "2026-12-21", ""});
  ASSERT_FALSE(on_registry.ok());
  EXPECT_EQ(on_registry.error().code, ErrorCode::conflict);
  EXPECT_NE(on_registry.error().message.find("registry"), std::string::npos);

  NewRecord lost = stolen_pistol();
  lost.external_id = "FR-LOST-1";
  lost.fields.kind = "lost";
  const WeaponRecord lost_record = enter(lost);
  EXPECT_EQ(service_->locate(fr_officer_, lost_record.id, {"", "2026-12-21", ""}).error().field,
            "place");
  EXPECT_EQ(service_->locate(fr_officer_, lost_record.id, {"Lyon", "last week", ""}).error().field,
            "on");
  EXPECT_EQ(service_->locate(fr_officer_, lost_record.id, {"Lyon", "2031-01-01", ""}).error().field,
            "on");
  auto by_default = service_->locate(fr_officer_, lost_record.id, {"Lyon", "2026-12-21", ""});
  ASSERT_TRUE(by_default.ok());
  EXPECT_EQ(by_default->located_by, "fr.officer");
}

TEST_P(RecordServiceTest, ClearAndCancelTakeTheRecordOutOfTheIndexForGood) {
  const WeaponRecord first = enter(stolen_pistol());
  NewRecord other = stolen_pistol();
  other.external_id = "FR-2026-002";
  const WeaponRecord second = enter(other);

  EXPECT_EQ(service_->cancel(fr_officer_, first.id, " ").error().field, "reason");
  const std::int64_t before = position();
  auto cancelled = service_->cancel(fr_officer_, first.id, "entered twice");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, RecordStatus::cancelled);
  EXPECT_EQ(cancelled->status_reason, "entered twice");
  auto cleared = service_->clear(fr_officer_, second.id, "returned to its owner");
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->status, RecordStatus::cleared);

  const auto changes = weapon_changes_after(before);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].action, "deleted");
  EXPECT_EQ(changes[0].entity_id, first.id);
  EXPECT_EQ(changes[1].action, "deleted");

  // Nothing more may happen to them.
  RecordFields changes_to_make;
  changes_to_make.model = "19";
  for (const auto& id : {first.id, second.id}) {
    auto modify = service_->modify(fr_officer_, id, changes_to_make);
    ASSERT_FALSE(modify.ok());
    EXPECT_EQ(modify.error().code, ErrorCode::conflict);
    EXPECT_EQ(modify.error().field, "status");
    EXPECT_EQ(service_->clear(fr_officer_, id, "").error().code, ErrorCode::conflict);
    EXPECT_EQ(service_->cancel(fr_officer_, id, "again").error().code, ErrorCode::conflict);
    EXPECT_EQ(service_->confirm(fr_officer_, id).error().code, ErrorCode::conflict);
    EXPECT_EQ(service_->locate(fr_officer_, id, {"Lyon", "2026-12-21", ""}).error().code,
              ErrorCode::conflict);
  }
  auto modify = service_->modify(fr_officer_, first.id, changes_to_make);
  EXPECT_NE(modify.error().message.find("cancelled"), std::string::npos);

  // They leave the index when it is built from the table, too.
  auto indexed = list_indexed_records_after(*db_, "", 100);
  ASSERT_TRUE(indexed.ok());
  EXPECT_TRUE(indexed->empty());
}

TEST_P(RecordServiceTest, ReadsFollowSharingAndConfidentialReadsAreAudited) {
  NewRecord registry_entry = stolen_pistol();
  registry_entry.fields.kind = "registry";
  const WeaponRecord registered = enter(registry_entry);
  NewRecord stolen = stolen_pistol();
  stolen.external_id = "FR-2026-002";
  const WeaponRecord theft = enter(stolen);

  EXPECT_TRUE(service_->get(fr_contact_, registered.id).ok());
  EXPECT_EQ(service_->get(de_officer_, registered.id).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->get(fr_observer_, registered.id).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(service_->history(de_officer_, registered.id).error().code,
            ErrorCode::permission_denied);

  // Law enforcement of another state reads a theft report, and the read is audited; the owning
  // state's own reads are not.
  auto before = audit_.entries_for_target(*db_, "weapon_record", theft.id, 100);
  EXPECT_TRUE(service_->get(fr_officer_, theft.id).ok());
  auto read = service_->get(de_officer_, theft.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->serial, "ABC123");
  auto after = audit_.entries_for_target(*db_, "weapon_record", theft.id, 100);
  ASSERT_EQ(after->size(), before->size() + 1);
  EXPECT_EQ(after->front().action, "records.read");
  EXPECT_EQ(after->front().actor_username, "de.officer");

  // Named states.
  RecordFields share;
  share.sharing = "named_states";
  share.shared_with = std::vector<std::string>{"DE"};
  ASSERT_TRUE(service_->modify(fr_officer_, registered.id, share).ok());
  EXPECT_TRUE(service_->get(de_officer_, registered.id).ok());
  Principal it_officer = user("it.officer", "IT", Role::tracing_officer);
  EXPECT_EQ(service_->get(it_officer, registered.id).error().code, ErrorCode::permission_denied);

  // Listing is of the caller's own state.
  auto fr_list = service_->list(fr_officer_, {});
  ASSERT_TRUE(fr_list.ok());
  EXPECT_EQ(fr_list->records.size(), 2u);
  EXPECT_EQ(service_->list(de_officer_, {})->records.size(), 0u);
  RecordFilter stolen_only;
  stolen_only.kind = "stolen";
  EXPECT_EQ(service_->list(fr_officer_, stolen_only)->records.size(), 1u);
  RecordFilter one;
  one.limit = 1;
  auto page = service_->list(fr_officer_, one);
  ASSERT_TRUE(page->next_after);
  one.after = *page->next_after;
  EXPECT_EQ(service_->list(fr_officer_, one)->records.size(), 1u);
  RecordFilter bad_status;
  bad_status.status = "lost";
  EXPECT_EQ(service_->list(fr_officer_, bad_status).error().field, "status");
}

TEST_P(RecordServiceTest, RecordsNotConfirmedWithinThePeriodAreDueAndRemindedOncePerPeriod) {
  const WeaponRecord old_record = enter(stolen_pistol());
  clock_.advance(hours(24 * 200));
  NewRecord later = stolen_pistol();
  later.external_id = "FR-2026-002";
  const WeaponRecord newer = enter(later);
  Principal de_contact = user("de.contact", "DE", Role::national_contact);
  NewRecord german = stolen_pistol();
  german.state = "DE";
  ASSERT_TRUE(service_->enter(de_contact, german).ok());

  EXPECT_TRUE(service_->due_for_validation(fr_officer_)->empty());
  clock_.advance(hours(24 * 170));  // 370 days after the first record
  auto due = service_->due_for_validation(fr_officer_);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].id, old_record.id);

  auto reminded = service_->send_validation_reminders();
  ASSERT_TRUE(reminded.ok()) << reminded.error().message;
  EXPECT_EQ(*reminded, 1);  // France only: the German record is recent
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE topic = 'records.validation_due' "
                  "AND state = 'FR'"),
            1);
  EXPECT_EQ(*service_->send_validation_reminders(), 0);  // not again within the period

  // Confirming takes it off the list.
  auto confirmed = service_->confirm(fr_officer_, old_record.id);
  ASSERT_TRUE(confirmed.ok());
  EXPECT_FALSE(confirmed->confirmed_at.empty());
  EXPECT_TRUE(service_->due_for_validation(fr_officer_)->empty());

  // A period later, both French records are due and France is reminded once more.
  clock_.advance(hours(24 * 366));
  EXPECT_EQ(service_->due_for_validation(fr_officer_)->size(), 2u);
  EXPECT_EQ(*service_->send_validation_reminders(), 2);  // France and Germany
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE topic = 'records.validation_due' "
                  "AND state = 'FR'"),
            2);
  (void)newer;
}

TEST_P(RecordServiceTest, ConfirmIsRecordedButLeavesTheFeedAlone) {
  const WeaponRecord record = enter(stolen_pistol());
  const std::int64_t before = position();
  auto confirmed = service_->confirm(fr_officer_, record.id);
  ASSERT_TRUE(confirmed.ok());
  EXPECT_TRUE(weapon_changes_after(before).empty());
  auto history = service_->history(fr_officer_, record.id);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].action, "confirm");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'records.write'"), 2);
}

TEST_P(RecordServiceTest, AnImportedRecordShowsItsSerialAsAMarkingAndCanBeModified) {
  std::vector<WeaponRecord> records(1);
  records[0].external_id = "IMP-1";
  records[0].kind = RecordKind::stolen;
  records[0].state = "FR";
  records[0].serial = "IMP777";
  ASSERT_TRUE(insert_weapons(*db_, ids_, clock_, records).ok());
  auto read = service_->get(fr_officer_, records[0].id);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->markings.size(), 1u);
  EXPECT_EQ(read->markings[0].text, "IMP777");
  EXPECT_EQ(read->markings[0].component, marking::Component::unspecified);
  RecordFields changes;
  changes.make = "Beretta";
  auto modified = service_->modify(fr_officer_, records[0].id, changes);
  ASSERT_TRUE(modified.ok()) << modified.error().message;
  EXPECT_EQ(modified->serial, "IMP777");
}

TEST(RecordFields, ParsesTheCliMarkingSpec) {
  auto parsed = parse_marking_spec("serial:frame:ABC123:restored:magnetic", "markings[0]");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->kind, "serial");
  EXPECT_EQ(parsed->component, "frame");
  EXPECT_EQ(parsed->text, "ABC123");
  EXPECT_EQ(parsed->condition, "restored");
  EXPECT_EQ(parsed->restoration_method, "magnetic");
  auto method_with_colon = parse_marking_spec("serial:frame:A1:restored:acid: 2 passes", "m");
  ASSERT_TRUE(method_with_colon.ok());
  EXPECT_EQ(method_with_colon->restoration_method, "acid: 2 passes");
  EXPECT_EQ(parse_marking_spec("serial:frame:ABC123", "markings[3]").error().field, "markings[3]");
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordServiceTest,
                         ::testing::ValuesIn(concord::testing::all_backends()),
                         [](const auto& backend) {
                           return std::string(store::to_string(backend.param));
                         });

}  // namespace
}  // namespace concord::registry
