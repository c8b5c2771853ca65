#include "assistance/iati_export.h"

#include <libxml/xmlwriter.h>

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

#include "assistance/iati_codes.h"
#include "core/money.h"

namespace concord::assistance {
namespace {

// libxml2 takes UTF-8 as unsigned char; BAD_CAST is an old-style cast.
const xmlChar* as_xml(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}

// xmlTextWriter with its calls' failures collected instead of checked one by one: the document is
// abandoned at the end when any call failed.
class XmlOut {
 public:
  XmlOut() : buffer_(xmlBufferCreate()) {
    if (buffer_ != nullptr) writer_ = xmlNewTextWriterMemory(buffer_, 0);
    if (writer_ == nullptr) {
      failed_ = true;
      return;
    }
    check(xmlTextWriterSetIndent(writer_, 1));
    check(xmlTextWriterSetIndentString(writer_, as_xml(" ")));
    check(xmlTextWriterStartDocument(writer_, "1.0", "UTF-8", nullptr));
  }
  ~XmlOut() {
    if (writer_ != nullptr) xmlFreeTextWriter(writer_);
    if (buffer_ != nullptr) xmlBufferFree(buffer_);
  }
  XmlOut(const XmlOut&) = delete;
  XmlOut& operator=(const XmlOut&) = delete;

  void start(const char* name) {
    if (!failed_) check(xmlTextWriterStartElement(writer_, as_xml(name)));
  }
  void end() {
    if (!failed_) check(xmlTextWriterEndElement(writer_));
  }
  void attribute(const char* name, const std::string& value) {
    if (!failed_) check(xmlTextWriterWriteAttribute(writer_, as_xml(name), as_xml(value.c_str())));
  }
  void text(const std::string& value) {
    if (!failed_) check(xmlTextWriterWriteString(writer_, as_xml(value.c_str())));
  }
  // <name><narrative>text</narrative></name> with the attributes given first.
  void narrative(const std::string& value) {
    start("narrative");
    text(value);
    end();
  }

  Result<std::string> finish() {
    if (!failed_) check(xmlTextWriterEndDocument(writer_));
    if (!failed_) check(xmlTextWriterFlush(writer_));
    if (failed_) return Error::internal("libxml2 could not write the IATI document");
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                       static_cast<std::size_t>(xmlBufferLength(buffer_)));
  }

 private:
  void check(int status) {
    if (status < 0) failed_ = true;
  }

  xmlBufferPtr buffer_ = nullptr;
  xmlTextWriterPtr writer_ = nullptr;
  bool failed_ = false;
};

// Earliest first; within a date, in the order a flow's life runs; then by id for a stable file.
bool flow_order(const FundingFlow* a, const FundingFlow* b) {
  return std::tie(a->value_date, a->kind, a->flow_id) <
         std::tie(b->value_date, b->kind, b->flow_id);
}

class ActivityWriter {
 public:
  ActivityWriter(XmlOut& out, const IatiExportInput& input, const ReferenceData& reference)
      : out_(out), input_(input), reference_(reference) {}

  Result<void> write(const std::string& activity, const std::vector<const FundingFlow*>& flows) {
    std::set<Donor> donors;
    std::set<std::string> recipients;
    std::set<std::pair<std::string, Theme>> sectors;
    std::set<std::string> currencies;
    std::string last_updated;
    for (const FundingFlow* flow : flows) {
      donors.insert(flow->donor);
      recipients.insert(flow->recipient_state);
      sectors.insert({flow->sector, flow->theme});
      currencies.insert(flow->currency);
      last_updated = std::max(last_updated, flow->recorded_at);
    }
    // One recipient (or one sector and theme) for the whole activity goes on the activity; when
    // they differ, each transaction carries its own, as IATI allows (never both).
    const bool country_per_transaction = recipients.size() > 1;
    const bool sector_per_transaction = sectors.size() > 1;
    const Donor& reporting = flows.front()->donor;

    out_.start("iati-activity");
    if (!last_updated.empty()) out_.attribute("last-updated-datetime", last_updated);
    out_.attribute("xml:lang", "en");
    if (currencies.size() == 1) out_.attribute("default-currency", *currencies.begin());

    out_.start("iati-identifier");
    out_.text(activity);
    out_.end();

    out_.start("reporting-org");
    out_.attribute("ref", iati_organisation_ref(reporting));
    out_.attribute("type", party(reporting).organisation_type);
    out_.narrative(party(reporting).name);
    out_.end();

    out_.start("title");
    out_.narrative(title(activity, *flows.front()));
    out_.end();

    out_.start("description");
    out_.attribute("type", "1");
    out_.narrative(description(flows.size(), donors, recipients));
    out_.end();

    for (const Donor& donor : donors) {
      out_.start("participating-org");
      out_.attribute("ref", iati_organisation_ref(donor));
      out_.attribute("type", party(donor).organisation_type);
      out_.attribute("role", "1");  // funding
      out_.narrative(party(donor).name);
      out_.end();
    }
    for (const std::string& recipient : recipients) {
      out_.start("participating-org");
      out_.attribute("ref", iati_government_ref(recipient));
      out_.attribute("type", std::string(kIatiGovernment));
      out_.attribute("role", "4");  // implementing
      out_.narrative(government_name(recipient));
      out_.end();
    }

    write_status_and_date(flows);

    if (!country_per_transaction) {
      out_.start("recipient-country");
      out_.attribute("code", *recipients.begin());
      out_.attribute("percentage", "100");
      out_.end();
    }
    if (!sector_per_transaction) {
      write_sectors(sectors.begin()->first, sectors.begin()->second, true);
    }

    CONCORD_TRY(write_budgets(flows));

    for (const FundingFlow* flow : flows) {
      write_transaction(*flow, country_per_transaction, sector_per_transaction);
    }
    out_.end();
    return {};
  }

 private:
  IatiParty party(const Donor& donor) const {
    const auto known = input_.donors.find(donor);
    if (known != input_.donors.end()) return known->second;
    if (donor.type == DonorType::state) {
      return {government_name(donor.ref), std::string(kIatiGovernment)};
    }
    return {donor_key(donor), std::string(kIatiOtherOrganisation)};
  }

  std::string country_name(const std::string& alpha2) const {
    const Country* country = reference_.country(alpha2);
    return country != nullptr ? country->name : alpha2;
  }
  std::string government_name(const std::string& alpha2) const {
    return "Government of " + country_name(alpha2);
  }

  std::string title(const std::string& activity, const FundingFlow& first) const {
    const auto known = input_.titles.find(activity);
    if (known != input_.titles.end() && !known->second.empty()) return known->second;
    return party(first.donor).name + ": " + std::string(to_string(first.theme)) + " in " +
           country_name(first.recipient_state);
  }

  std::string description(std::size_t transactions, const std::set<Donor>& donors,
                          const std::set<std::string>& recipients) const {
    std::string from;
    for (const Donor& donor : donors)
      from += (from.empty() ? "" : ", ") + party(donor).name;
    std::string to;
    for (const auto& recipient : recipients)
      to += (to.empty() ? "" : ", ") + country_name(recipient);
    return "Funding recorded in Concord: " + std::to_string(transactions) +
           " transaction(s) from " + from + " to " + to + ".";
  }

  // Pipeline while only pledged, implementation once anything is committed or paid; the start
  // date is the first payment (actual) or else the first flow (planned).
  void write_status_and_date(const std::vector<const FundingFlow*>& flows) {
    std::string first_flow;
    std::string first_payment;
    bool only_pledges = true;
    for (const FundingFlow* flow : flows) {
      if (flow->kind != FlowKind::pledge) only_pledges = false;
      if (first_flow.empty() || flow->value_date < first_flow) first_flow = flow->value_date;
      if ((flow->kind == FlowKind::disbursement || flow->kind == FlowKind::expenditure) &&
          (first_payment.empty() || flow->value_date < first_payment)) {
        first_payment = flow->value_date;
      }
    }
    out_.start("activity-status");
    out_.attribute("code", only_pledges ? "1" : "2");
    out_.end();
    out_.start("activity-date");
    out_.attribute("type", first_payment.empty() ? "1" : "2");
    out_.attribute("iso-date", first_payment.empty() ? first_flow : first_payment);
    out_.end();
  }

  void write_sectors(const std::string& sector, Theme theme, bool with_percentage) {
    out_.start("sector");
    out_.attribute("vocabulary", "1");
    out_.attribute("code", sector);
    if (with_percentage) out_.attribute("percentage", "100");
    out_.end();
    out_.start("sector");
    out_.attribute("vocabulary", std::string(kIatiThemeVocabulary));
    out_.attribute("code", std::string(to_string(theme)));
    if (with_percentage) out_.attribute("percentage", "100");
    out_.narrative("Concord theme: " + std::string(to_string(theme)));
    out_.end();
  }

  // One budget per budget year and currency: the year's commitments, committed (status 2).
  Result<void> write_budgets(const std::vector<const FundingFlow*>& flows) {
    std::map<std::pair<int, std::string>, Money> committed;
    for (const FundingFlow* flow : flows) {
      if (flow->kind != FlowKind::commitment) continue;
      const auto key = std::make_pair(flow->budget_year, flow->currency);
      const Money amount{flow->amount_minor, flow->currency};
      auto [slot, inserted] = committed.try_emplace(key, amount);
      if (!inserted) {
        CONCORD_ASSIGN_OR_RETURN(slot->second, add(slot->second, amount));
      }
    }
    for (const auto& [key, amount] : committed) {
      // Four digits, as xsd:date wants, whatever the year.
      std::string year = std::to_string(key.first);
      if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
      out_.start("budget");
      out_.attribute("type", "1");
      out_.attribute("status", "2");
      out_.start("period-start");
      out_.attribute("iso-date", year + "-01-01");
      out_.end();
      out_.start("period-end");
      out_.attribute("iso-date", year + "-12-31");
      out_.end();
      write_value(amount, year + "-01-01");
      out_.end();
    }
    return {};
  }

  void write_value(const Money& amount, const std::string& value_date) {
    out_.start("value");
    out_.attribute("currency", amount.currency);
    out_.attribute("value-date", value_date);
    out_.text(amount.to_decimal(reference_));
    out_.end();
  }

  void write_transaction(const FundingFlow& flow, bool with_country, bool with_sector) {
    out_.start("transaction");
    if (!flow.flow_id.empty()) out_.attribute("ref", flow.flow_id);
    out_.start("transaction-type");
    out_.attribute("code", std::string(iati_transaction_type(flow.kind)));
    out_.end();
    out_.start("transaction-date");
    out_.attribute("iso-date", flow.value_date);
    out_.end();
    write_value({flow.amount_minor, flow.currency}, flow.value_date);
    if (!flow.description.empty()) {
      out_.start("description");
      out_.narrative(flow.description);
      out_.end();
    }
    out_.start("provider-org");
    out_.attribute("ref", iati_organisation_ref(flow.donor));
    out_.attribute("type", party(flow.donor).organisation_type);
    out_.narrative(party(flow.donor).name);
    out_.end();
    out_.start("receiver-org");
    out_.attribute("ref", iati_government_ref(flow.recipient_state));
    out_.attribute("type", std::string(kIatiGovernment));
    out_.narrative(government_name(flow.recipient_state));
    out_.end();
    if (with_sector) write_sectors(flow.sector, flow.theme, false);
    if (with_country) {
      out_.start("recipient-country");
      out_.attribute("code", flow.recipient_state);
      out_.end();
    }
    out_.end();
  }

  XmlOut& out_;
  const IatiExportInput& input_;
  const ReferenceData& reference_;
};

}  // namespace

Result<std::string> write_iati_activities(const IatiExportInput& input,
                                          const ReferenceData& reference) {
  std::map<std::string, std::vector<const FundingFlow*>> by_activity;
  for (const FundingFlow& flow : input.flows) {
    if (flow.status == FlowStatus::withdrawn) continue;
    by_activity[flow.activity].push_back(&flow);
  }
  XmlOut out;
  out.start("iati-activities");
  out.attribute("version", "2.03");
  out.attribute("generated-datetime", input.generated_at);
  ActivityWriter writer(out, input, reference);
  for (auto& [activity, flows] : by_activity) {
    std::sort(flows.begin(), flows.end(), flow_order);
    CONCORD_TRY(writer.write(activity, flows));
  }
  out.end();
  return out.finish();
}

std::string iati_organisation_type(std::string_view organisation_kind) {
  if (organisation_kind == "united_nations" || organisation_kind == "intergovernmental" ||
      organisation_kind == "regional") {
    return "40";  // multilateral
  }
  if (organisation_kind == "donor_agency") return std::string(kIatiGovernment);
  if (organisation_kind == "law_enforcement") return "15";   // other public sector
  if (organisation_kind == "non_governmental") return "21";  // international NGO
  if (organisation_kind == "academic") return "80";
  if (organisation_kind == "industry") return "70";  // private sector
  return std::string(kIatiOtherOrganisation);
}

}  // namespace concord::assistance
