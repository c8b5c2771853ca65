// TracingService: what operators set (tracing.configure): the due-date rules and each state's
// time zone. Both are audited changes.
#include <set>
#include <tuple>

#include "access/policy.h"
#include "tracing/tracing_service.h"

namespace concord::tracing {

using store::Transaction;
using store::TransactionMode;

namespace {

Result<void> check_rule_state(const ReferenceData& reference, const std::string& state,
                              const std::string& field) {
  if (state.empty() || reference.country(state) != nullptr) return ok();
  return Error::invalid(field, field + " must be an ISO 3166-1 alpha-2 code or empty (any state)");
}

}  // namespace

Result<DueRuleTable> TracingService::due_rules(const access::Principal& actor) {
  CONCORD_TRY(access::authorize(actor, "tracing.configure"));
  CONCORD_ASSIGN_OR_RETURN(
      std::vector<DueRule> rules,
      store::in_transaction(db_, TransactionMode::read_only,
                            [](Transaction& tx) { return load_due_rules(tx); }));
  return DueRuleTable{std::move(rules), default_due_rules()};
}

Result<DueRuleTable> TracingService::replace_due_rules(const access::Principal& actor,
                                                       const std::vector<DueRule>& rules) {
  CONCORD_TRY(access::authorize(actor, "tracing.configure"));
  if (rules.size() > 1000) return Error::invalid("rules", "at most 1000 rules");
  std::set<std::tuple<DueKind, std::optional<Priority>, std::string, std::string>> keys;
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string at = "rules[" + std::to_string(i) + "]";
    CONCORD_TRY(check_rule_state(reference_, rules[i].from_state, at + ".from_state"));
    CONCORD_TRY(check_rule_state(reference_, rules[i].to_state, at + ".to_state"));
    if (!keys.emplace(rules[i].kind, rules[i].priority, rules[i].from_state, rules[i].to_state)
             .second) {
      return Error::invalid(at, at + " repeats the kind, priority and states of an earlier rule");
    }
  }
  auto saved =
      store::in_transaction(db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<bool> {
        const std::string now = format_iso8601(clock_.now());
        CONCORD_TRY(tracing::replace_due_rules(tx, rules, now));
        CONCORD_TRY(audit_.record(
            tx, actor,
            {"tracing.configure", "tracing_due_rules", "", std::nullopt, access::Outcome::success,
             nlohmann::json{{"rules", rules.size()}}.dump()}));
        return true;
      });
  if (!saved.ok()) return std::move(saved).error();
  return due_rules(actor);
}

Result<std::pair<std::string, std::string>> TracingService::set_time_zone(
    const access::Principal& actor, const std::string& state, const std::string& time_zone) {
  CONCORD_TRY(access::authorize(actor, "tracing.configure"));
  if (reference_.country(state) == nullptr) {
    return Error::invalid("state", "state must be an ISO 3166-1 alpha-2 code");
  }
  CONCORD_ASSIGN_OR_RETURN(const date::time_zone* zone, find_time_zone(time_zone, "time_zone"));
  const std::string name(zone->name());
  auto saved =
      store::in_transaction(db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<bool> {
        CONCORD_TRY(save_time_zone(tx, state, name, format_iso8601(clock_.now())));
        CONCORD_TRY(
            audit_.record(tx, actor,
                          {"tracing.configure", "tracing_time_zone", state, state,
                           access::Outcome::success, nlohmann::json{{"time_zone", name}}.dump()}));
        return true;
      });
  if (!saved.ok()) return std::move(saved).error();
  return std::make_pair(state, name);
}

}  // namespace concord::tracing
