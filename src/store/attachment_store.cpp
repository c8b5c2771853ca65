// Attachments: the bytes go into the attachments table (migration 0009) as a Blob with their
// SHA-256; the type comes from the magic bytes, and the name is reduced to a safe final component.
#include "store/attachment_store.h"

#include <sodium.h>

#include <array>
#include <optional>
#include <string_view>

#include "core/text.h"

namespace concord::store {
namespace {

constexpr std::size_t kMaxFilenameBytes = 255;
constexpr std::size_t kMaxDescription = 2000;
constexpr std::string_view kColumns =
    "id, owner_type, owner_id, state, filename, description, content_type, size_bytes, sha256, "
    "created_at";

bool starts_with(const std::vector<unsigned char>& bytes, std::string_view prefix,
                 std::size_t offset = 0) {
  if (bytes.size() < offset + prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (bytes[offset + i] != static_cast<unsigned char>(prefix[i])) return false;
  }
  return true;
}

// The accepted types, by their signatures; nullopt for anything else.
std::optional<std::string> detect_content_type(const std::vector<unsigned char>& bytes) {
  using namespace std::string_view_literals;
  if (starts_with(bytes, "\xFF\xD8\xFF"sv)) return "image/jpeg";
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n"sv)) return "image/png";
  if (starts_with(bytes, "RIFF"sv) && starts_with(bytes, "WEBP"sv, 8)) return "image/webp";
  if (starts_with(bytes, "II*\0"sv) || starts_with(bytes, "MM\0*"sv)) return "image/tiff";
  if (starts_with(bytes, "%PDF-"sv)) return "application/pdf";
  return std::nullopt;
}

// The last path component, with every character that could mislead a shell, a header or a file
// system (quotes, separators, control characters) replaced by '_' and leading dots dropped.
// UTF-8 letters are kept.
Result<std::string> sanitise_filename(std::string_view given) {
  if (!utf8_length(given)) return Error::invalid("filename", "filename is not valid UTF-8");
  std::string_view name = trim(given);
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name = name.substr(slash + 1);
  }
  while (!name.empty() && (name.front() == '.' || name.front() == ' '))
    name.remove_prefix(1);
  std::string safe;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == ' ' ||
                      c == '(' || c == ')' || c == '+';
    safe += keep ? c : '_';
  }
  if (safe.empty()) {
    return Error::invalid("filename",
                          "filename is required and must name a file, such as "
                          "photo.jpg");
  }
  if (safe.size() > kMaxFilenameBytes) {
    return Error::invalid(
        "filename", "filename is longer than " + std::to_string(kMaxFilenameBytes) + " bytes");
  }
  return safe;
}

std::string sha256_hex(const std::vector<unsigned char>& bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0x0F];
  }
  return hex;
}

Attachment attachment_from_row(const Row& row) {
  return {row.text(0), row.text(1), row.text(2),    row.text(3), row.text(4),
          row.text(5), row.text(6), row.integer(7), row.text(8), row.text(9)};
}

}  // namespace

Result<Attachment> store_attachment(Transaction& transaction, IdGenerator& ids, const Clock& clock,
                                    const NewAttachment& input) {
  if (input.owner_type != "weapon" && input.owner_type != "tracing_request") {
    return Error::invalid("owner_type", "owner_type must be weapon or tracing_request");
  }
  if (input.owner_id.empty()) return Error::invalid("owner_id", "owner_id is required");
  if (input.state.empty()) return Error::invalid("state", "state is required");
  CONCORD_ASSIGN_OR_RETURN(std::string filename, sanitise_filename(input.filename));
  const auto description_length = utf8_length(input.description);
  if (!description_length || has_control_characters(input.description) ||
      *description_length > kMaxDescription) {
    return Error::invalid("description", "description must be valid text of at most " +
                                             std::to_string(kMaxDescription) + " characters");
  }
  if (input.bytes.empty()) return Error::invalid("bytes", "the file is empty");
  if (static_cast<std::int64_t>(input.bytes.size()) > kMaxAttachmentBytes) {
    return Error::invalid("bytes", "the file is " + std::to_string(input.bytes.size()) +
                                       " bytes; attachments are limited to " +
                                       std::to_string(kMaxAttachmentBytes) + " bytes");
  }
  const auto content_type = detect_content_type(input.bytes);
  if (!content_type) {
    return Error::invalid("bytes",
                          "the file is not a JPEG, PNG, WebP or TIFF image or a PDF document "
                          "(judged by its content, not its name)");
  }
  if (sodium_init() < 0) return Error::internal("libsodium could not be initialised");

  Attachment attachment{ids.next(),
                        input.owner_type,
                        input.owner_id,
                        input.state,
                        std::move(filename),
                        input.description,
                        *content_type,
                        static_cast<std::int64_t>(input.bytes.size()),
                        sha256_hex(input.bytes),
                        format_iso8601(clock.now())};
  CONCORD_TRY(transaction.execute(
      "INSERT INTO attachments (id, owner_type, owner_id, state, filename, description, "
      "content_type, size_bytes, sha256, created_at, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11)",
      {attachment.id, attachment.owner_type, attachment.owner_id, attachment.state,
       attachment.filename, attachment.description, attachment.content_type, attachment.size_bytes,
       attachment.sha256, attachment.created_at, Blob{input.bytes}}));
  return attachment;
}

Result<std::vector<Attachment>> list_attachments(Transaction& transaction,
                                                 const std::string& owner_type,
                                                 const std::string& owner_id) {
  CONCORD_ASSIGN_OR_RETURN(
      QueryResult rows,
      transaction.query("SELECT " + std::string(kColumns) +
                            " FROM attachments WHERE owner_type = $1 AND owner_id = $2 ORDER BY id",
                        {owner_type, owner_id}));
  std::vector<Attachment> attachments;
  attachments.reserve(rows.rows.size());
  for (const Row& row : rows.rows)
    attachments.push_back(attachment_from_row(row));
  return attachments;
}

Result<std::pair<Attachment, std::vector<unsigned char>>> read_attachment(
    Transaction& transaction, const std::string& attachment_id) {
  CONCORD_ASSIGN_OR_RETURN(QueryResult rows,
                           transaction.query("SELECT " + std::string(kColumns) +
                                                 ", bytes FROM attachments WHERE id = $1",
                                             {attachment_id}));
  if (rows.rows.empty()) return Error::not_found("attachment_id", "no attachment " + attachment_id);
  const Row& row = rows.rows.front();
  return std::make_pair(attachment_from_row(row), row.blob(10).bytes);
}

}  // namespace concord::store
