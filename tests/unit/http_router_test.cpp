#include <gtest/gtest.h>

#include <stdexcept>

#include "http/router.h"

namespace concord::http {
namespace {

Handler answer(int status) {
  return [status](Request&) {
    Response response;
    response.status = status;
    return response;
  };
}

Router sample_router() {
  Router router;
  router.add({"GET", "/api/v1/states", "states.read", answer(200)});
  router.add({"GET", "/api/v1/states/{alpha2}", "states.read", answer(201)});
  router.add({"PUT", "/api/v1/states/{alpha2}", "states.write", answer(202)});
  router.add({"GET", "/api/v1/states/new", "states.read", answer(203)});
  router.add({"GET", "/api/v1/states/{alpha2}/contacts/{id}", "contacts.read", answer(204)});
  router.add({"GET", "/", "home.read", answer(205)});
  return router;
}

TEST(HttpRouter, MatchesLiteralPath) {
  const auto router = sample_router();
  const auto match = router.match("GET", "/api/v1/states");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/states");
  EXPECT_TRUE(match.path_params.empty());
}

TEST(HttpRouter, CapturesNamedSegments) {
  const auto router = sample_router();
  const auto match = router.match("GET", "/api/v1/states/FR/contacts/42");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/states/{alpha2}/contacts/{id}");
  EXPECT_EQ(match.path_params.at("alpha2"), "FR");
  EXPECT_EQ(match.path_params.at("id"), "42");
}

TEST(HttpRouter, LiteralBeatsCapture) {
  const auto router = sample_router();
  const auto literal = router.match("GET", "/api/v1/states/new");
  ASSERT_NE(literal.route, nullptr);
  EXPECT_EQ(literal.route->pattern, "/api/v1/states/new");
  const auto captured = router.match("GET", "/api/v1/states/DE");
  ASSERT_NE(captured.route, nullptr);
  EXPECT_EQ(captured.route->pattern, "/api/v1/states/{alpha2}");
}

TEST(HttpRouter, UnknownPathIsNotKnown) {
  const auto router = sample_router();
  const auto match = router.match("GET", "/api/v1/nothing");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
  EXPECT_TRUE(match.allowed_methods.empty());
}

TEST(HttpRouter, WrongMethodListsAllowedMethods) {
  const auto router = sample_router();
  const auto match = router.match("DELETE", "/api/v1/states/FR");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"GET", "PUT"}));
}

TEST(HttpRouter, MethodsAreCaseSensitive) {
  const auto router = sample_router();
  EXPECT_EQ(router.match("get", "/api/v1/states").route, nullptr);
}

TEST(HttpRouter, NoTrailingSlashMagic) {
  const auto router = sample_router();
  EXPECT_EQ(router.match("GET", "/api/v1/states/").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/states//contacts/1").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1").route, nullptr);
  EXPECT_EQ(router.match("GET", "api/v1/states").route, nullptr);
}

TEST(HttpRouter, RootPattern) {
  const auto router = sample_router();
  const auto match = router.match("GET", "/");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/");
}

TEST(HttpRouter, SegmentsMayHoldEncodedSlash) {
  const auto router = sample_router();
  const auto match = router.match_segments("GET", {"api", "v1", "states", "A/B"});
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.path_params.at("alpha2"), "A/B");
}

TEST(HttpRouter, RefusesMalformedPatterns) {
  Router router;
  EXPECT_THROW(router.add({"GET", "states", "x", answer(200)}), std::invalid_argument);
  EXPECT_THROW(router.add({"GET", "/states/{", "x", answer(200)}), std::invalid_argument);
  EXPECT_THROW(router.add({"GET", "/states/{}", "x", answer(200)}), std::invalid_argument);
  EXPECT_THROW(router.add({"GET", "/states/v{n}", "x", answer(200)}), std::invalid_argument);
  EXPECT_THROW(router.add({"GET", "/states/{a}{b}", "x", answer(200)}), std::invalid_argument);
  EXPECT_THROW(router.add({"GET", "/states", "x", nullptr}), std::invalid_argument);
}

TEST(HttpRouter, RefusesDuplicateRoutes) {
  Router router;
  router.add({"GET", "/states/{alpha2}", "x", answer(200)});
  EXPECT_THROW(router.add({"GET", "/states/{code}", "x", answer(200)}), std::invalid_argument);
  EXPECT_NO_THROW(router.add({"POST", "/states/{code}", "x", answer(200)}));
}

}  // namespace
}  // namespace concord::http
