#include "assistance/funding_json.h"

#include "core/money.h"

namespace concord::assistance {
namespace {

using nlohmann::ordered_json;

std::string decimal(std::int64_t minor, const std::string& currency,
                    const ReferenceData& reference) {
  return Money{minor, currency}.to_decimal(reference);
}

// "name_minor": 123450 and "name": "1234.50".
void put_amount(ordered_json& out, const std::string& name, std::int64_t minor,
                const std::string& currency, const ReferenceData& reference) {
  out[name] = decimal(minor, currency, reference);
  out[name + "_minor"] = minor;
}

ordered_json percent_or_null(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json group_json(const FundingGroup& group, const std::string& currency,
                        const ReferenceData& reference) {
  ordered_json out;
  out["key"] = group.key;
  put_amount(out, "requested", group.requested_minor, currency, reference);
  put_amount(out, "counted", group.counted_minor, currency, reference);
  put_amount(out, "pledged", group.pledged_minor, currency, reference);
  put_amount(out, "committed", group.committed_minor, currency, reference);
  put_amount(out, "disbursed", group.disbursed_minor, currency, reference);
  put_amount(out, "gap", group.gap_minor, currency, reference);
  put_amount(out, "surplus", group.surplus_minor, currency, reference);
  out["coverage_percent"] = percent_or_null(group.coverage_percent);
  out["donor_count"] = group.donor_count;
  out["largest_donor"] = group.largest_donor;
  out["largest_donor_share_percent"] = group.largest_donor_share_percent;
  out["top_five_share_percent"] = group.top_five_share_percent;
  out["single_donor_dependency"] = group.single_donor_dependency;
  return out;
}

}  // namespace

ordered_json flow_json(const FundingFlow& flow, const ReferenceData& reference) {
  ordered_json out;
  out["flow_id"] = flow.flow_id;
  out["version"] = flow.version;
  out["kind"] = to_string(flow.kind);
  out["status"] = to_string(flow.status);
  out["counted"] = flow.status == FlowStatus::active &&
                   (flow.kind == FlowKind::commitment || flow.kind == FlowKind::disbursement);
  out["donor"] = donor_key(flow.donor);
  out["recipient_state"] = flow.recipient_state;
  out["activity"] = flow.activity;
  out["plan_id"] = flow.plan_id;
  out["obligation_id"] = flow.obligation_id;
  out["need_id"] = flow.need_id;
  out["match_id"] = flow.match_id;
  out["theme"] = to_string(flow.theme);
  out["sector"] = flow.sector;
  out["budget_year"] = flow.budget_year;
  out["amount"] = decimal(flow.amount_minor, flow.currency, reference);
  out["amount_minor"] = flow.amount_minor;
  out["currency"] = flow.currency;
  out["value_date"] = flow.value_date;
  out["description"] = flow.description;
  out["source"] = flow.source;
  out["recorded_by"] = flow.recorded_by;
  out["recorded_at"] = flow.recorded_at;
  return out;
}

ordered_json rate_json(const ExchangeRate& rate) {
  return ordered_json{{"date", rate.rate_date},
                      {"currency", rate.currency},
                      {"quote", rate.quote},
                      {"rate", rate.rate_text},
                      {"source", rate.source}};
}

ordered_json funding_view_json(const FundingView& view, const ReferenceData& reference) {
  ordered_json out;
  out["by"] = to_string(view.by);
  out["currency"] = view.currency;
  out["rates_on"] = view.rates_on;
  out["oldest_rate_date"] = view.oldest_rate_date;
  out["groups"] = ordered_json::array();
  for (const auto& group : view.groups) {
    out["groups"].push_back(group_json(group, view.currency, reference));
  }
  out["total"] = group_json(view.total, view.currency, reference);
  return out;
}

ordered_json continuity_json(const ContinuityView& view, const ReferenceData& reference) {
  ordered_json out;
  out["currency"] = view.currency;
  out["rates_on"] = view.rates_on;
  out["oldest_rate_date"] = view.oldest_rate_date;
  out["after_year"] = view.after_year;
  out["years"] = ordered_json::array();
  for (const auto& year : view.years) {
    ordered_json row;
    row["year"] = year.year;
    put_amount(row, "need", year.need_minor, view.currency, reference);
    put_amount(row, "counted", year.counted_minor, view.currency, reference);
    put_amount(row, "pledged", year.pledged_minor, view.currency, reference);
    put_amount(row, "gap", year.gap_minor, view.currency, reference);
    put_amount(row, "surplus", year.surplus_minor, view.currency, reference);
    row["coverage_percent"] = percent_or_null(year.coverage_percent);
    out["years"].push_back(std::move(row));
  }
  return out;
}

ordered_json concentration_json(const ConcentrationView& view, const ReferenceData& reference) {
  ordered_json out;
  out["currency"] = view.currency;
  out["rates_on"] = view.rates_on;
  out["oldest_rate_date"] = view.oldest_rate_date;
  put_amount(out, "counted", view.counted_minor, view.currency, reference);
  out["top_five_share_percent"] = view.top_five_share_percent;
  out["largest_donor_share_percent"] = view.largest_donor_share_percent;
  out["single_donor_dependency"] = view.single_donor_dependency;
  out["donors"] = ordered_json::array();
  for (const auto& share : view.donors) {
    ordered_json row;
    row["donor"] = share.donor;
    put_amount(row, "counted", share.counted_minor, view.currency, reference);
    row["share_percent"] = share.share_percent;
    out["donors"].push_back(std::move(row));
  }
  return out;
}

}  // namespace concord::assistance
