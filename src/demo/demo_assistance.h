// Demo assistance data: national plans of several affected states (obligations, needs costed by
// year, progress reports), offers from several donors, regions, an exchange-rate table, matches
// proposed from the scores (most accepted by both sides and so partnerships, some waiting for the
// donor, one declined), and five years of funding flows (pledges, commitments, disbursements,
// the recipients' expenditures, and commitments for the coming years). Deterministic from the
// seed and written through the assistance services, with their audit entries and notifications.
// A database that already has plans gets nothing more.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "assistance/funding_service.h"
#include "assistance/match_service.h"
#include "assistance/offer_service.h"
#include "assistance/plan_service.h"
#include "core/clock.h"
#include "core/reference_data.h"
#include "core/result.h"

namespace concord::demo {

struct DemoAssistanceOptions {
  std::uint64_t seed = 2026;
  // Flows cover the five budget years up to `today`'s (YYYY-MM-DD), and commitments the next two.
  std::string today;
};

struct DemoAssistanceSummary {
  bool already_there = false;
  int rates = 0;
  int regions = 0;
  int plans = 0;
  int obligations = 0;
  int needs = 0;
  int progress_reports = 0;
  int offers = 0;
  int partnerships = 0;
  int matches_waiting = 0;  // accepted by the state, waiting for the donor
  int matches_declined = 0;
  int flows = 0;
};

struct DemoAssistanceServices {
  assistance::PlanService& plans;
  assistance::OfferService& offers;
  assistance::MatchService& matches;
  assistance::FundingService& funding;
};

Result<DemoAssistanceSummary> fill_demo_assistance(
    const DemoAssistanceServices& services, const ReferenceData& reference,
    const DemoAssistanceOptions& options,
    const std::function<void(const std::string&)>& progress = {});

}  // namespace concord::demo
