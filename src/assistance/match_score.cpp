#include "assistance/match_score.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>

#include "core/clock.h"

namespace concord::assistance {
namespace {

// "record_keeping" -> "record keeping", and titles lower-cased with '-' and '_' as spaces, so
// "Record-keeping for SALW" names record keeping.
std::string plain_words(std::string_view text) {
  std::string words;
  words.reserve(text.size());
  for (char c : text) {
    if (c == '_' || c == '-') {
      words += ' ';
    } else if (c >= 'A' && c <= 'Z') {
      words += static_cast<char>(c - 'A' + 'a');
    } else {
      words += c;
    }
  }
  return words;
}

std::string year_span(int first, int last) {
  return first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
}

std::string percent(double share) {
  return std::to_string(std::lround(share * 100)) + "%";
}

std::string themes_text(const std::vector<Theme>& themes) {
  std::string text;
  for (Theme theme : themes) {
    if (!text.empty()) text += ", ";
    text += to_string(theme);
  }
  return text;
}

ScoreFactor theme_fit(const NeedProfile& need, const Offer& offer, double weight) {
  const std::string theme(to_string(need.theme));
  if (need.theme != Theme::salw_control || !need.capacity_area) {
    return {"theme_fit", weight, 1.0, "the offer covers " + theme};
  }
  const std::string area = plain_words(to_string(*need.capacity_area));
  if (plain_words(offer.title).find(area) != std::string::npos) {
    return {"theme_fit", weight, 1.0, "the offer covers " + theme + " and its title names " + area};
  }
  return {"theme_fit", weight, 0.5,
          "the offer covers " + theme + " but its title does not name " + area};
}

ScoreFactor amount_overlap(const NeedProfile& need, const OfferProfile& offer, double weight) {
  if (need.gap_minor <= 0) {
    return {
        "amount_overlap", weight, 0.0,
        need.requested_minor > 0 ? "the need is fully funded" : "the need asks nothing of others"};
  }
  const std::int64_t covered = std::clamp<std::int64_t>(offer.amount_minor, 0, need.gap_minor);
  const double value = static_cast<double>(covered) / static_cast<double>(need.gap_minor);
  if (covered == need.gap_minor) {
    return {"amount_overlap", weight, 1.0, "the offer can cover all of the remaining gap"};
  }
  return {"amount_overlap", weight, value,
          "the offer can cover " + percent(value) + " of the remaining gap"};
}

ScoreFactor years_overlap(const NeedProfile& need, const Offer& offer, int covered, double weight) {
  const int total = static_cast<int>(need.years.size());
  const double value = total == 0 ? 0.0 : static_cast<double>(covered) / total;
  return {"years_overlap", weight, value,
          "the offer's years " + year_span(offer.first_year, offer.last_year) + " cover " +
              std::to_string(covered) + " of the need's " + std::to_string(total) +
              (total == 1 ? " year" : " years")};
}

ScoreFactor donor_priority(const NeedProfile& need, const Offer& offer, double weight) {
  const bool priority = std::find(offer.priority_countries.begin(), offer.priority_countries.end(),
                                  need.state) != offer.priority_countries.end();
  return {"donor_priority", weight, priority ? 1.0 : 0.0,
          need.state + (priority ? " is" : " is not") + " among the donor's priority countries"};
}

ScoreFactor diversification(const NeedProfile& need, double weight) {
  const int donors = std::max(need.other_donors, 0);
  const double value = 1.0 / (1.0 + donors);
  if (donors == 0) return {"diversification", weight, value, "the need has no other donor yet"};
  return {"diversification", weight, value,
          "the need already has " + std::to_string(donors) +
              (donors == 1 ? " other donor" : " other donors")};
}

ScoreFactor urgency(const NeedProfile& need, int horizon_days, const std::string& today,
                    double weight) {
  if (need.effective_deadline.empty()) {
    return {"urgency", weight, 0.0, "the need has no deadline"};
  }
  const auto days = days_between(today, need.effective_deadline);
  if (!days) {
    return {"urgency", weight, 0.0,
            "the deadline '" + need.effective_deadline + "' cannot be read"};
  }
  const std::string deadline = "the deadline " + need.effective_deadline;
  if (*days < 0) return {"urgency", weight, 1.0, deadline + " has passed"};
  if (*days == 0) return {"urgency", weight, 1.0, deadline + " is today"};
  const double value = std::max(0.0, 1.0 - static_cast<double>(*days) / horizon_days);
  return {"urgency", weight, value,
          deadline + " is " + std::to_string(*days) + (*days == 1 ? " day" : " days") + " away"};
}

}  // namespace

Result<void> MatchWeights::validate() const {
  const std::pair<const char*, double> weights[] = {{"theme_fit", theme_fit},
                                                    {"amount_overlap", amount_overlap},
                                                    {"years_overlap", years_overlap},
                                                    {"donor_priority", donor_priority},
                                                    {"diversification", diversification},
                                                    {"urgency", urgency}};
  double sum = 0;
  for (const auto& [name, weight] : weights) {
    if (!std::isfinite(weight) || weight < 0) {
      return Error::invalid(
          name, std::string("the weight ") + name + " must be a finite number of at least 0");
    }
    sum += weight;
  }
  if (sum <= 0) return Error::invalid("weights", "at least one weight must be above 0");
  if (urgency_horizon_days <= 0) {
    return Error::invalid("urgency_horizon_days", "the urgency horizon must be at least one day");
  }
  return {};
}

std::optional<int> days_between(const std::string& from, const std::string& to) {
  if (from.size() != 10 || to.size() != 10) return std::nullopt;
  const auto start = parse_iso8601(from);
  const auto end = parse_iso8601(to);
  if (!start || !end) return std::nullopt;
  return static_cast<int>(
      (std::chrono::floor<std::chrono::days>(*end) - std::chrono::floor<std::chrono::days>(*start))
          .count());
}

MatchScore score_match(const NeedProfile& need, const OfferProfile& profile,
                       const MatchWeights& weights, const std::string& today) {
  assert(profile.offer != nullptr);
  const Offer& offer = *profile.offer;
  MatchScore result;

  if (std::find(offer.themes.begin(), offer.themes.end(), need.theme) == offer.themes.end()) {
    result.exclusions.push_back("the offer does not cover " + std::string(to_string(need.theme)) +
                                " (it covers " + themes_text(offer.themes) + ")");
  }
  if (!profile.eligible) {
    result.exclusions.push_back(need.state + " is not eligible for the offer");
  }
  if (offer.status != OfferStatus::open) {
    result.exclusions.push_back("the offer is " + std::string(to_string(offer.status)));
  }
  const int covered_years =
      static_cast<int>(std::count_if(need.years.begin(), need.years.end(), [&](int year) {
        return year >= offer.first_year && year <= offer.last_year;
      }));
  if (covered_years == 0) {
    result.exclusions.push_back("the offer's years " +
                                year_span(offer.first_year, offer.last_year) +
                                " miss every year of the need");
  }
  if (!result.candidate()) return result;

  result.factors = {
      theme_fit(need, offer, weights.theme_fit),
      amount_overlap(need, profile, weights.amount_overlap),
      years_overlap(need, offer, covered_years, weights.years_overlap),
      donor_priority(need, offer, weights.donor_priority),
      diversification(need, weights.diversification),
      urgency(need, weights.urgency_horizon_days, today, weights.urgency),
  };
  double weighted = 0;
  double total_weight = 0;
  for (const ScoreFactor& factor : result.factors) {
    weighted += factor.weight * factor.value;
    total_weight += factor.weight;
  }
  result.score = total_weight > 0 ? 100.0 * weighted / total_weight : 0.0;
  return result;
}

}  // namespace concord::assistance
