#include "assistance/plan_json.h"

#include "core/money.h"

namespace concord::assistance {
namespace {

ordered_json optional_text(const std::optional<std::string>& text) {
  return text ? ordered_json(*text) : ordered_json(nullptr);
}

ordered_json money_json(std::int64_t minor, const std::string& currency,
                        const ReferenceData& reference) {
  return {{"amount", decimal_amount(minor, currency, reference)}, {"minor_units", minor}};
}

ordered_json string_array(const std::vector<std::string>& items) {
  ordered_json array = ordered_json::array();
  for (const auto& item : items)
    array.push_back(item);
  return array;
}

}  // namespace

std::string decimal_amount(std::int64_t minor, const std::string& currency,
                           const ReferenceData& reference) {
  return Money{minor, currency}.to_decimal(reference);
}

ordered_json plan_json(const Plan& plan) {
  return {{"id", plan.id},
          {"state", plan.state},
          {"title", plan.title},
          {"summary", plan.summary},
          {"first_year", plan.first_year},
          {"last_year", plan.last_year},
          {"visibility", to_string(plan.visibility)},
          {"created_by", plan.created_by},
          {"created_at", plan.created_at},
          {"updated_at", plan.updated_at}};
}

ordered_json progress_report_json(const ProgressReport& report) {
  return {{"id", report.id},
          {"obligation_id", report.obligation_id},
          {"as_of", report.as_of},
          {"achieved_quantity", report.achieved_quantity},
          {"note", report.note},
          {"reported_by", report.reported_by},
          {"created_at", report.created_at}};
}

ordered_json obligation_json(const Obligation& obligation) {
  return {{"id", obligation.id},
          {"plan_id", obligation.plan_id},
          {"theme", to_string(obligation.theme)},
          {"capacity_area", obligation.capacity_area
                                ? ordered_json(to_string(*obligation.capacity_area))
                                : ordered_json(nullptr)},
          {"treaty_basis", to_string(obligation.treaty_basis)},
          {"description", obligation.description},
          {"unit", obligation.unit},
          {"target_quantity", obligation.target_quantity},
          {"baseline_quantity", obligation.baseline_quantity},
          {"deadline", obligation.deadline},
          {"extended_deadline", optional_text(obligation.extended_deadline)},
          {"effective_deadline", obligation.effective_deadline()},
          {"visibility", to_string(obligation.visibility)},
          {"created_at", obligation.created_at},
          {"updated_at", obligation.updated_at},
          {"latest_progress", obligation.latest_progress
                                  ? progress_report_json(*obligation.latest_progress)
                                  : ordered_json(nullptr)}};
}

ordered_json need_json(const Need& need, const ReferenceData& reference) {
  ordered_json years = ordered_json::array();
  for (const auto& year : need.years) {
    years.push_back(
        {{"year", year.year},
         {"cost", decimal_amount(year.cost_minor, need.currency, reference)},
         {"national", decimal_amount(year.national_minor, need.currency, reference)},
         {"gap", decimal_amount(year.cost_minor - year.national_minor, need.currency, reference)}});
  }
  return {{"id", need.id},
          {"plan_id", need.plan_id},
          {"obligation_id", optional_text(need.obligation_id)},
          {"state", need.state},
          {"theme", to_string(need.theme)},
          {"description", need.description},
          {"kind", to_string(need.kind)},
          {"currency", need.currency},
          {"visibility", to_string(need.visibility)},
          {"years", std::move(years)},
          {"total_cost", money_json(need.total_cost_minor(), need.currency, reference)},
          {"total_national", money_json(need.total_national_minor(), need.currency, reference)},
          {"requested", money_json(need.requested_minor(), need.currency, reference)},
          {"created_at", need.created_at},
          {"updated_at", need.updated_at}};
}

ordered_json offer_json(const Offer& offer, const ReferenceData& reference) {
  ordered_json themes = ordered_json::array();
  for (const auto theme : offer.themes)
    themes.push_back(to_string(theme));
  return {{"id", offer.id},
          {"donor", donor_key(offer.donor)},
          {"donor_type", to_string(offer.donor.type)},
          {"donor_ref", offer.donor.ref},
          {"kind", to_string(offer.kind)},
          {"title", offer.title},
          {"themes", std::move(themes)},
          {"eligible_countries", string_array(offer.eligible_countries)},
          {"eligible_regions", string_array(offer.eligible_regions)},
          {"priority_countries", string_array(offer.priority_countries)},
          {"amount", decimal_amount(offer.amount_minor, offer.currency, reference)},
          {"amount_minor", offer.amount_minor},
          {"currency", offer.currency},
          {"first_year", offer.first_year},
          {"last_year", offer.last_year},
          {"modality", to_string(offer.modality)},
          {"conditions", offer.conditions},
          {"status", to_string(offer.status)},
          {"created_by", offer.created_by},
          {"created_at", offer.created_at},
          {"updated_at", offer.updated_at}};
}

}  // namespace concord::assistance
