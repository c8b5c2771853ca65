// A tracing request as stored and shown: its contents (request_content.h), the weapon as it was
// when the request was sent (a snapshot, never a live link to the record), and one leg per
// addressed state, each with its own lifecycle (lifecycle.h), due dates and reply. Forwarding adds
// a leg from the forwarding state to the next state in the chain. Timestamps are ISO 8601 UTC
// text, "" when the event has not happened.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracing/answer.h"
#include "tracing/lifecycle.h"
#include "tracing/request_content.h"

namespace concord::tracing {

// The request as a whole: a draft until sent, open while any leg may still move, closed by the
// requesting state once every leg has its final reply.
enum class RequestStatus { draft, open, closed };
std::string_view to_string(RequestStatus status);
std::optional<RequestStatus> request_status_from_string(std::string_view text);

struct Leg {
  std::string id;
  std::string request_id;
  int position = 0;            // order within the request: suggested order, then forwards
  std::string from_state;      // the requesting state, or the forwarding state
  std::string to_state;        // the addressed state
  std::string forwarded_from;  // the leg this one was forwarded from; "" for the first legs
  LegStatus status = LegStatus::draft;
  std::string role;    // "state_of_manufacture", "state_of_last_import", "chosen", "forwarded"
  std::string reason;  // why this state is asked, in words
  std::string sent_at;
  std::string acknowledged_at;
  std::string information_requested_at;  // the latest request for information
  std::string started_at;
  std::string concluded_at;  // the final reply: answered, untraceable, declined or forwarded
  std::string closed_at;
  std::string acknowledge_due_at;
  std::string answer_due_at;
  std::string time_zone;  // the addressed state's zone the due dates were computed in
  std::optional<Answer> answer;
  std::string decline_reason;
  std::string forward_note;
  std::string updated_at;
};

struct TracingRequest {
  std::string id;
  std::string requesting_state;
  std::string record_id;
  RequestStatus status = RequestStatus::draft;
  RequestContent content;
  nlohmann::json weapon;   // the record's description and markings at sending; null while a draft
  std::string created_by;  // username
  std::string created_at;
  std::string updated_at;
  std::string sent_at;
  std::string closed_at;
  std::vector<Leg> legs;  // in position order

  // The leg addressed to `state`, or nullptr.
  const Leg* leg_to(std::string_view state) const;
  Leg* leg_to(std::string_view state);
  // Whether `state` is the requesting state or addressed by a leg that left draft.
  bool is_party(std::string_view state) const;
};

enum class MessageKind { message, information_request, information_response };
std::string_view to_string(MessageKind kind);
std::optional<MessageKind> message_kind_from_string(std::string_view text);

// One entry of the thread between the parties.
struct Message {
  std::string id;
  std::string request_id;
  MessageKind kind = MessageKind::message;
  std::string from_state;
  std::string to_state;  // for information requests and responses: the other side of the leg
  std::string author;    // username
  std::string body;
  std::string created_at;
};

}  // namespace concord::tracing
