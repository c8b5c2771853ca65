#include <gtest/gtest.h>

#include "access/policy.h"

namespace concord::access {
namespace {

Principal user(std::optional<std::string> state, Roles roles, bool second_factor = true) {
  Principal principal;
  principal.user_id = "U1";
  principal.username = "someone";
  principal.state = std::move(state);
  principal.roles = std::move(roles);
  principal.credential = Credential::session;
  principal.second_factor = second_factor;
  return principal;
}

ErrorCode refusal(const Result<void>& result) {
  return result.ok() ? ErrorCode::internal : result.error().code;
}

const RecordAccess kFrenchPrivate{"FR", Sharing::private_, {}};
const RecordAccess kFrenchSharedWithGermany{"FR", Sharing::named_states, {"DE"}};
const RecordAccess kFrenchLawEnforcement{"FR", Sharing::law_enforcement, {}};
const RecordAccess kFrenchPublic{"FR", Sharing::public_, {}};

TEST(AccessPolicy, PublicActionsAreOpenToEveryone) {
  EXPECT_TRUE(authorize(Principal::anonymous(), "states.read").ok());
  EXPECT_TRUE(authorize(user("FR", {Role::civil_society}), "organisations.read").ok());
  EXPECT_TRUE(authorize(Principal::anonymous(), "states.read", &kFrenchPublic).ok());
}

TEST(AccessPolicy, AnonymousCallersMustSignIn) {
  EXPECT_EQ(refusal(authorize(Principal::anonymous(), "users.read")), ErrorCode::unauthenticated);
  EXPECT_EQ(refusal(authorize(Principal::anonymous(), "session.read")), ErrorCode::unauthenticated);
  EXPECT_EQ(refusal(authorize(Principal::anonymous(), "states.read", &kFrenchPrivate)),
            ErrorCode::unauthenticated);
}

TEST(AccessPolicy, UnknownActionsFailClosed) {
  EXPECT_EQ(refusal(authorize(user("FR", {Role::operator_}), "users.delete")),
            ErrorCode::permission_denied);
  EXPECT_TRUE(find_action("users.read") != nullptr);
  EXPECT_TRUE(find_action("users.delete") == nullptr);
}

TEST(AccessPolicy, RolesGateActions) {
  EXPECT_TRUE(authorize(user("CH", {Role::operator_}), "users.create").ok());
  EXPECT_EQ(refusal(authorize(user("FR", {Role::national_contact}), "users.create")),
            ErrorCode::permission_denied);
  EXPECT_EQ(refusal(authorize(user("FR", {Role::civil_society}), "audit.read")),
            ErrorCode::permission_denied);
}

TEST(AccessPolicy, ConfidentialRolesNeedASecondFactor) {
  const auto without = user("FR", {Role::national_contact}, /*second_factor=*/false);
  EXPECT_EQ(refusal(authorize(without, "audit.read")), ErrorCode::permission_denied);
  // Before enrolling they may still see who they are, enrol, sign out and read public data.
  EXPECT_TRUE(authorize(without, "session.read").ok());
  EXPECT_TRUE(authorize(without, "session.totp_enrol").ok());
  EXPECT_TRUE(authorize(without, "states.read").ok());
  // Civil society reads no confidential records and needs none.
  EXPECT_TRUE(authorize(user("FR", {Role::civil_society}, false), "session.read").ok());
}

TEST(AccessPolicy, TheOwningStateActsOnItsRecords) {
  const auto french = user("FR", {Role::national_contact});
  EXPECT_TRUE(authorize(french, "audit.read", &kFrenchPrivate).ok());
  const auto german = user("DE", {Role::national_contact});
  EXPECT_EQ(refusal(authorize(german, "audit.read", &kFrenchPrivate)),
            ErrorCode::permission_denied);
}

TEST(AccessPolicy, SharingRulesOpenReadsButNeverWrites) {
  const auto german = user("DE", {Role::national_contact});
  const auto italian = user("IT", {Role::national_contact});
  EXPECT_TRUE(authorize(german, "audit.read", &kFrenchSharedWithGermany).ok());
  EXPECT_FALSE(authorize(italian, "audit.read", &kFrenchSharedWithGermany).ok());
  EXPECT_TRUE(authorize(italian, "audit.read", &kFrenchLawEnforcement).ok());
  // A write by another state is refused whatever the sharing.
  const auto german_operator = user("DE", {Role::operator_});
  EXPECT_FALSE(authorize(german_operator, "users.create", &kFrenchPublic).ok());
  EXPECT_TRUE(authorize(user("FR", {Role::operator_}), "users.create", &kFrenchPublic).ok());
}

TEST(AccessPolicy, LawEnforcementSharingExcludesOtherRoles) {
  const auto observer = user("DE", {Role::civil_society});
  EXPECT_FALSE(authorize(observer, "organisations.read", &kFrenchLawEnforcement).ok());
  EXPECT_TRUE(authorize(observer, "organisations.read", &kFrenchPublic).ok());
}

TEST(AccessPolicy, OperatorsGetNoSpecialAccessToRecords) {
  EXPECT_FALSE(authorize(user("CH", {Role::operator_}), "audit.read", &kFrenchPrivate).ok());
}

TEST(AccessPolicy, ApiTokensAreLimitedToTheirScopes) {
  auto token = user("CH", {Role::operator_});
  token.credential = Credential::api_token;
  token.token_scopes = {"users.read", "audit.*"};
  EXPECT_TRUE(authorize(token, "users.read").ok());
  EXPECT_TRUE(authorize(token, "audit.verify").ok());
  EXPECT_EQ(refusal(authorize(token, "users.create")), ErrorCode::permission_denied);
  EXPECT_TRUE(authorize(token, "states.read").ok());  // public needs no scope
}

TEST(AccessPolicy, TheSystemPrincipalIsAllowed) {
  EXPECT_TRUE(authorize(Principal::system("cli"), "users.create").ok());
}

TEST(AccessPolicy, SharingNamesRoundTrip) {
  for (auto sharing :
       {Sharing::private_, Sharing::named_states, Sharing::law_enforcement, Sharing::public_}) {
    EXPECT_EQ(sharing_from_string(to_string(sharing)), sharing);
  }
  EXPECT_FALSE(sharing_from_string("secret").has_value());
}

}  // namespace
}  // namespace concord::access
