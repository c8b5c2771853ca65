#include "demo/demo_assistance.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/money.h"

namespace concord::demo {
namespace {

using access::Principal;

Principal acting_for(const std::string& state) {
  Principal principal = Principal::system("demo assistance " + state);
  principal.state = state;
  return principal;
}

struct RateSeries {
  const char* currency;
  double usd_value;  // one unit in US dollars, where the walk starts
};

constexpr RateSeries kRateSeries[] = {
    {"EUR", 1.13}, {"JPY", 0.0088}, {"NOK", 0.114}, {"GBP", 1.35},
    {"CHF", 1.09}, {"AUD", 0.72},   {"SEK", 0.110}, {"CAD", 0.79},
};

struct RegionSpec {
  const char* name;
  std::vector<std::string> countries;
};

const std::vector<RegionSpec>& demo_regions() {
  static const std::vector<RegionSpec> regions = {
      {"South-East Asia", {"KH", "LA", "MM", "TH", "VN"}},
      {"Western Balkans", {"AL", "BA", "HR", "ME", "MK", "RS"}},
      {"Middle East", {"IQ", "JO", "LB", "PS", "SY", "YE"}},
      {"Eastern Europe and Caucasus", {"AM", "AZ", "GE", "MD", "UA"}},
      {"Latin America", {"CO", "EC", "PE"}},
  };
  return regions;
}

struct ObligationSpec {
  const char* theme;
  const char* capacity_area;  // "" unless salw_control
  const char* treaty_basis;
  const char* description;
  const char* unit;
  double target;
  double baseline;
  const char* deadline;
  const char* extended_deadline;  // "" when none
  double yearly_cost;             // in the plan's currency
  double national_share;          // of each year's cost
};

struct PlanSpec {
  const char* state;
  const char* title;
  const char* summary;
  const char* currency;
  std::vector<ObligationSpec> obligations;
};

const std::vector<PlanSpec>& demo_plans() {
  static const std::vector<PlanSpec> plans = {
      {"LA",
       "National strategy for unexploded ordnance and cluster munition remnants",
       "Survey and clear cluster munition remnants in the most contaminated provinces, assist "
       "survivors and teach communities to live safely until the land is released.",
       "USD",
       {{"clearance", "", "ccm", "Clear land contaminated by cluster munition remnants", "km2", 320,
         0, "2030-08-01", "", 9'500'000, 0.12},
        {"victim_assistance", "", "ccm", "Rehabilitation and livelihoods for survivors", "people",
         4200, 300, "2030-12-31", "", 1'800'000, 0.2},
        {"risk_education", "", "ccm", "Risk education in affected villages", "people", 150000,
         20000, "2028-12-31", "", 600'000, 0.25}}},
      {"KH",
       "National mine action strategy",
       "Release the remaining mined land, destroy stockpiled anti-personnel mines found, and "
       "bring survivors into the national disability services.",
       "USD",
       {{"clearance", "", "apmbc", "Release mined areas along the north-western border", "km2", 410,
         0, "2025-12-31", "2030-12-31", 11'000'000, 0.18},
        {"victim_assistance", "", "apmbc", "Physical rehabilitation centres", "people", 6000, 1000,
         "2030-12-31", "", 1'400'000, 0.3}}},
      {"BA",
       "Mine action and SALW control strategy",
       "Clear suspected hazardous areas and strengthen the stockpile management of small arms "
       "and ammunition.",
       "EUR",
       {{"clearance", "", "apmbc", "Release suspected hazardous areas", "km2", 890, 0, "2027-03-01",
         "", 7'000'000, 0.22},
        {"salw_control", "stockpile_management", "poa_iti",
         "Secure and manage state stockpiles of small arms and ammunition", "sites", 24, 6,
         "2028-12-31", "", 900'000, 0.15}}},
      {"IQ",
       "Explosive hazard reduction plan",
       "Clear explosive remnants of war in liberated areas and teach returning families the "
       "risks.",
       "USD",
       {{"clearance", "", "apmbc", "Clear explosive remnants of war in return areas", "km2", 1200,
         0, "2028-02-01", "", 14'000'000, 0.1},
        {"risk_education", "", "apmbc", "Risk education for returning families", "people", 400000,
         50000, "2027-12-31", "", 900'000, 0.2}}},
      {"CO",
       "Comprehensive action against anti-personnel mines",
       "Release the remaining municipalities and support survivors in rural areas.",
       "USD",
       {{"clearance", "", "apmbc", "Declare the remaining municipalities free of mines",
         "municipalities", 180, 40, "2025-12-31", "2031-12-31", 6'500'000, 0.35},
        {"victim_assistance", "", "apmbc", "Support survivors in rural areas", "people", 2500, 400,
         "2031-12-31", "", 1'100'000, 0.4}}},
      {"UA",
       "Humanitarian demining and stockpile destruction plan",
       "Survey and clear contaminated agricultural land and destroy surplus and unsafe "
       "ammunition stockpiles.",
       "EUR",
       {{"clearance", "", "apmbc", "Survey and clear contaminated agricultural land", "km2", 2500,
         0, "2033-06-01", "", 22'000'000, 0.15},
        {"stockpile_destruction", "", "apmbc", "Destroy stockpiled anti-personnel mines",
         "munitions", 3'300'000, 0, "2029-06-01", "", 4'000'000, 0.1}}},
  };
  return plans;
}

struct OfferSpec {
  const char* donor;
  const char* kind;
  const char* title;
  std::vector<std::string> themes;
  std::vector<std::string> countries;
  std::vector<std::string> regions;
  std::vector<std::string> priorities;
  double amount;
  const char* currency;
  int first_year_offset;  // from the first demo budget year
  int years;
  const char* modality;
  const char* conditions;
};

const std::vector<OfferSpec>& demo_offers() {
  static const std::vector<OfferSpec> offers = {
      {"NO",
       "funding",
       "Humanitarian mine action and survivor support",
       {"clearance", "victim_assistance", "risk_education"},
       {},
       {"South-East Asia", "Middle East"},
       {"LA", "IQ"},
       260'000'000,
       "NOK",
       0,
       6,
       "grant",
       "Through accredited operators; annual narrative and financial reports."},
      {"JP",
       "funding",
       "Grant assistance for mine clearance and stockpile destruction",
       {"clearance", "stockpile_destruction"},
       {"KH", "LA", "UA"},
       {},
       {"KH"},
       4'200'000'000,
       "JPY",
       0,
       5,
       "grant",
       "Equipment procured through the grant is registered."},
      {"DE",
       "funding",
       "Stabilisation: demining and arms control",
       {"clearance", "stockpile_destruction", "salw_control"},
       {},
       {"Western Balkans", "Eastern Europe and Caucasus", "Middle East"},
       {"UA", "BA"},
       48'000'000,
       "EUR",
       1,
       6,
       "grant",
       ""},
      {"US",
       "funding",
       "Conventional weapons destruction programme",
       {"clearance", "stockpile_destruction", "risk_education", "salw_control"},
       {},
       {},
       {"IQ", "CO"},
       70'000'000,
       "USD",
       0,
       5,
       "grant",
       "Subject to annual appropriations."},
      {"GB",
       "funding",
       "Global mine action programme",
       {"clearance", "risk_education"},
       {"LA", "KH", "IQ", "CO"},
       {},
       {},
       30'000'000,
       "GBP",
       2,
       5,
       "grant",
       ""},
      {"AU",
       "expertise",
       "Victim assistance and clearance advisers",
       {"victim_assistance", "clearance"},
       {},
       {"South-East Asia"},
       {"LA", "KH"},
       12'000'000,
       "AUD",
       3,
       5,
       "technical_cooperation",
       "Advisers are placed with the national authority."},
  };
  return offers;
}

// Whole units, which every currency accepts (JPY has no minor unit).
std::string decimal_of(double amount) {
  char text[64];
  std::snprintf(text, sizeof text, "%.0f", amount);
  return text;
}

std::string date_of(int year, int month, int day) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

// Monthly rates into USD since January of `first_year`, a seeded walk of at most 1.5 % a month.
std::string rates_csv(std::mt19937_64& random, int first_year, const std::string& today) {
  std::string csv = "date,currency,quote,rate,source\n";
  std::uniform_real_distribution<double> step(-0.015, 0.015);
  for (const auto& series : kRateSeries) {
    double value = series.usd_value;
    for (int year = first_year;; ++year) {
      bool past_today = false;
      for (int month = 1; month <= 12; ++month) {
        const std::string date = date_of(year, month, 1);
        if (date > today) {
          past_today = true;
          break;
        }
        char rate[32];
        std::snprintf(rate, sizeof rate, "%.6f", value);
        csv += date + "," + series.currency + ",USD," + rate + ",demo generator\n";
        value *= 1.0 + step(random);
      }
      if (past_today) break;
    }
  }
  return csv;
}

class DemoFiller {
 public:
  DemoFiller(const DemoAssistanceServices& services, const ReferenceData& reference,
             const DemoAssistanceOptions& options,
             const std::function<void(const std::string&)>& progress)
      : services_(services),
        reference_(reference),
        options_(options),
        progress_(progress),
        random_(options.seed ^ 0xa551574ULL),
        this_year_(std::stoi(options.today.substr(0, 4))),
        first_year_(this_year_ - 4) {}

  Result<DemoAssistanceSummary> fill() {
    const auto system = Principal::system("demo assistance");
    CONCORD_ASSIGN_OR_RETURN(auto existing, services_.plans.list_plans(system, std::nullopt));
    if (!existing.empty()) {
      summary_.already_there = true;
      say("assistance: plans already there, nothing added");
      return summary_;
    }
    CONCORD_ASSIGN_OR_RETURN(auto imported,
                             services_.funding.import_rates_csv(
                                 system, rates_csv(random_, first_year_, options_.today)));
    summary_.rates = imported.rows;
    for (const auto& region : demo_regions()) {
      CONCORD_TRY(services_.plans.set_region(system, region.name, region.countries));
      ++summary_.regions;
    }
    say("assistance: " + std::to_string(summary_.rates) + " exchange rates, " +
        std::to_string(summary_.regions) + " regions");
    for (const auto& plan : demo_plans())
      CONCORD_TRY(add_plan(plan));
    say("assistance: " + std::to_string(summary_.plans) + " national plans with " +
        std::to_string(summary_.obligations) + " obligations, " + std::to_string(summary_.needs) +
        " costed needs and " + std::to_string(summary_.progress_reports) + " progress reports");
    for (const auto& offer : demo_offers())
      CONCORD_TRY(add_offer(offer));
    say("assistance: " + std::to_string(summary_.offers) + " offers");
    CONCORD_TRY(match_needs());
    say("assistance: " + std::to_string(summary_.partnerships) + " partnerships, " +
        std::to_string(summary_.matches_waiting) + " matches waiting for the donor, " +
        std::to_string(summary_.matches_declined) + " declined");
    CONCORD_TRY(add_flows());
    say("assistance: " + std::to_string(summary_.flows) + " funding flows over " +
        std::to_string(this_year_ - first_year_ + 1) + " budget years");
    return summary_;
  }

 private:
  struct AddedNeed {
    assistance::Need need;
    const PlanSpec* plan;
  };

  void say(const std::string& line) const {
    if (progress_) progress_(line);
  }

  Result<void> add_plan(const PlanSpec& spec) {
    const auto actor = acting_for(spec.state);
    assistance::PlanInput input;
    input.title = spec.title;
    input.summary = spec.summary;
    input.first_year = first_year_;
    input.last_year = first_year_ + 9;
    CONCORD_ASSIGN_OR_RETURN(auto plan, services_.plans.create_plan(actor, input));
    ++summary_.plans;
    std::uniform_real_distribution<double> wobble(0.85, 1.15);
    for (const auto& obligation_spec : spec.obligations) {
      assistance::ObligationInput obligation;
      obligation.theme = obligation_spec.theme;
      if (*obligation_spec.capacity_area) obligation.capacity_area = obligation_spec.capacity_area;
      obligation.treaty_basis = obligation_spec.treaty_basis;
      obligation.description = obligation_spec.description;
      obligation.unit = obligation_spec.unit;
      obligation.target_quantity = obligation_spec.target;
      obligation.baseline_quantity = obligation_spec.baseline;
      obligation.deadline = obligation_spec.deadline;
      if (*obligation_spec.extended_deadline)
        obligation.extended_deadline = obligation_spec.extended_deadline;
      CONCORD_ASSIGN_OR_RETURN(auto added,
                               services_.plans.add_obligation(actor, plan.id, obligation));
      ++summary_.obligations;

      assistance::NeedInput need;
      need.obligation_id = added.id;
      need.description = std::string(obligation_spec.description) + ": operations and equipment";
      need.currency = spec.currency;
      for (int year = input.first_year; year <= input.last_year; ++year) {
        const double cost = std::round(obligation_spec.yearly_cost * wobble(random_));
        need.years.push_back({year, decimal_of(cost),
                              decimal_of(std::round(cost * obligation_spec.national_share))});
      }
      CONCORD_ASSIGN_OR_RETURN(auto added_need, services_.plans.add_need(actor, plan.id, need));
      ++summary_.needs;
      needs_.push_back({std::move(added_need), &spec});

      // Yearly progress up to last year, towards the target at a steady pace with some noise.
      const double span = obligation_spec.target - obligation_spec.baseline;
      double achieved = 0;
      for (int year = first_year_; year < this_year_; ++year) {
        achieved += span / 12.0 * wobble(random_);
        assistance::ProgressInput report;
        report.as_of = date_of(year, 12, 31);
        report.achieved_quantity = std::round(std::min(achieved, span) * 10) / 10;
        report.note = "Annual report " + std::to_string(year);
        CONCORD_TRY(services_.plans.add_progress_report(actor, added.id, report));
        ++summary_.progress_reports;
      }
    }
    return ok();
  }

  Result<void> add_offer(const OfferSpec& spec) {
    assistance::OfferInput input;
    input.kind = spec.kind;
    input.title = spec.title;
    input.themes = spec.themes;
    input.eligible_countries = spec.countries;
    input.eligible_regions = spec.regions;
    input.priority_countries = spec.priorities;
    input.amount = decimal_of(spec.amount);
    input.currency = spec.currency;
    input.first_year = first_year_ + spec.first_year_offset;
    input.last_year = input.first_year + spec.years - 1;
    input.modality = spec.modality;
    input.conditions = spec.conditions;
    CONCORD_TRY(services_.offers.publish(acting_for(spec.donor), input));
    ++summary_.offers;
    return ok();
  }

  // For each need, the best-scored offer is proposed by the state for 40 % of the gap (in the
  // offer's currency) and, for most, accepted by the donor: a partnership. Every fifth waits for
  // the donor; one is declined by it.
  Result<void> match_needs() {
    int index = 0;
    for (const auto& [need, plan] : needs_) {
      const auto state = acting_for(need.state);
      CONCORD_ASSIGN_OR_RETURN(auto ranked,
                               services_.matches.candidates_for_need(state, need.id, "USD"));
      int proposed_here = 0;
      for (const auto& candidate : ranked.candidates) {
        if (!candidate.candidate() || proposed_here == 2) continue;
        CONCORD_ASSIGN_OR_RETURN(
            auto in_offer_currency,
            services_.matches.candidates_for_need(state, need.id, candidate.offer.currency));
        std::int64_t gap = 0;
        for (const auto& same : in_offer_currency.candidates) {
          if (same.offer.id == candidate.offer.id) gap = same.need_gap_minor;
        }
        const std::int64_t amount = std::min(gap * 4 / 10, candidate.offer_capacity_minor / 3);
        if (amount <= 0) continue;
        const Money money{amount, candidate.offer.currency};
        auto match = services_.matches.propose(state, need.id, candidate.offer.id,
                                               money.to_decimal(reference_));
        if (!match.ok()) continue;  // the offer may have run out meanwhile
        ++proposed_here;
        ++index;
        const auto donor = acting_for(candidate.offer.donor.ref);
        if (index % 5 == 0) {
          ++summary_.matches_waiting;
        } else if (index == 7) {
          CONCORD_TRY(services_.matches.decide(donor, match->id,
                                               assistance::MatchDecision::declined,
                                               "Our envelope for this theme is committed."));
          ++summary_.matches_declined;
        } else {
          CONCORD_ASSIGN_OR_RETURN(
              auto partnership,
              services_.matches.decide(donor, match->id, assistance::MatchDecision::accepted,
                                       "Agreed in the donor coordination "
                                       "meeting."));
          partnerships_.push_back(std::move(partnership));
          ++summary_.partnerships;
        }
      }
    }
    return ok();
  }

  Result<void> record(const Principal& actor, assistance::NewFlow flow) {
    CONCORD_TRY(services_.funding.record(actor, flow));
    ++summary_.flows;
    return ok();
  }

  // For each partnership, each budget year it spans up to this one: a pledge early in the year,
  // a commitment of most of it, two disbursements, and the recipient's expenditure the next
  // spring; then commitments for the next two years, so continuity shows. Some pledges are never
  // committed, as happens.
  Result<void> add_flows() {
    std::uniform_real_distribution<double> share(0.8, 1.0);
    std::bernoulli_distribution left_as_pledge(0.15);
    for (const auto& partnership : partnerships_) {
      const auto donor = acting_for(partnership.donor.ref);
      const auto recipient = acting_for(partnership.state);
      const double total = static_cast<double>(partnership.amount_minor);
      const int years = 5;
      for (int year = first_year_; year <= this_year_ + 2; ++year) {
        const std::int64_t yearly = static_cast<std::int64_t>(total / years * share(random_));
        assistance::NewFlow flow;
        flow.recipient_state = partnership.state;
        flow.currency = partnership.currency;
        flow.need_id = partnership.need_id;
        flow.match_id = partnership.id;
        flow.budget_year = year;
        const auto amount_text = [&](std::int64_t minor) {
          return Money{minor, partnership.currency}.to_decimal(reference_);
        };
        if (year > this_year_) {
          flow.kind = "commitment";
          flow.amount = amount_text(yearly);
          flow.value_date = options_.today;
          flow.description = "Multi-year commitment for " + std::to_string(year);
          CONCORD_TRY(record(donor, flow));
          continue;
        }
        flow.kind = "pledge";
        flow.amount = amount_text(yearly);
        flow.value_date = date_of(year, 1, 20);
        flow.description = "Pledge at the annual coordination meeting";
        CONCORD_TRY(record(donor, flow));
        if (left_as_pledge(random_)) continue;
        const std::int64_t committed = yearly * 9 / 10;
        flow.kind = "commitment";
        flow.amount = amount_text(committed);
        flow.value_date = date_of(year, 3, 15);
        flow.description = "Grant agreement signed";
        CONCORD_TRY(record(donor, flow));
        const bool year_over = year < this_year_;
        const std::int64_t first_tranche = committed / 2;
        flow.kind = "disbursement";
        flow.amount = amount_text(first_tranche);
        flow.value_date = date_of(year, 6, 30);
        flow.description = "First tranche";
        if (flow.value_date > options_.today) continue;
        CONCORD_TRY(record(donor, flow));
        if (!year_over) continue;
        const std::int64_t second_tranche = committed - first_tranche;
        flow.amount = amount_text(second_tranche);
        flow.value_date = date_of(year, 11, 30);
        flow.description = "Second tranche";
        CONCORD_TRY(record(donor, flow));
        flow.kind = "expenditure";
        flow.donor = "state:" + partnership.donor.ref;
        flow.amount = amount_text(committed * 95 / 100);
        flow.value_date = date_of(year + 1, 3, 31);
        flow.description = "Spent by the national authority, audited";
        if (flow.value_date <= options_.today) CONCORD_TRY(record(recipient, flow));
        flow.donor.reset();
      }
    }
    return ok();
  }

  const DemoAssistanceServices& services_;
  const ReferenceData& reference_;
  const DemoAssistanceOptions& options_;
  const std::function<void(const std::string&)>& progress_;
  std::mt19937_64 random_;
  const int this_year_;
  const int first_year_;
  DemoAssistanceSummary summary_;
  std::vector<AddedNeed> needs_;
  std::vector<assistance::Match> partnerships_;
};

}  // namespace

Result<DemoAssistanceSummary> fill_demo_assistance(
    const DemoAssistanceServices& services, const ReferenceData& reference,
    const DemoAssistanceOptions& options, const std::function<void(const std::string&)>& progress) {
  DemoFiller filler(services, reference, options, progress);
  return filler.fill();
}

}  // namespace concord::demo
