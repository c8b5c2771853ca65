// Attachments: photos and documents attached to a record of an area above the store (today a
// weapon record or a tracing request; store_attachment() names the owner types it accepts). They
// live here, below every area, so that any area may carry them. The content type is decided by the
// bytes (JPEG, PNG, WebP, TIFF, PDF), never by the name or the caller's header, and the size is
// bounded. The owning area checks access before calling; this only stores.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/id.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::store {

// The largest attachment stored, whatever the caller. The HTTP body limit (Config
// body_limit_bytes, 8 MiB by default) is lower, so over the API the smaller of the two applies.
inline constexpr std::int64_t kMaxAttachmentBytes = std::int64_t{10} * 1024 * 1024;

struct NewAttachment {
  std::string owner_type;  // "weapon" or "tracing_request"
  std::string owner_id;
  std::string state;  // the state that attached it
  std::string filename;
  std::string description;
  std::vector<unsigned char> bytes;
};

struct Attachment {
  std::string id;
  std::string owner_type;
  std::string owner_id;
  std::string state;
  std::string filename;
  std::string description;
  std::string content_type;  // as detected from the bytes
  std::int64_t size_bytes = 0;
  std::string sha256;  // hex
  std::string created_at;
};

// Stores `input` inside `transaction`. invalid_argument naming the field when the owner type is
// not weapon or tracing_request ("owner_type"), the filename is empty or unsafe ("filename"), or
// the bytes are empty, too large or of a type not accepted ("bytes").
Result<Attachment> store_attachment(Transaction& transaction, IdGenerator& ids, const Clock& clock,
                                    const NewAttachment& input);

// Metadata of the attachments of one owner, oldest first.
Result<std::vector<Attachment>> list_attachments(Transaction& transaction,
                                                 const std::string& owner_type,
                                                 const std::string& owner_id);

// One attachment with its bytes; not_found when unknown.
Result<std::pair<Attachment, std::vector<unsigned char>>> read_attachment(
    Transaction& transaction, const std::string& attachment_id);

}  // namespace concord::store
