#include "registry/attachment_store.h"

namespace concord::registry {

// Placeholder until attachments land.
Result<Attachment> store_attachment(store::Transaction& /*transaction*/, IdGenerator& /*ids*/,
                                    const Clock& /*clock*/, const NewAttachment& /*input*/) {
  return Error::internal("attachments are not stored yet");
}

Result<std::vector<Attachment>> list_attachments(store::Transaction& /*transaction*/,
                                                 const std::string& /*owner_type*/,
                                                 const std::string& /*owner_id*/) {
  return std::vector<Attachment>{};
}

Result<std::pair<Attachment, std::vector<unsigned char>>> read_attachment(
    store::Transaction& /*transaction*/, const std::string& attachment_id) {
  return Error::not_found("attachment_id", "no attachment " + attachment_id);
}

}  // namespace concord::registry
