// The routes of match candidates, allocation advice, matches and partnerships, under
// /api/v1/assistance/. The rules live in assistance::MatchService; this file only decodes and
// encodes (assistance/match_json.h).
#include <set>

#include "api/api.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "assistance/match_json.h"
#include "assistance/match_service.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

using assistance::MatchService;

constexpr std::string_view kDefaultCurrency = "USD";

Result<void> only_parameters(const http::Request& request, const std::set<std::string>& known) {
  for (const auto& [name, value] : request.query) {
    if (!known.contains(name)) return Error::invalid(name, "unknown parameter \"" + name + "\"");
  }
  return {};
}

std::string currency_parameter(const http::Request& request) {
  return query_parameter(request, "currency").value_or(std::string(kDefaultCurrency));
}

Result<std::optional<assistance::Donor>> donor_parameter(const http::Request& request) {
  const auto text = query_parameter(request, "donor");
  if (!text) return std::optional<assistance::Donor>();
  CONCORD_ASSIGN_OR_RETURN(auto donor, assistance::parse_donor_key(*text, "donor"));
  return std::optional<assistance::Donor>(donor);
}

// Partnerships are matches of one status, so their route takes no ?status=.
Result<assistance::MatchFilter> decode_filter(const http::Request& request, bool with_status) {
  std::set<std::string> known = {"state", "donor", "need_id", "offer_id"};
  if (with_status) known.insert("status");
  CONCORD_TRY(only_parameters(request, known));
  assistance::MatchFilter filter;
  filter.state = query_parameter(request, "state");
  CONCORD_ASSIGN_OR_RETURN(filter.donor, donor_parameter(request));
  filter.need_id = query_parameter(request, "need_id");
  filter.offer_id = query_parameter(request, "offer_id");
  if (const auto status = query_parameter(request, "status")) {
    filter.status = assistance::match_status_from_string(*status);
    if (!filter.status) {
      return Error::invalid("status", "status must be one of " + assistance::match_statuses_list());
    }
  }
  return filter;
}

Result<assistance::AllocationFilter> decode_allocation(const http::Request& request) {
  CONCORD_TRY(only_parameters(request, {"currency", "state", "theme", "donor"}));
  assistance::AllocationFilter filter;
  filter.state = query_parameter(request, "state");
  if (const auto theme = query_parameter(request, "theme")) {
    filter.theme = assistance::theme_from_string(*theme);
    if (!filter.theme) {
      return Error::invalid("theme", "theme must be one of " + assistance::themes_list());
    }
  }
  CONCORD_ASSIGN_OR_RETURN(filter.donor, donor_parameter(request));
  return filter;
}

struct Proposal {
  std::string need_id;
  std::string offer_id;
  std::string amount;
};

Result<Proposal> decode_proposal(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  Proposal proposal;
  CONCORD_ASSIGN_OR_RETURN(proposal.need_id, reader.required_string("need_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(proposal.offer_id, reader.required_string("offer_id", 1, 100));
  CONCORD_ASSIGN_OR_RETURN(auto amount, reader.optional_string("amount", 1, 40));
  proposal.amount = amount.value_or("");
  CONCORD_TRY(reader.finish());
  return proposal;
}

struct Decision {
  assistance::MatchDecision decision = assistance::MatchDecision::pending;
  std::string note;
};

Result<Decision> decode_decision(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  Decision decision;
  CONCORD_ASSIGN_OR_RETURN(auto text, reader.required_string("decision", 1, 20));
  const auto parsed = assistance::match_decision_from_string(text);
  if (!parsed || *parsed == assistance::MatchDecision::pending) {
    return Error::invalid("decision", "decision must be accepted or declined");
  }
  decision.decision = *parsed;
  CONCORD_ASSIGN_OR_RETURN(auto note, reader.optional_string("note", 0, 2000));
  decision.note = note.value_or("");
  CONCORD_TRY(reader.finish());
  return decision;
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("matching is not served by this node"));
}

json matches_json(const std::vector<assistance::Match>& matches, const ReferenceData& reference) {
  json list = json::array();
  for (const auto& match : matches)
    list.push_back(assistance::match_json(match, reference));
  return json{{"matches", list}};
}

}  // namespace

void add_match_routes(http::Router& router, const Services& services) {
  MatchService* matches = services.matches;
  using access::Principal;
  const std::string base = "/api/v1/assistance";

  add_route(router, services, "GET", base + "/needs/{id}/candidates", "matches.read",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              if (auto known = only_parameters(request, {"currency"}); !known.ok())
                return http::error_response(known.error());
              auto currency = currency_parameter(request);
              return http::respond(
                  matches->candidates_for_need(caller, request.path_params.at("id"), currency), 200,
                  [matches](const assistance::CandidateList& list) {
                    return assistance::candidate_list_json(list, matches->reference());
                  });
            });

  add_route(router, services, "GET", base + "/offers/{id}/candidates", "matches.read",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              if (auto known = only_parameters(request, {"currency"}); !known.ok())
                return http::error_response(known.error());
              auto currency = currency_parameter(request);
              return http::respond(
                  matches->candidates_for_offer(caller, request.path_params.at("id"), currency),
                  200, [matches](const assistance::CandidateList& list) {
                    return assistance::candidate_list_json(list, matches->reference());
                  });
            });

  add_route(router, services, "GET", base + "/allocation", "matches.read",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              auto filter = decode_allocation(request);
              if (!filter.ok()) return http::error_response(filter.error());
              auto currency = currency_parameter(request);
              return http::respond(matches->allocation(caller, currency, *filter), 200,
                                   [matches](const assistance::AllocationAdvice& advice) {
                                     return assistance::allocation_advice_json(
                                         advice, matches->reference());
                                   });
            });

  add_route(router, services, "GET", base + "/matches", "matches.read",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              auto filter = decode_filter(request, true);
              if (!filter.ok()) return http::error_response(filter.error());
              return http::respond(matches->list(caller, *filter), 200,
                                   [matches](const std::vector<assistance::Match>& list) {
                                     return matches_json(list, matches->reference());
                                   });
            });

  add_route(router, services, "POST", base + "/matches", "matches.propose",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              auto proposal = decode_proposal(request.body);
              if (!proposal.ok()) return http::error_response(proposal.error());
              return http::respond(
                  matches->propose(caller, proposal->need_id, proposal->offer_id, proposal->amount),
                  201, [matches](const assistance::Match& match) {
                    return assistance::match_json(match, matches->reference());
                  });
            });

  add_route(router, services, "GET", base + "/matches/{id}", "matches.read",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              return http::respond(matches->get(caller, request.path_params.at("id")), 200,
                                   [matches](const assistance::Match& match) {
                                     return assistance::match_json(match, matches->reference());
                                   });
            });

  add_route(router, services, "POST", base + "/matches/{id}/decision", "matches.decide",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              auto decision = decode_decision(request.body);
              if (!decision.ok()) return http::error_response(decision.error());
              return http::respond(matches->decide(caller, request.path_params.at("id"),
                                                   decision->decision, decision->note),
                                   200, [matches](const assistance::Match& match) {
                                     return assistance::match_json(match, matches->reference());
                                   });
            });

  add_route(router, services, "GET", base + "/partnerships", "matches.read",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              auto filter = decode_filter(request, false);
              if (!filter.ok()) return http::error_response(filter.error());
              filter->status = assistance::MatchStatus::partnership;
              return http::respond(matches->list(caller, *filter), 200,
                                   [matches](const std::vector<assistance::Match>& list) {
                                     json out = matches_json(list, matches->reference());
                                     return json{{"partnerships", out["matches"]}};
                                   });
            });

  add_route(router, services, "GET", base + "/plans/{id}/coalition", "matches.read",
            [matches](http::Request& request, const Principal& caller) {
              if (matches == nullptr) return unavailable();
              return http::respond(matches->coalition(caller, request.path_params.at("id")), 200,
                                   [matches](const assistance::Coalition& coalition) {
                                     return assistance::coalition_json(coalition,
                                                                       matches->reference());
                                   });
            });
}

}  // namespace concord::api
