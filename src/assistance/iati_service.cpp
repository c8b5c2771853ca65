#include "assistance/iati_service.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "access/policy.h"
#include "assistance/flow_store.h"
#include "assistance/funding_json.h"
#include "assistance/iati_export.h"
#include "assistance/plan_service.h"
#include "assistance/plan_store.h"
#include "directory/directory_service.h"
#include "store/change_feed.h"

namespace concord::assistance {
namespace {

using store::Transaction;
using store::TransactionMode;

// What makes an imported transaction the same as a flow the donor already has.
using FlowKey =
    std::tuple<FlowKind, std::string, std::int64_t, std::string, std::string, std::string, int>;

FlowKey key_of(const FundingFlow& flow) {
  return {flow.kind,   flow.value_date, flow.amount_minor, flow.currency, flow.recipient_state,
          flow.sector, flow.budget_year};
}
FlowKey key_of(const IatiFlow& flow) {
  return {flow.kind,   flow.value_date, flow.amount_minor, flow.currency, flow.recipient_state,
          flow.sector, flow.budget_year};
}

// Whether the plan parts a flow funds may be shown to the caller, and the title they give the
// flow's activity. Looks each plan, obligation and need up once.
class PlanParts {
 public:
  PlanParts(Transaction& tx, const access::Principal& actor) : tx_(tx), actor_(actor) {}

  Result<bool> visible(const FundingFlow& flow) {
    if (sees_restricted_parts(actor_, flow.recipient_state)) return true;
    if (!flow.plan_id.empty()) {
      CONCORD_ASSIGN_OR_RETURN(auto plan, lookup(plans_, flow.plan_id, get_plan));
      if (plan && plan->visibility == Visibility::restricted) return false;
    }
    if (!flow.obligation_id.empty()) {
      CONCORD_ASSIGN_OR_RETURN(auto obligation,
                               lookup(obligations_, flow.obligation_id, get_obligation));
      if (obligation && obligation->visibility == Visibility::restricted) return false;
    }
    if (!flow.need_id.empty()) {
      CONCORD_ASSIGN_OR_RETURN(auto need, lookup(needs_, flow.need_id, get_need));
      if (need && need->visibility == Visibility::restricted) return false;
    }
    return true;
  }

  // The need's description, else the plan's title, else "" (the export then makes one up).
  Result<std::string> title(const FundingFlow& flow) {
    if (!flow.need_id.empty()) {
      CONCORD_ASSIGN_OR_RETURN(auto need, lookup(needs_, flow.need_id, get_need));
      if (need && !need->description.empty()) return need->description;
    }
    if (!flow.plan_id.empty()) {
      CONCORD_ASSIGN_OR_RETURN(auto plan, lookup(plans_, flow.plan_id, get_plan));
      if (plan) return plan->title;
    }
    return std::string();
  }

 private:
  // A record by id, nullopt when it is gone (a flow keeps its link; there is nothing to hide).
  template <typename Record, typename Get>
  Result<std::optional<Record>> lookup(std::map<std::string, std::optional<Record>>& cache,
                                       const std::string& id, Get get) {
    const auto cached = cache.find(id);
    if (cached != cache.end()) return cached->second;
    auto found = get(tx_, id);
    if (!found.ok() && found.error().code != ErrorCode::not_found) return std::move(found).error();
    std::optional<Record> record;
    if (found.ok()) record = std::move(*found);
    cache.emplace(id, record);
    return record;
  }

  Transaction& tx_;
  const access::Principal& actor_;
  std::map<std::string, std::optional<Plan>> plans_;
  std::map<std::string, std::optional<Obligation>> obligations_;
  std::map<std::string, std::optional<Need>> needs_;
};

}  // namespace

Result<std::string> IatiService::export_activities(const access::Principal& actor,
                                                   const IatiExportFilter& filter) {
  CONCORD_TRY(access::authorize(actor, "assistance.read"));
  if (filter.recipient_state && reference_.country(*filter.recipient_state) == nullptr) {
    return Error::invalid("recipient_state",
                          "recipient_state must be an ISO 3166-1 alpha-2 code "
                          "such as LA, got '" +
                              *filter.recipient_state + "'");
  }
  IatiExportInput input;
  input.generated_at = format_iso8601(clock_.now());
  CONCORD_TRY(
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<bool> {
        FlowFilter flows;
        flows.recipient_state = filter.recipient_state;
        flows.donor = filter.donor;
        CONCORD_ASSIGN_OR_RETURN(auto current, list_current_flows(tx, flows));
        PlanParts parts(tx, actor);
        for (auto& flow : current) {
          CONCORD_ASSIGN_OR_RETURN(bool visible, parts.visible(flow));
          if (!visible) continue;
          if (!input.titles.contains(flow.activity)) {
            CONCORD_ASSIGN_OR_RETURN(std::string title, parts.title(flow));
            if (!title.empty()) input.titles[flow.activity] = title;
          }
          input.flows.push_back(std::move(flow));
        }
        return true;
      }));

  // Organisations by their directory name and kind; states as "Government of ...".
  directory::DirectoryService directory(db_, reference_, clock_, ids_, audit_);
  for (const FundingFlow& flow : input.flows) {
    if (flow.donor.type != DonorType::organisation || input.donors.contains(flow.donor)) continue;
    auto organisation = directory.get_organisation(flow.donor.ref);
    if (organisation.ok()) {
      input.donors[flow.donor] = {organisation->name,
                                  iati_organisation_type(directory::to_string(organisation->kind))};
    } else if (organisation.error().code != ErrorCode::not_found) {
      return std::move(organisation).error();
    }
  }
  return write_iati_activities(input, reference_);
}

Result<IatiImportReport> IatiService::import_activities(const access::Principal& actor,
                                                        std::string_view xml_text) {
  CONCORD_TRY(access::authorize(actor, "flows.record"));
  CONCORD_ASSIGN_OR_RETURN(const Donor donor, donor_of(actor));
  auto parsed = parse_iati_activities(xml_text, reference_);
  if (!parsed.ok()) {
    // A refused file is on the record too, with why; nothing else was stored.
    (void)audit_.record(db_, actor,
                        {"flows.record", "iati_import", "", actor.state, access::Outcome::failed,
                         nlohmann::json{{"donor", donor_key(donor)},
                                        {"bytes", xml_text.size()},
                                        {"error", parsed.error().message}}
                             .dump()});
    return std::move(parsed).error();
  }
  IatiImportReport report;
  report.version = parsed->version;
  report.activities = parsed->activities;
  report.skipped = parsed->skipped;
  report.notes = parsed->notes;
  const std::string now = format_iso8601(clock_.now());
  const std::string import_id = ids_.next();

  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<IatiImportReport> {
        IatiImportReport result = report;
        // What the donor already has in each activity the file names.
        std::map<std::string, std::multiset<FlowKey>> existing;
        for (const IatiFlow& flow : parsed->flows) {
          if (existing.contains(flow.activity)) continue;
          FlowFilter filter;
          filter.donor = donor;
          filter.activity = flow.activity;
          filter.include_withdrawn = true;
          CONCORD_ASSIGN_OR_RETURN(auto current, list_current_flows(tx, filter));
          auto& keys = existing[flow.activity];
          for (const FundingFlow& known : current)
            keys.insert(key_of(known));
        }
        std::vector<store::Change> changes;
        for (const IatiFlow& read : parsed->flows) {
          auto& keys = existing[read.activity];
          const auto same = keys.find(key_of(read));
          if (same != keys.end()) {
            keys.erase(same);
            ++result.duplicates;
            continue;
          }
          FundingFlow flow;
          flow.flow_id = ids_.next();
          flow.kind = read.kind;
          flow.donor = donor;
          flow.recipient_state = read.recipient_state;
          flow.activity = read.activity;
          flow.theme = read.theme;
          flow.sector = read.sector;
          flow.budget_year = read.budget_year;
          flow.amount_minor = read.amount_minor;
          flow.currency = read.currency;
          flow.value_date = read.value_date;
          flow.description = read.description;
          flow.source = "iati";
          flow.recorded_by = actor.username;
          flow.recorded_at = now;
          CONCORD_TRY(insert_flow_version(tx, flow));
          result.flow_ids.push_back(flow.flow_id);
          ++result.flows_created;
          changes.push_back({0, now, "assistance", "funding_flow", flow.flow_id, "created",
                             flow_json(flow, reference_).dump()});
        }
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"flows.record", "iati_import", import_id,
             donor.type == DonorType::state ? std::optional<std::string>(donor.ref) : actor.state,
             access::Outcome::success,
             nlohmann::json{{"donor", donor_key(donor)},
                            {"version", result.version},
                            {"activities", result.activities},
                            {"flows_created", result.flows_created},
                            {"duplicates", result.duplicates},
                            {"skipped", result.skipped.size()}}
                 .dump()}));
        // Last: on PostgreSQL the feed's lock is held until commit.
        if (!changes.empty()) CONCORD_TRY(store::append_changes(tx, changes));
        return result;
      });
}

}  // namespace concord::assistance
