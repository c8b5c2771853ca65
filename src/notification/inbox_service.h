// InboxService: what a signed-in user reads of their notifications. A user sees the entries
// addressed to them, and, when they hold a law-enforcement role (access::is_law_enforcement), the
// entries of their state. Read state is per user: an officer reading a state entry leaves it unread
// for the others. Newest first, paged by id. Thread-safe: holds no mutable state.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::notification {

struct InboxEntry {
  std::string id;
  std::string state;
  std::string user_id;  // "" for a state entry
  std::string topic;
  std::string subject_type;
  std::string subject_id;
  std::string summary;
  nlohmann::json payload;
  std::string created_at;
  std::optional<std::string> read_at;  // when this user read it
};

struct InboxQuery {
  std::string after;  // an entry id: the page starts with the next older entry; "" from the newest
  int limit = 50;     // 1..200
  bool unread_only = false;
  std::string topic;  // "" for all; a topic, "tracing.*" or "*"
};

struct InboxPage {
  std::vector<InboxEntry> entries;
  std::optional<std::string> next_after;  // pass as `after` for the next page; nullopt at the end
};

constexpr int kMaxInboxPage = 200;

class InboxService {
 public:
  // References must outlive the service.
  InboxService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Action inbox.read. invalid_argument naming "after", "limit" or "topic".
  Result<InboxPage> list(const access::Principal& reader, const InboxQuery& query);
  // Action inbox.read.
  Result<std::int64_t> count_unread(const access::Principal& reader);
  // Action inbox.mark_read. not_found (field "id") when the entry is not in the reader's inbox.
  // Marking an entry read twice keeps the first time. Returns the entry as now read.
  Result<InboxEntry> mark_read(const access::Principal& reader, const std::string& id);
  // Action inbox.mark_read. Returns how many entries became read.
  Result<std::int64_t> mark_all_read(const access::Principal& reader);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace concord::notification
