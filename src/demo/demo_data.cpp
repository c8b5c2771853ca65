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

}  // namespace

Result<DemoSummary> fill_demo_data(directory::DirectoryService& directory,
                                   const ReferenceData& reference, const DemoOptions& options,
                                   const std::function<void(const std::string&)>& progress) {
  DemoSummary summary;
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
    auto created = directory.create_organisation(organisation);
    if (created.ok()) {
      ++summary.organisations_created;
    } else if (created.error().code == ErrorCode::already_exists) {
      ++summary.organisations_existing;
    } else {
      return std::move(created).error();
    }
  }
  return summary;
}

}  // namespace concord::demo
