// TracingTest: a fresh, migrated database on one backend with the ISO 3166-1 states, a
// ManualClock, the TracingService, weapon records to trace, and principals acting for states.
#pragma once

#include <gtest/gtest.h>

#include "access/audit_trail.h"
#include "directory/directory_service.h"
#include "registry/weapon_store.h"
#include "store/migrations.h"
#include "support/test_database.h"
#include "tracing/tracing_service.h"

namespace concord::tracing {

inline const ReferenceData& test_reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

class TracingTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, test_reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
    service_ = std::make_unique<TracingService>(*db_, test_reference(), clock_, ids_, audit_);
  }

  // A signed-in user of `state` with `role` and a second factor.
  static access::Principal user(const std::string& state, access::Role role,
                                const std::string& name = "") {
    access::Principal principal;
    principal.user_id = "user-" + state;
    principal.username = name.empty() ? "officer." + state : name;
    principal.state = state;
    principal.roles = {role};
    principal.credential = access::Credential::session;
    principal.second_factor = true;
    return principal;
  }
  static access::Principal contact(const std::string& state) {
    return user(state, access::Role::national_contact, "contact." + state);
  }

  // A seized weapon of `state` made (so its record says) in `made_in`.
  std::string add_weapon(const std::string& state, const std::string& made_in,
                         const std::string& serial = "AB12345") {
    registry::WeaponRecord record;
    record.id = ids_.next();
    record.external_id = "SEIZED-" + record.id;
    record.kind = registry::RecordKind::seized;
    record.state = state;
    record.weapon_type = "pistol";
    record.make = "FN Herstal";
    record.model = "Five-seveN";
    record.calibre = "5.7x28mm";
    record.serial = serial;
    record.markings = {
        {marking::MarkingKind::serial, marking::Component::frame, serial,
         marking::Condition::partly_obliterated, ""},
        {marking::MarkingKind::manufacturer, marking::Component::slide, "FN HERSTAL BELGIUM",
         marking::Condition::intact, ""},
    };
    record.country_of_manufacture = made_in;
    record.year_of_manufacture = 2004;
    record.sharing = access::Sharing::law_enforcement;
    record.created_at = format_iso8601(clock_.now());
    record.updated_at = record.created_at;
    auto inserted = store::in_transaction(*db_, store::TransactionMode::read_write,
                                          [&](store::Transaction& tx) -> Result<bool> {
                                            CONCORD_TRY(registry::insert_weapon(tx, record));
                                            return true;
                                          });
    EXPECT_TRUE(inserted.ok()) << inserted.error().message;
    return record.id;
  }

  static RequestContent content(Priority priority = Priority::routine) {
    RequestContent content;
    content.illicit_nature = "seized from a trafficking network";
    content.legal_basis = "national firearms law; ITI §14";
    content.circumstances = "found in a lorry at the border crossing";
    content.intended_use = "criminal investigation";
    content.priority = priority;
    if (priority == Priority::urgent) content.urgency_justification = "court date in 3 days";
    content.confidentiality = "for law enforcement only";
    return content;
  }

  // Drafts and sends a request from `from` about a new weapon to `to`.
  TracingRequest sent_request(const std::string& from, const std::vector<std::string>& to,
                              Priority priority = Priority::routine) {
    const std::string record = add_weapon(from, to.front());
    auto draft = service_->create_draft(contact(from), {record, content(priority), to});
    EXPECT_TRUE(draft.ok()) << draft.error().message;
    auto sent = service_->send(contact(from), draft->id, std::nullopt);
    EXPECT_TRUE(sent.ok()) << sent.error().message;
    return *sent;
  }

  // Notifications of `topic` about `request_id` in `state`'s inbox.
  std::int64_t notifications(const std::string& state, const std::string& topic,
                             const std::string& request_id) {
    auto count = store::in_transaction(
        *db_, store::TransactionMode::read_only,
        [&](store::Transaction& tx) -> Result<std::int64_t> {
          CONCORD_ASSIGN_OR_RETURN(
              auto rows, tx.query("SELECT COUNT(*) FROM notifications WHERE state = $1 AND "
                                  "topic = $2 AND subject_id = $3",
                                  {state, topic, request_id}));
          return rows.rows.front().integer(0);
        });
    EXPECT_TRUE(count.ok());
    return count.ok() ? *count : -1;
  }

  // Audit entries about the request with this action and outcome.
  int audit_entries(const std::string& request_id, const std::string& action,
                    const std::string& outcome, const std::string& actor_state) {
    auto entries = audit_.entries_for_target(*db_, "tracing_request", request_id, 1000);
    EXPECT_TRUE(entries.ok());
    int count = 0;
    for (const auto& entry : *entries) {
      if (entry.action == action && entry.outcome == outcome &&
          entry.actor_state.value_or("") == actor_state) {
        ++count;
      }
    }
    return count;
  }

  ManualClock clock_{*parse_iso8601("2027-03-10T09:00:00Z")};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<TracingService> service_;
};

inline std::string backend_name(const ::testing::TestParamInfo<store::Backend>& param) {
  return std::string(store::to_string(param.param));
}

}  // namespace concord::tracing
