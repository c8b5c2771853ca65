// The routes of donors' offers, under /api/v1/assistance/offers. The rules (the caller's donor,
// validation, telling the states whose needs fit) live in assistance::OfferService; this file
// only decodes and encodes.
#include "api/api.h"
#include "api/assistance_body.h"
#include "api/gate.h"
#include "api/json_encoding.h"
#include "assistance/plan_json.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace concord::api {
namespace {

using assistance::OfferService;

Result<assistance::OfferInput> decode_offer(const std::string& body) {
  CONCORD_ASSIGN_OR_RETURN(auto object, http::parse_json_object(body));
  http::ObjectReader reader(object);
  assistance::OfferInput input;
  // Lengths here only bound the work; the service applies the domain's limits.
  CONCORD_ASSIGN_OR_RETURN(auto kind, reader.optional_string("kind", 0, 100));
  input.kind = kind.value_or("funding");
  CONCORD_ASSIGN_OR_RETURN(input.title, reader.required_string("title", 0, 10000));
  CONCORD_ASSIGN_OR_RETURN(auto themes, reader.optional_strings("themes"));
  input.themes = themes.value_or(std::vector<std::string>{});
  CONCORD_ASSIGN_OR_RETURN(auto countries, reader.optional_strings("eligible_countries"));
  input.eligible_countries = countries.value_or(std::vector<std::string>{});
  CONCORD_ASSIGN_OR_RETURN(auto regions, reader.optional_strings("eligible_regions"));
  input.eligible_regions = regions.value_or(std::vector<std::string>{});
  CONCORD_ASSIGN_OR_RETURN(auto priorities, reader.optional_strings("priority_countries"));
  input.priority_countries = priorities.value_or(std::vector<std::string>{});
  CONCORD_ASSIGN_OR_RETURN(input.amount, required_decimal(reader, "amount"));
  CONCORD_ASSIGN_OR_RETURN(input.currency, reader.required_string("currency", 0, 100));
  CONCORD_ASSIGN_OR_RETURN(auto first_year, reader.required_integer("first_year", 0, 9999));
  CONCORD_ASSIGN_OR_RETURN(auto last_year, reader.required_integer("last_year", 0, 9999));
  input.first_year = static_cast<int>(first_year);
  input.last_year = static_cast<int>(last_year);
  CONCORD_ASSIGN_OR_RETURN(auto modality, reader.optional_string("modality", 0, 100));
  input.modality = modality.value_or("grant");
  CONCORD_ASSIGN_OR_RETURN(auto conditions, reader.optional_string("conditions", 0, 100000));
  input.conditions = conditions.value_or("");
  CONCORD_TRY(reader.finish());
  return input;
}

Result<assistance::OfferQuery> decode_list(const http::Request& request) {
  for (const auto& [name, value] : request.query) {
    if (name != "donor" && name != "theme" && name != "open") {
      return Error::invalid(name, "unknown parameter \"" + name + "\"");
    }
  }
  assistance::OfferQuery query;
  query.donor = query_parameter(request, "donor");
  query.theme = query_parameter(request, "theme");
  if (auto open = query_parameter(request, "open")) {
    if (*open != "true" && *open != "false") {
      return Error::invalid("open", "open must be true or false");
    }
    query.open_only = *open == "true";
  }
  return query;
}

http::Response unavailable() {
  return http::error_response(Error::unavailable("offers are not served by this node"));
}

}  // namespace

void add_offer_routes(http::Router& router, const Services& services) {
  OfferService* offers = services.offers;
  using access::Principal;
  const std::string base = "/api/v1/assistance/offers";
  auto encode = [offers](const assistance::Offer& offer) {
    return assistance::offer_json(offer, offers->reference());
  };

  add_route(router, services, "GET", base, "assistance.read",
            [offers](http::Request& request, const Principal& caller) {
              if (offers == nullptr) return unavailable();
              auto query = decode_list(request);
              if (!query.ok()) return http::error_response(query.error());
              return http::respond(
                  offers->list(caller, *query), 200,
                  [offers](const std::vector<assistance::Offer>& list) {
                    json out = json::array();
                    for (const auto& offer : list) {
                      out.push_back(assistance::offer_json(offer, offers->reference()));
                    }
                    return json{{"offers", out}};
                  });
            });

  add_route(router, services, "POST", base, "offers.publish",
            [offers, base](http::Request& request, const Principal& caller) {
              if (offers == nullptr) return unavailable();
              auto input = decode_offer(request.body);
              if (!input.ok()) return http::error_response(input.error());
              auto published = offers->publish(caller, *input);
              auto response =
                  http::respond(published, 201, [offers](const assistance::PublishedOffer& result) {
                    json out = assistance::offer_json(result.offer, offers->reference());
                    out["notified_states"] = result.notified_states;
                    return out;
                  });
              if (published.ok()) {
                response.headers.emplace_back("Location", base + "/" + published->offer.id);
              }
              return response;
            });

  add_route(router, services, "GET", base + "/{id}", "assistance.read",
            [offers, encode](http::Request& request, const Principal& caller) {
              if (offers == nullptr) return unavailable();
              return http::respond(offers->get(caller, request.path_params.at("id")), 200, encode);
            });

  add_route(router, services, "PUT", base + "/{id}", "offers.publish",
            [offers, encode](http::Request& request, const Principal& caller) {
              if (offers == nullptr) return unavailable();
              auto input = decode_offer(request.body);
              if (!input.ok()) return http::error_response(input.error());
              return http::respond(offers->update(caller, request.path_params.at("id"), *input),
                                   200, encode);
            });

  add_route(router, services, "POST", base + "/{id}/withdraw", "offers.publish",
            [offers, encode](http::Request& request, const Principal& caller) {
              if (offers == nullptr) return unavailable();
              return http::respond(offers->withdraw(caller, request.path_params.at("id")), 200,
                                   encode);
            });
}

}  // namespace concord::api
