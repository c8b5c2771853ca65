// ReferenceService: the weapon reference table for the API and the CLI: reading it, suggesting an
// identification, editing makes, models and calibres, exporting and importing it as CSV
// (weapon_reference_csv.h) and filling it from the generator (weapon_reference_fill.h).
// Reads need reference.read, every change reference.edit (operators). Every change runs under the
// table's write lock, is checked whole (no name, code or alias key held by two entries) and
// commits with an audit entry and a change-feed entry per entry created or changed; an import is
// all or nothing. Thread-safe: holds no mutable state of its own.
#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "registry/weapon_reference_csv.h"
#include "registry/weapon_reference_edit.h"
#include "registry/weapon_reference_store.h"
#include "registry/weapon_reference_suggest.h"
#include "registry/weapon_reference_table.h"
#include "store/database.h"

namespace concord::registry {

// A make with its models (in name order), for the API.
struct MakeDetail {
  ReferenceMake make;
  std::vector<ReferenceModel> models;
};

// A change to an existing entry: fields left empty (nullopt) keep their value.
struct MakePatch {
  std::optional<std::string> name, code, country;
  std::optional<std::vector<std::string>> aliases;
};
struct CalibrePatch {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> aliases;
};
struct ModelPatch {
  std::optional<std::string> name, weapon_type, calibre;
  std::optional<std::vector<std::string>> aliases;
};

struct ReferenceImportSummary {
  std::size_t rows = 0;
  ReferenceWriteCounts counts;
};

class ReferenceService {
 public:
  // All references must outlive the service.
  ReferenceService(store::Database& db, const ReferenceData& countries, const Clock& clock,
                   IdGenerator& ids, const access::AuditTrail& audit);

  // The current table as one consistent snapshot.
  Result<std::shared_ptr<const ReferenceTable>> table(const access::Principal& actor);
  // not_found (field "id") when there is no such make.
  Result<MakeDetail> get_make(const access::Principal& actor, const std::string& id);
  Result<std::vector<Suggestion>> suggest(const access::Principal& actor,
                                          const SuggestQuery& query);
  Result<std::string> export_csv(const access::Principal& actor);

  // Upserts every row or nothing. Bad rows give one invalid_argument error whose field is the
  // first bad row's column and whose message lists the problems ("line 3, column \"country\":
  // ...; line 7, ..."), and nothing is changed; with `problems`, every problem is also put there.
  Result<ReferenceImportSummary> import_csv(const access::Principal& actor, std::istream& input,
                                            std::vector<CsvProblem>* problems = nullptr);

  // New entries: already_exists (field "name") when the name is taken, invalid_argument naming
  // the field for anything else. A model may name look-alike models by id.
  Result<ReferenceMake> create_make(const access::Principal& actor, const MakeInput& input);
  Result<ReferenceCalibre> create_calibre(const access::Principal& actor,
                                          const CalibreInput& input);
  Result<ReferenceModel> create_model(const access::Principal& actor, const ModelInput& input,
                                      const std::vector<std::string>& lookalike_ids = {});

  // Changes to existing entries (not_found, field "id", when absent).
  Result<ReferenceMake> update_make(const access::Principal& actor, const std::string& id,
                                    const MakePatch& patch);
  Result<ReferenceCalibre> update_calibre(const access::Principal& actor, const std::string& id,
                                          const CalibrePatch& patch);
  Result<ReferenceModel> update_model(const access::Principal& actor, const std::string& id,
                                      const ModelPatch& patch);

  // Adds what the generator's catalogue has and the table lacks (idempotent).
  Result<ReferenceWriteCounts> fill_from_generator(const access::Principal& actor);

 private:
  struct Edited {
    ReferenceContents contents;  // after the change, with timestamps
    ReferenceWriteCounts counts;
  };
  using Change = std::function<Result<void>(ReferenceContents& contents)>;
  Result<Edited> edit(const access::Principal& actor, const std::string& via, const Change& change);

  store::Database& db_;
  const ReferenceData& countries_;
  const Clock& clock_;
  IdGenerator& ids_;
  const access::AuditTrail& audit_;
};

}  // namespace concord::registry
