#include "registry/weapon_reference_service.h"

#include <algorithm>

#include "access/policy.h"
#include "registry/weapon_reference_csv.h"
#include "registry/weapon_reference_fill.h"

namespace concord::registry {
namespace {

constexpr std::size_t kProblemsInMessage = 10;

template <typename Entry>
const Entry* by_id(const std::vector<Entry>& entries, const std::string& id) {
  auto found = std::find_if(entries.begin(), entries.end(),
                            [&](const Entry& entry) { return entry.id == id; });
  return found == entries.end() ? nullptr : &*found;
}

Error no_such(const std::string& what, const std::string& id) {
  return Error::not_found("id", "no " + what + " with id '" + id + "' in the reference table");
}

Error import_error(const std::vector<CsvProblem>& problems) {
  std::string message = std::to_string(problems.size()) +
                        (problems.size() == 1 ? " problem" : " problems") + ", nothing imported: ";
  for (std::size_t i = 0; i < problems.size() && i < kProblemsInMessage; ++i)
    message += (i > 0 ? "; " : "") + describe(problems[i]);
  if (problems.size() > kProblemsInMessage) message += "; ...";
  return Error::invalid(problems.front().column.empty() ? "body" : problems.front().column,
                        message);
}

}  // namespace

ReferenceService::ReferenceService(store::Database& db, const ReferenceData& countries,
                                   const Clock& clock, IdGenerator& ids,
                                   const access::AuditTrail& audit)
    : db_(db), countries_(countries), clock_(clock), ids_(ids), audit_(audit) {}

Result<std::shared_ptr<const ReferenceTable>> ReferenceService::table(
    const access::Principal& actor) {
  CONCORD_TRY(access::authorize(actor, "reference.read"));
  return store::in_transaction(db_, store::TransactionMode::read_only, load_reference_table);
}

Result<MakeDetail> ReferenceService::get_make(const access::Principal& actor,
                                              const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(auto snapshot, table(actor));
  const auto index = snapshot->make_index(id);
  if (!index) return no_such("make", id);
  MakeDetail detail{snapshot->contents().makes[*index], {}};
  for (std::size_t model : snapshot->models_of(*index))
    detail.models.push_back(snapshot->contents().models[model]);
  return detail;
}

Result<std::vector<Suggestion>> ReferenceService::suggest(const access::Principal& actor,
                                                          const SuggestQuery& query) {
  CONCORD_ASSIGN_OR_RETURN(auto snapshot, table(actor));
  return suggest_identification(*snapshot, query);
}

Result<std::string> ReferenceService::export_csv(const access::Principal& actor) {
  CONCORD_ASSIGN_OR_RETURN(auto snapshot, table(actor));
  return reference_csv(snapshot->contents());
}

Result<ReferenceService::Edited> ReferenceService::edit(const access::Principal& actor,
                                                        const std::string& via,
                                                        const Change& change) {
  CONCORD_TRY(access::authorize(actor, "reference.edit"));
  return store::in_transaction(
      db_, store::TransactionMode::read_write, [&](store::Transaction& tx) -> Result<Edited> {
        CONCORD_TRY(lock_reference_table(tx));
        CONCORD_ASSIGN_OR_RETURN(const ReferenceContents before, read_reference_contents(tx));
        Edited edited{before, {}};
        CONCORD_TRY(change(edited.contents));
        if (auto collision = first_collision(before, edited.contents)) return collision->error;
        const ReferenceWriter writer{audit_, actor, via, ids_.next(), format_iso8601(clock_.now())};
        CONCORD_ASSIGN_OR_RETURN(edited.counts,
                                 write_reference_changes(tx, before, edited.contents, writer));
        return edited;
      });
}

Result<ReferenceImportSummary> ReferenceService::import_csv(const access::Principal& actor,
                                                            std::istream& input,
                                                            std::vector<CsvProblem>* problems_out) {
  ReferenceImportSummary summary;
  CONCORD_ASSIGN_OR_RETURN(
      Edited edited, edit(actor, "import", [&](ReferenceContents& contents) -> Result<void> {
        std::vector<CsvProblem> problems;
        CONCORD_ASSIGN_OR_RETURN(summary.rows,
                                 apply_reference_csv(input, contents, countries_, ids_, problems));
        if (problems.empty()) return {};
        if (problems_out != nullptr) *problems_out = problems;
        return import_error(problems);
      }));
  summary.counts = edited.counts;
  return summary;
}

Result<ReferenceMake> ReferenceService::create_make(const access::Principal& actor,
                                                    const MakeInput& input) {
  std::string id;
  CONCORD_ASSIGN_OR_RETURN(
      Edited edited, edit(actor, "api", [&](ReferenceContents& contents) -> Result<void> {
        CONCORD_ASSIGN_OR_RETURN(id,
                                 edit_make(contents, input, countries_, ids_, EditMode::create));
        return {};
      }));
  return *by_id(edited.contents.makes, id);
}

Result<ReferenceCalibre> ReferenceService::create_calibre(const access::Principal& actor,
                                                          const CalibreInput& input) {
  std::string id;
  CONCORD_ASSIGN_OR_RETURN(
      Edited edited, edit(actor, "api", [&](ReferenceContents& contents) -> Result<void> {
        CONCORD_ASSIGN_OR_RETURN(id, edit_calibre(contents, input, ids_, EditMode::create));
        return {};
      }));
  return *by_id(edited.contents.calibres, id);
}

Result<ReferenceModel> ReferenceService::create_model(
    const access::Principal& actor, const ModelInput& input,
    const std::vector<std::string>& lookalike_ids) {
  std::string id;
  CONCORD_ASSIGN_OR_RETURN(
      Edited edited, edit(actor, "api", [&](ReferenceContents& contents) -> Result<void> {
        const ReferenceTable snapshot(contents);
        CONCORD_ASSIGN_OR_RETURN(id, edit_model(contents, snapshot, input, ids_, EditMode::create));
        for (const auto& other : lookalike_ids) {
          if (by_id(contents.models, other) == nullptr) {
            return Error::invalid("lookalikes",
                                  "no model with id '" + other + "' in the reference table");
          }
          auto added = add_lookalike_ids(contents, id, other);
          if (!added.ok()) return Error::invalid("lookalikes", added.error().message);
        }
        return {};
      }));
  return *by_id(edited.contents.models, id);
}

Result<ReferenceMake> ReferenceService::update_make(const access::Principal& actor,
                                                    const std::string& id, const MakePatch& patch) {
  CONCORD_ASSIGN_OR_RETURN(
      Edited edited, edit(actor, "api", [&](ReferenceContents& contents) -> Result<void> {
        const ReferenceMake* current = by_id(contents.makes, id);
        if (current == nullptr) return no_such("make", id);
        const MakeInput input{
            id, patch.name.value_or(current->name), patch.code.value_or(current->code),
            patch.country.value_or(current->country), patch.aliases.value_or(current->aliases)};
        CONCORD_TRY(edit_make(contents, input, countries_, ids_, EditMode::upsert));
        return {};
      }));
  return *by_id(edited.contents.makes, id);
}

Result<ReferenceCalibre> ReferenceService::update_calibre(const access::Principal& actor,
                                                          const std::string& id,
                                                          const CalibrePatch& patch) {
  CONCORD_ASSIGN_OR_RETURN(Edited edited,
                           edit(actor, "api", [&](ReferenceContents& contents) -> Result<void> {
                             const ReferenceCalibre* current = by_id(contents.calibres, id);
                             if (current == nullptr) return no_such("calibre", id);
                             const CalibreInput input{id, patch.name.value_or(current->name),
                                                      patch.aliases.value_or(current->aliases)};
                             CONCORD_TRY(edit_calibre(contents, input, ids_, EditMode::upsert));
                             return {};
                           }));
  return *by_id(edited.contents.calibres, id);
}

Result<ReferenceModel> ReferenceService::update_model(const access::Principal& actor,
                                                      const std::string& id,
                                                      const ModelPatch& patch) {
  CONCORD_ASSIGN_OR_RETURN(
      Edited edited, edit(actor, "api", [&](ReferenceContents& contents) -> Result<void> {
        const ReferenceModel* current = by_id(contents.models, id);
        if (current == nullptr) return no_such("model", id);
        const ReferenceTable snapshot(contents);
        const ModelInput input{id,
                               current->make_id,
                               patch.name.value_or(current->name),
                               patch.weapon_type.value_or(current->weapon_type),
                               patch.calibre.value_or(current->calibre_id),
                               patch.aliases.value_or(current->aliases)};
        CONCORD_TRY(edit_model(contents, snapshot, input, ids_, EditMode::upsert));
        return {};
      }));
  return *by_id(edited.contents.models, id);
}

Result<ReferenceWriteCounts> ReferenceService::fill_from_generator(const access::Principal& actor) {
  CONCORD_ASSIGN_OR_RETURN(Edited edited, edit(actor, "fill", [&](ReferenceContents& contents) {
                             return add_generated_reference(contents, countries_, ids_);
                           }));
  return edited.counts;
}

}  // namespace concord::registry
