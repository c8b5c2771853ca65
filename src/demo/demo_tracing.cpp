#include "demo/demo_tracing.h"

#include <chrono>
#include <random>
#include <string_view>
#include <vector>

#include "access/principal.h"
#include "core/id.h"
#include "marking/marking_system_generator.h"
#include "marking/marking_system_json.h"
#include "registry/record_service.h"
#include "registry/weapon_generator.h"
#include "search/damaged_query.h"
#include "tracing/tracing_service.h"

namespace concord::demo {
namespace {

using std::chrono::days;
using std::chrono::hours;

// Makers publish, importers stamp import marks, and the seizing states trace.
const std::vector<std::string> kPublishingStates = {"DE", "FR", "NO", "KE", "NG"};
const std::vector<std::string> kMakerStates = {"DE", "FR", "NO"};
const std::vector<std::string> kImportingStates = {"FR", "DE", "KE", "NG"};
const std::vector<std::string> kReportingStates = {"DE", "FR", "NO"};
const std::vector<std::string> kSeizingStates = {"KE", "NG", "FR"};

access::Principal acting_for(const std::string& state) {
  access::Principal principal = access::Principal::system("demo");
  principal.state = state;
  return principal;
}

template <typename T>
const T& pick(const std::vector<T>& items, std::mt19937_64& random) {
  return items[random() % items.size()];
}

const marking::MarkingSystem& system_of(const std::vector<marking::MarkingSystem>& systems,
                                        const std::string& state) {
  for (const auto& system : systems) {
    if (system.state == state) return system;
  }
  return systems.front();
}

std::string country_mark_of(const marking::MarkingSystem& system) {
  for (const auto& mark : system.country_marks) {
    if (mark.country == system.state) return mark.mark;
  }
  return system.state;
}

std::string digits(int count, std::mt19937_64& random) {
  std::string out;
  for (int i = 0; i < count; ++i)
    out += static_cast<char>('0' + random() % 10);
  return out;
}

// An import mark laid out as the importing state's first published format says, filled with its
// own country mark, the year and one of its importers.
std::string import_mark(const marking::MarkingSystem& system, int year, std::mt19937_64& random) {
  if (system.import_mark_formats.empty())
    return country_mark_of(system) + " " + std::to_string(year);
  const std::string& format = system.import_mark_formats.front();
  std::string out;
  for (std::size_t at = 0; at < format.size();) {
    if (format[at] != '{') {
      out += format[at++];
      continue;
    }
    const std::size_t close = format.find('}', at);
    if (close == std::string::npos) break;
    const std::string_view placeholder(format.data() + at + 1, close - at - 1);
    at = close + 1;
    if (placeholder == "country") {
      out += country_mark_of(system);
    } else if (placeholder == "year" || placeholder == "year4") {
      out += std::to_string(year);
    } else if (placeholder == "year2") {
      out += std::to_string(year % 100 + 100).substr(1);
    } else if (placeholder == "year_code") {
      out += system.year_codes.empty() ? std::to_string(year) : system.year_codes.front().code;
    } else if (placeholder == "importer") {
      out += system.importers.empty() ? "IMP" : pick(system.importers, random).code;
    } else if (placeholder == "manufacturer") {
      out += system.manufacturer_codes.empty() ? "M" : system.manufacturer_codes.front().code;
    } else {
      // {digits:N}, {letters:N}, {any:N} and their ranges: N (or M) symbols.
      const std::size_t colon = placeholder.find(':');
      int count = 4;
      if (colon != std::string_view::npos) {
        count = std::atoi(std::string(placeholder.substr(colon + 1)).c_str());
        if (count <= 0) count = 4;
      }
      out += placeholder.starts_with("letters") ? std::string(static_cast<std::size_t>(count), 'K')
                                                : digits(count, random);
    }
  }
  return out;
}

// What one demo record reads, and who made and imported it.
struct DemoWeapon {
  registry::NewRecord record;
  std::string maker_state;
  std::string import_state;  // "" when not imported
  std::string maker_name;
  std::string serial;
  int year = 0;
};

registry::MarkingInput marking_input(std::string kind, std::string component, std::string text,
                                     std::string condition = "intact") {
  registry::MarkingInput input;
  input.kind = std::move(kind);
  input.component = std::move(component);
  input.text = std::move(text);
  input.condition = std::move(condition);
  return input;
}

DemoWeapon make_weapon(const registry::WeaponRecord& drawn,
                       const std::vector<marking::MarkingSystem>& systems,
                       std::mt19937_64& random) {
  DemoWeapon weapon;
  weapon.maker_state = pick(kMakerStates, random);
  const marking::MarkingSystem& maker = system_of(systems, weapon.maker_state);
  weapon.year = 1980 + static_cast<int>(random() % 41);
  weapon.serial = drawn.serial.empty() ? digits(7, random) : drawn.serial;
  registry::RecordFields& fields = weapon.record.fields;
  fields.weapon_type = drawn.weapon_type;
  fields.make = drawn.make;
  fields.model = drawn.model;
  fields.calibre = drawn.calibre;
  std::vector<registry::MarkingInput> markings;
  markings.push_back(marking_input("serial", "frame", weapon.serial));
  if (random() % 3 == 0) markings.push_back(marking_input("serial", "slide", weapon.serial));
  if (!maker.manufacturer_codes.empty()) {
    const auto& code = pick(maker.manufacturer_codes, random);
    weapon.maker_name = code.manufacturer;
    markings.push_back(marking_input("manufacturer", "frame", code.code));
  }
  markings.push_back(marking_input("country_of_manufacture", "frame", country_mark_of(maker)));
  markings.push_back(marking_input("year", "frame", std::to_string(weapon.year)));
  if (random() % 2 == 0) {
    std::string importer = pick(kImportingStates, random);
    if (importer != weapon.maker_state) {
      weapon.import_state = importer;
      const int import_year = std::min(2024, weapon.year + 1 + static_cast<int>(random() % 6));
      markings.push_back(
          marking_input("import_mark", "receiver",
                        import_mark(system_of(systems, importer), import_year, random)));
    }
  }
  fields.markings = std::move(markings);
  return weapon;
}

// A seizure of `original`, its serial read damaged as a worn or ground marking is.
DemoWeapon seized_copy(const DemoWeapon& original, std::mt19937_64& random) {
  DemoWeapon seized = original;
  static const std::vector<search::Damage> kDamages = {
      search::Damage::none, search::Damage::look_alike, search::Damage::unknown_one,
      search::Damage::transposition, search::Damage::separators};
  auto damaged = search::damage_marking(original.serial, pick(kDamages, random), random);
  if (damaged) {
    for (auto& marking : *seized.record.fields.markings) {
      if (marking.kind == "serial") {
        marking.text = *damaged;
        if (damaged->find('?') != std::string::npos) marking.condition = "partly_obliterated";
      }
    }
  }
  return seized;
}

// The requests' scenarios, one per status a request can be in.
const std::vector<std::string> kScenarios = {
    "draft",       "sent",      "sent_overdue", "acknowledged", "more_information",
    "in_progress", "answered",  "partial",      "restricted",   "untraceable",
    "declined",    "forwarded", "closed"};

// How far a scenario moves the clock (RequestDriver::drive), so that it can end before today.
std::chrono::milliseconds scenario_span(const std::string& scenario) {
  if (scenario == "draft" || scenario == "sent" || scenario == "sent_overdue") return hours(0);
  if (scenario == "acknowledged") return hours(20);
  if (scenario == "more_information" || scenario == "in_progress") return hours(50);
  if (scenario == "forwarded") return hours(50) + days(4) + hours(26) + days(9);
  if (scenario == "closed") return hours(50) + days(6);
  return hours(50) + days(4);
}

tracing::Answer answer_for(const DemoWeapon& weapon, tracing::AnswerOutcome outcome,
                           const std::string& holder_state) {
  tracing::Answer answer;
  answer.outcome = outcome;
  if (outcome == tracing::AnswerOutcome::restricted) {
    answer.restriction_reason = tracing::RestrictionReason::ongoing_criminal_investigation;
    answer.note = "A criminal investigation into the diversion is under way; details will follow.";
    return answer;
  }
  if (outcome == tracing::AnswerOutcome::untraceable) {
    answer.note = "No record of this serial number in the manufacturer's or the state's records.";
    return answer;
  }
  const std::string maker = weapon.maker_name.empty() ? "the manufacturer" : weapon.maker_name;
  answer.chain_of_custody.push_back({tracing::CustodyEventKind::manufacture,
                                     std::to_string(weapon.year),
                                     {{maker, weapon.maker_state}},
                                     {{"", "production ledger " + weapon.serial}},
                                     ""});
  if (!weapon.import_state.empty()) {
    answer.chain_of_custody.push_back(
        {tracing::CustodyEventKind::export_,
         std::to_string(weapon.year + 1),
         {{maker, weapon.maker_state}, {"licensed importer", weapon.import_state}},
         {{"", "export licence EL-" + std::to_string(weapon.year + 1) + "-0042"}},
         ""});
  }
  if (outcome == tracing::AnswerOutcome::full) {
    answer.chain_of_custody.push_back({tracing::CustodyEventKind::last_legal_holder,
                                       "2019",
                                       {{"registered dealer", holder_state}},
                                       {},
                                       "Reported stolen from the dealer's store."});
    answer.chain_of_custody.push_back({tracing::CustodyEventKind::diversion,
                                       "2021",
                                       {{"unknown", holder_state}},
                                       {},
                                       "Theft during a burglary; police report on file."});
  } else {
    answer.note = "Records after export are held by the importing state.";
  }
  return answer;
}

class RequestDriver {
 public:
  RequestDriver(tracing::TracingService& tracing, ManualClock& clock)
      : tracing_(tracing), clock_(clock) {}

  Result<void> drive(const std::string& scenario, const std::string& record_id,
                     const DemoWeapon& weapon, const std::string& seizing_state, bool urgent) {
    tracing::NewRequest input;
    input.record_id = record_id;
    tracing::RequestContent& content = input.content;
    content.illicit_nature = "Seized without a licence or registration in " + seizing_state + ".";
    content.legal_basis = "National firearms law; International Tracing Instrument, §§ 14-17.";
    content.circumstances = "Found during a vehicle search at a border crossing.";
    content.intended_use = "Criminal investigation into the trafficking route.";
    content.priority = urgent ? tracing::Priority::urgent : tracing::Priority::routine;
    if (urgent) content.urgency_justification = "A suspect is held in custody pending charges.";
    content.confidentiality = "For law-enforcement use only; not to be shared further.";
    const std::string first = weapon.maker_state;
    input.addressees = std::vector<std::string>{first};
    const auto sender = acting_for(seizing_state);
    const auto maker = acting_for(first);
    CONCORD_ASSIGN_OR_RETURN(tracing::TracingRequest request, tracing_.create_draft(sender, input));
    const std::string id = request.id;
    if (scenario == "draft") return ok();
    CONCORD_TRY(tracing_.send(sender, id, std::nullopt));
    if (scenario == "sent" || scenario == "sent_overdue") return ok();
    step(hours(20));
    CONCORD_TRY(tracing_.acknowledge(maker, id));
    if (scenario == "acknowledged") return ok();
    step(hours(30));
    if (scenario == "more_information") {
      CONCORD_TRY(tracing_.request_information(
          maker, id, "Please send a photograph of the frame marking, which seems re-stamped."));
      return ok();
    }
    CONCORD_TRY(tracing_.start(maker, id));
    if (scenario == "in_progress") return ok();
    step(days(4));
    if (scenario == "declined") {
      CONCORD_TRY(
          tracing_.decline(maker, id, "The weapon is a pre-1900 antique outside the Instrument."));
      return ok();
    }
    if (scenario == "forwarded") {
      const std::string importer =
          weapon.import_state.empty() || weapon.import_state == seizing_state
              ? std::string(seizing_state == "FR" ? "DE" : "FR")
              : weapon.import_state;
      CONCORD_TRY(tracing_.forward(
          maker, id, importer, "Exported under licence; the importer holds the later records."));
      const auto next = acting_for(importer);
      step(hours(26));
      CONCORD_TRY(tracing_.acknowledge(next, id));
      step(days(6));
      CONCORD_TRY(tracing_.start(next, id));
      step(days(3));
      CONCORD_TRY(
          tracing_.answer(next, id, answer_for(weapon, tracing::AnswerOutcome::full, importer)));
      return ok();
    }
    const tracing::AnswerOutcome outcome =
        scenario == "partial"       ? tracing::AnswerOutcome::partial
        : scenario == "restricted"  ? tracing::AnswerOutcome::restricted
        : scenario == "untraceable" ? tracing::AnswerOutcome::untraceable
                                    : tracing::AnswerOutcome::full;
    CONCORD_TRY(tracing_.answer(maker, id, answer_for(weapon, outcome, first)));
    if (scenario != "closed") return ok();
    step(days(2));
    CONCORD_TRY(tracing_.add_message(sender, id, "Thank you: this closes our investigation."));
    CONCORD_TRY(tracing_.close(sender, id));
    return ok();
  }

 private:
  void step(std::chrono::milliseconds by) { clock_.advance(by); }

  tracing::TracingService& tracing_;
  ManualClock& clock_;
};

}  // namespace

Result<DemoTracingSummary> fill_demo_tracing(
    store::Database& db, const ReferenceData& reference, const access::AuditTrail& audit,
    marking::MarkingSystemService& marking_systems, registry::ReferenceService& reference_table,
    const DemoTracingOptions& options, const std::function<void(const std::string&)>& progress) {
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  DemoTracingSummary summary;
  std::mt19937_64 random(options.seed);
  const access::Principal system = access::Principal::system("demo");

  // The clock starts ten weeks back, so that requests have a history and some are overdue today.
  ManualClock clock(options.now - days(70));
  IdGenerator ids(clock);
  registry::RecordService records(db, reference, clock, ids, audit);
  tracing::TracingService tracing(db, reference, clock, ids, audit);

  const std::vector<marking::MarkingSystem> systems =
      marking::generate_marking_systems(options.seed, kPublishingStates, &reference);

  // Draw the weapons first: the same seed always gives the same records.
  std::vector<DemoWeapon> weapons;
  std::vector<std::string> kinds;
  std::vector<std::string> owners;
  std::vector<int> copied_from;
  {
    std::vector<registry::WeaponRecord> drawn;
    registry::generate_weapons(
        {static_cast<std::size_t>(options.records), options.seed ^ 0x7ac3},
        [&](const registry::WeaponRecord& record) { drawn.push_back(record); });
    const int registry_count = options.records * 2 / 5;
    const int reported_count = options.records / 5;
    for (int i = 0; i < options.records; ++i) {
      if (i < registry_count) {
        weapons.push_back(make_weapon(drawn[i], systems, random));
        const DemoWeapon& weapon = weapons.back();
        owners.push_back(weapon.import_state.empty() ? weapon.maker_state : weapon.import_state);
        kinds.push_back("registry");
        copied_from.push_back(-1);
      } else if (i < registry_count + reported_count) {
        // Thefts and losses: half of them of weapons in the registries above.
        if (random() % 2 == 0) {
          const int original = static_cast<int>(random() % registry_count);
          weapons.push_back(weapons[original]);
          owners.push_back(owners[original]);
        } else {
          weapons.push_back(make_weapon(drawn[i], systems, random));
          owners.push_back(pick(kReportingStates, random));
        }
        kinds.push_back(random() % 3 == 0 ? "lost" : "stolen");
        copied_from.push_back(-1);
      } else {
        // Seizures, finds and trafficking cases: most of them readings of a reported weapon.
        if (random() % 5 != 0) {
          const int original =
              registry_count + static_cast<int>(random() % static_cast<unsigned>(reported_count));
          weapons.push_back(seized_copy(weapons[original], random));
          copied_from.push_back(original);
        } else {
          weapons.push_back(make_weapon(drawn[i], systems, random));
          copied_from.push_back(-1);
        }
        owners.push_back(pick(kSeizingStates, random));
        const unsigned roll = random() % 10;
        kinds.push_back(roll < 7 ? "seized" : roll < 9 ? "found" : "trafficked");
      }
    }
  }

  // Idempotence: the first record's external id is the marker.
  std::vector<std::string> record_ids(weapons.size());
  for (std::size_t i = 0; i < weapons.size(); ++i) {
    DemoWeapon& weapon = weapons[i];
    weapon.record.external_id = "DEMO-T-" + std::to_string(10000 + i).substr(1);
    weapon.record.state = owners[i];
    weapon.record.fields.kind = kinds[i];
    clock.advance(std::chrono::minutes(7));
    weapon.record.fields.reported_at = format_iso8601(clock.now()).substr(0, 10);
    auto entered = records.enter(acting_for(owners[i]), weapon.record);
    if (!entered.ok() && entered.error().code == ErrorCode::already_exists && i == 0) {
      summary.already_present = true;
      say("demo tracing: already present, nothing added");
      return summary;
    }
    if (!entered.ok()) {
      Error error = entered.error();
      error.message = "demo record " + *weapon.record.external_id + ": " + error.message;
      return error;
    }
    record_ids[i] = entered->id;
    ++summary.records_created;
    if (i == 0) {
      // Publish the marking systems and fill the reference table once we know this is a first run.
      for (const auto& generated : systems) {
        CONCORD_TRY(marking_systems.publish(system, generated.state,
                                            marking::marking_system_json(generated).dump()));
        ++summary.marking_systems_published;
      }
      CONCORD_TRY(reference_table.fill_from_generator(system));
    }
  }
  say("demo tracing: " + std::to_string(summary.records_created) +
      " weapon records with markings, " + std::to_string(summary.marking_systems_published) +
      " marking systems");

  // Tracing requests about seized copies. Each starts early enough to finish its scenario before
  // today; older rounds start twelve days further back each, so due dates fall on both sides of
  // today.
  RequestDriver driver(tracing, clock);
  const int rounds = (options.requests + static_cast<int>(kScenarios.size()) - 1) /
                     static_cast<int>(kScenarios.size());
  int made = 0;
  for (std::size_t i = 0; i < weapons.size() && made < options.requests; ++i) {
    if (copied_from[i] < 0) continue;
    if (weapons[i].maker_state == owners[i]) continue;  // a state traces its own weapons at home
    const std::string& scenario = kScenarios[static_cast<std::size_t>(made) % kScenarios.size()];
    const int age_in_rounds = rounds - 1 - made / static_cast<int>(kScenarios.size());
    std::chrono::milliseconds start_before_now =
        scenario_span(scenario) + hours(1) + days(12) * age_in_rounds;
    if (scenario == "sent_overdue") start_before_now += days(5);
    clock.set(options.now - start_before_now);
    CONCORD_TRY(driver.drive(scenario, record_ids[i], weapons[i], owners[i], made % 5 == 4));
    ++made;
  }
  summary.requests_created = made;
  say("demo tracing: " + std::to_string(made) + " tracing requests in every status");
  return summary;
}

}  // namespace concord::demo
