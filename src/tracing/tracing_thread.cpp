// TracingService: the message thread between the parties and the request's attachments. Either
// side writes, each under its own policy action; only parties read, and reads by a party other
// than the requesting state are audited.
#include <set>

#include "access/policy.h"
#include "tracing/service_support.h"
#include "tracing/tracing_service.h"

namespace concord::tracing {

using store::Transaction;
using store::TransactionMode;

namespace {

// Writing on a request needs it sent (the addressed states cannot see a draft) and not closed.
Result<void> check_writable(const TracingRequest& request, bool drafts_allowed) {
  if (request.status == RequestStatus::closed) {
    return Error{ErrorCode::conflict, "the request is closed", "status"};
  }
  if (request.status == RequestStatus::draft && !drafts_allowed) {
    return Error{ErrorCode::conflict,
                 "the request is a draft: send it before writing to the addressed states",
                 "status"};
  }
  return ok();
}

}  // namespace

Result<Message> TracingService::add_message(const access::Principal& actor, const std::string& id,
                                            const std::string& body) {
  CONCORD_TRY(check_text("body", body, 1, kMaxMessageLength));
  CONCORD_ASSIGN_OR_RETURN(std::string state, acting_state(actor));
  Message message;
  auto written = transition(
      actor, id, std::nullopt,
      [&](Transaction& tx, TracingRequest& request, Change& change) -> Result<void> {
        change.transition = "message";
        CONCORD_TRY(check_writable(request, false));
        message = {ids_.next(),    request.id, MessageKind::message, state, "",
                   actor.username, body,       change.now_text};
        CONCORD_TRY(insert_message(tx, message));
        change.details["message_id"] = message.id;
        std::set<std::string> told;
        const auto tell = [&](const std::string& party) {
          if (party == state || !told.insert(party).second) return;
          change.notices.push_back({party, "tracing.message", state + " wrote on the request"});
        };
        tell(request.requesting_state);
        for (const auto& leg : request.legs) {
          if (leg.status != LegStatus::draft) tell(leg.to_state);
        }
        return ok();
      });
  if (!written.ok()) return std::move(written).error();
  return message;
}

Result<std::vector<Message>> TracingService::messages(const access::Principal& reader,
                                                      const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(TracingRequest request, readable(reader, id, "messages"));
  return store::in_transaction(db_, TransactionMode::read_only,
                               [&](Transaction& tx) { return list_messages(tx, request.id); });
}

Result<store::Attachment> TracingService::attach(const access::Principal& actor,
                                                 const std::string& id, const std::string& filename,
                                                 const std::string& description,
                                                 std::vector<unsigned char> bytes) {
  if (static_cast<std::int64_t>(bytes.size()) > options_.max_attachment_bytes) {
    return Error{
        ErrorCode::payload_too_large,
        "an attachment may be at most " + std::to_string(options_.max_attachment_bytes) + " bytes",
        "bytes"};
  }
  CONCORD_ASSIGN_OR_RETURN(std::string state, acting_state(actor));
  store::Attachment stored;
  auto written =
      transition(actor, id, std::nullopt,
                 [&](Transaction& tx, TracingRequest& request, Change& change) -> Result<void> {
                   change.transition = "attach";
                   CONCORD_TRY(check_writable(request, true));
                   CONCORD_ASSIGN_OR_RETURN(
                       stored, store::store_attachment(tx, ids_, clock_,
                                                       {"tracing_request", request.id, state,
                                                        filename, description, std::move(bytes)}));
                   change.details["attachment_id"] = stored.id;
                   change.details["filename"] = stored.filename;
                   change.details["size_bytes"] = stored.size_bytes;
                   return ok();
                 });
  if (!written.ok()) return std::move(written).error();
  return stored;
}

Result<std::vector<store::Attachment>> TracingService::attachments(const access::Principal& reader,
                                                                   const std::string& id) {
  CONCORD_ASSIGN_OR_RETURN(TracingRequest request, readable(reader, id, "attachments"));
  return store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) {
    return store::list_attachments(tx, "tracing_request", request.id);
  });
}

Result<std::pair<store::Attachment, std::vector<unsigned char>>> TracingService::attachment(
    const access::Principal& reader, const std::string& id, const std::string& attachment_id) {
  CONCORD_ASSIGN_OR_RETURN(TracingRequest request,
                           readable(reader, id, "attachment " + attachment_id.substr(0, 40)));
  CONCORD_ASSIGN_OR_RETURN(
      auto found,
      store::in_transaction(
          db_, TransactionMode::read_only,
          [&](Transaction& tx) -> Result<std::pair<store::Attachment, std::vector<unsigned char>>> {
            return store::read_attachment(tx, attachment_id);
          }));
  if (found.first.owner_type != "tracing_request" || found.first.owner_id != request.id) {
    return Error::not_found("attachment_id",
                            "this request has no attachment " + attachment_id.substr(0, 40));
  }
  return found;
}

}  // namespace concord::tracing
