#include "demo/demo_data.h"

#include <algorithm>
#include <random>
#include <vector>

namespace concord::demo {
namespace {

// The international bodies of the domain, described generically: a demo must not pretend to
// speak for real organisations.
struct Template {
  const char* name;
  const char* acronym;
  const char* kind;
  const char* headquarters;
};

constexpr Template kInternationalBodies[] = {
    {"United Nations Office for Disarmament Coordination", "UNODC-D", "united_nations", "US"},
    {"United Nations Mine Action Coordination Service", "UNMACS", "united_nations", "US"},
    {"International Criminal Police Cooperation Bureau", "ICPCB", "law_enforcement", "FR"},
    {"Regional Centre on Small Arms for the Great Lakes", "RECSA-GL", "regional", "KE"},
    {"South-East European Clearinghouse for SALW Control", "SEECSALW", "regional", "RS"},
    {"Regional Arms Control Verification Centre", "RACVC", "regional", "HR"},
    {"Geneva Centre for Humanitarian Demining Practice", "GCHDP", "intergovernmental", "CH"},
    {"Small Arms Research Institute", "SARI", "academic", "CH"},
    {"International Campaign to Ban Landmines and Cluster Munitions", "ICBL-CM", "non_governmental",
     "CH"},
    {"Organisation for Security Cooperation Arms Control Unit", "OSCACU", "intergovernmental",
     "AT"},
    {"Humanitarian Demining Group", "HDG", "non_governmental", "GB"},
    {"Mines Advisory Network", "MAN", "non_governmental", "GB"},
    {"Norwegian Humanitarian Clearance Aid", "NHCA", "non_governmental", "NO"},
    {"Danish Demining and Victim Assistance", "DDVA", "non_governmental", "DK"},
    {"Firearms Marking Equipment Consortium", "FMEC", "industry", "BE"},
};

// States that commonly fund or host mine action, by ISO code; the generator draws from them.
constexpr const char* kDonorStates[] = {"AU", "AT", "BE", "CA", "CH", "DE", "DK", "ES", "FI", "FR",
                                        "GB", "IE", "IT", "JP", "KR", "LU", "NL", "NO", "NZ", "SE",
                                        "US", "BR", "ZA", "QA", "AE", "TR", "PL", "CZ"};
constexpr const char* kAffectedStates[] = {
    "AF", "AO", "BA", "KH", "CO", "HR", "CD", "ER", "ET", "IQ", "LA", "LB", "LY", "ML",
    "MZ", "MM", "NG", "PK", "PS", "SN", "SO", "SS", "SD", "SY", "TJ", "TH", "UA", "VN",
    "YE", "ZW", "CF", "TD", "CM", "BF", "NE", "GW", "AZ", "AM", "GE", "LK"};

struct DemoUser {
  const char* username;
  const char* state;         // or null for an organisation member
  const char* organisation;  // the organisation's name, when state is null
  std::vector<std::string> roles;
};

const std::vector<DemoUser>& demo_users() {
  static const std::vector<DemoUser> users = {
      {"demo.operator", "CH", nullptr, {"operator"}},
      {"fr.contact", "FR", nullptr, {"national_contact"}},
      {"fr.officer", "FR", nullptr, {"tracing_officer"}},
      {"de.contact", "DE", nullptr, {"national_contact"}},
      {"ke.assistance", "KE", nullptr, {"assistance_officer"}},
      {"no.donor", "NO", nullptr, {"assistance_officer"}},
      {"jp.donor", "JP", nullptr, {"assistance_officer"}},
      {"la.contact", "LA", nullptr, {"national_contact"}},
      {"ng.analyst", "NG", nullptr, {"analyst"}},
      {"ngo.observer", nullptr, "Humanitarian Demining Group", {"civil_society"}},
  };
  return users;
}

// 20 characters from a seeded generator: strong, and the same on every run with the same seed.
std::string demo_password(std::mt19937_64& random) {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::uniform_int_distribution<size_t> pick(0, sizeof kAlphabet - 2);
  std::string password;
  for (int i = 0; i < 20; ++i) {
    if (i > 0 && i % 5 == 0) password += '-';
    password += kAlphabet[pick(random)];
  }
  return password;
}

Result<std::string> organisation_id_by_name(directory::DirectoryService& directory,
                                            const std::string& name) {
  std::optional<std::string> after;
  do {
    CONCORD_ASSIGN_OR_RETURN(auto page, directory.list_organisations(1000, after));
    for (const auto& organisation : page.organisations) {
      if (organisation.name == name) return organisation.id;
    }
    after = page.next_after;
  } while (after);
  return Error::not_found("organisation", "no demo organisation named " + name);
}

Result<void> add_demo_users(directory::DirectoryService& directory,
                            access::IdentityService& identity, std::uint64_t seed,
                            DemoSummary& summary) {
  const auto demo_actor = access::Principal::system("demo");
  std::mt19937_64 random(seed ^ 0x5eed0f0d3e30ULL);
  for (const auto& user : demo_users()) {
    access::NewUser input;
    input.username = user.username;
    input.display_name = std::string("Demo ") + user.username;
    input.roles = user.roles;
    input.password = demo_password(random);
    std::string home;
    if (user.state) {
      input.state = user.state;
      home = user.state;
    } else {
      CONCORD_ASSIGN_OR_RETURN(input.organisation_id,
                               organisation_id_by_name(directory, user.organisation));
      home = user.organisation;
    }
    auto created = identity.create_user(demo_actor, input);
    if (created.ok()) {
      ++summary.users_created;
    } else if (created.error().code != ErrorCode::already_exists) {
      return std::move(created).error();
    }
    std::string roles;
    for (const auto& role : user.roles)
      roles += (roles.empty() ? "" : ", ") + role;
    summary.sign_ins.push_back({input.username, input.password, home, roles});
  }
  return ok();
}

}  // namespace

Result<DemoSummary> fill_demo_data(directory::DirectoryService& directory,
                                   access::IdentityService& identity,
                                   const ReferenceData& reference, const DemoOptions& options,
                                   const std::function<void(const std::string&)>& progress) {
  DemoSummary summary;
  const auto demo_actor = access::Principal::system("demo");
  std::mt19937_64 random(options.seed);
  std::vector<directory::NewOrganisation> planned;

  for (const auto& body : kInternationalBodies) {
    planned.push_back({body.name, std::string(body.acronym), body.kind,
                       std::string(body.headquarters), std::nullopt});
  }
  std::vector<std::string> donors(std::begin(kDonorStates), std::end(kDonorStates));
  std::shuffle(donors.begin(), donors.end(), random);
  donors.resize(std::min<size_t>(donors.size(), static_cast<size_t>(options.donor_agencies)));
  for (const auto& code : donors) {
    const Country* country = reference.country(code);
    if (!country) continue;
    planned.push_back({"Development Cooperation Agency of " + country->name,
                       country->alpha3 + "-DCA", "donor_agency", code, std::nullopt});
  }
  std::vector<std::string> affected(std::begin(kAffectedStates), std::end(kAffectedStates));
  std::shuffle(affected.begin(), affected.end(), random);
  affected.resize(
      std::min<size_t>(affected.size(), static_cast<size_t>(options.mine_action_centres)));
  for (const auto& code : affected) {
    const Country* country = reference.country(code);
    if (!country) continue;
    planned.push_back({"National Mine Action Authority of " + country->name,
                       country->alpha3 + "-NMAA", "intergovernmental", code, std::nullopt});
  }

  if (progress) progress("directory: " + std::to_string(planned.size()) + " organisations");
  for (const auto& organisation : planned) {
    auto created = directory.create_organisation(demo_actor, organisation);
    if (created.ok()) {
      ++summary.organisations_created;
    } else if (created.error().code == ErrorCode::already_exists) {
      ++summary.organisations_existing;
    } else {
      return std::move(created).error();
    }
  }
  if (progress) progress("access: " + std::to_string(demo_users().size()) + " demo users");
  CONCORD_TRY(add_demo_users(directory, identity, options.seed, summary));
  return summary;
}

}  // namespace concord::demo
