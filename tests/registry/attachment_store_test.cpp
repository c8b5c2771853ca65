// Attachments on both backends: the type comes from the bytes (a PNG named .pdf is stored as
// image/png; an ELF binary or an HTML page is refused), the size is bounded, the name is made
// safe, the SHA-256 is right, and the bytes come back as stored. Through RecordService: only the
// owning state attaches, and readers follow the record's sharing.
#include "store/attachment_store.h"

#include <gtest/gtest.h>

#include "access/audit_trail.h"
#include "directory/directory_service.h"
#include "registry/record_service.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::registry {
namespace {

using namespace std::chrono;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

std::vector<unsigned char> bytes_of(std::string_view text, std::size_t pad_to = 0) {
  std::vector<unsigned char> bytes(text.begin(), text.end());
  if (bytes.size() < pad_to) bytes.resize(pad_to, 0x42);
  return bytes;
}

const std::string kPng("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
const std::string kJpeg("\xFF\xD8\xFF\xE0\0\x10JFIF", 10);
const std::string kWebp("RIFF\x24\0\0\0WEBPVP8 ", 16);
const std::string kTiff("II*\0\x08\0\0\0", 8);
const std::string kPdf("%PDF-1.7\n");
const std::string kElf(
    "\x7F"
    "ELF\x02\x01\x01",
    7);
const std::string kHtml("<!DOCTYPE html><html><script>alert(1)</script>");

class AttachmentStoreTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    directory::DirectoryService directory(*db_, reference(), clock_, ids_, audit_);
    ASSERT_TRUE(directory.sync_states().ok());
  }

  Result<store::Attachment> store(const std::string& filename, std::vector<unsigned char> bytes) {
    return store::in_transaction(
        *db_, store::TransactionMode::read_write, [&](store::Transaction& tx) {
          return store::store_attachment(
              tx, ids_, clock_, {"weapon", "01WEAPON", "FR", filename, "", std::move(bytes)});
        });
  }

  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};
  IdGenerator ids_{clock_};
  access::AuditTrail audit_{clock_};
  std::unique_ptr<store::Database> db_;
};

TEST_P(AttachmentStoreTest, TheTypeComesFromTheBytes) {
  const std::pair<std::string, std::string> accepted[] = {{kPng, "image/png"},
                                                          {kJpeg, "image/jpeg"},
                                                          {kWebp, "image/webp"},
                                                          {kTiff, "image/tiff"},
                                                          {kPdf, "application/pdf"}};
  for (const auto& [magic, type] : accepted) {
    auto stored = store("evidence.pdf", bytes_of(magic, 64));
    ASSERT_TRUE(stored.ok()) << type << ": " << stored.error().message;
    EXPECT_EQ(stored->content_type, type);
  }
  for (const auto& refused : {kElf, kHtml, std::string("GIF89a......")}) {
    auto stored = store("photo.png", bytes_of(refused, 64));
    ASSERT_FALSE(stored.ok());
    EXPECT_EQ(stored.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(stored.error().field, "bytes");
  }
  EXPECT_EQ(store("empty.png", {}).error().field, "bytes");
}

TEST_P(AttachmentStoreTest, StoresBytesWithTheirHashAndReadsThemBack) {
  const auto bytes = bytes_of(kPdf);
  auto stored = store("report.pdf", bytes);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->size_bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(stored->sha256.size(), 64u);
  auto again = store("copy.pdf", bytes);
  EXPECT_EQ(again->sha256, stored->sha256);
  auto abc = store("abc.pdf", bytes_of("%PDF-abc"));
  EXPECT_NE(abc->sha256, stored->sha256);

  auto read = store::in_transaction(
      *db_, store::TransactionMode::read_only,
      [&](store::Transaction& tx) { return read_attachment(tx, stored->id); });
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->second, bytes);
  EXPECT_EQ(read->first.filename, "report.pdf");

  auto listed = store::in_transaction(
      *db_, store::TransactionMode::read_only,
      [&](store::Transaction& tx) { return list_attachments(tx, "weapon", "01WEAPON"); });
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].id, stored->id);

  auto missing =
      store::in_transaction(*db_, store::TransactionMode::read_only,
                            [&](store::Transaction& tx) { return read_attachment(tx, "01NONE"); });
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(AttachmentStoreTest, KnownSha256) {
  // printf '%PDF-' | sha256sum
  auto stored = store("x.pdf", bytes_of("%PDF-"));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->sha256, "38523c087796e5d5dd1cf9bad1fb026781a838dd9dd2cf8af58b9f6502a46778");
}

TEST_P(AttachmentStoreTest, OversizeIsRefused) {
  auto at_limit =
      store("big.png", bytes_of(kPng, static_cast<std::size_t>(store::kMaxAttachmentBytes)));
  EXPECT_TRUE(at_limit.ok());
  auto over =
      store("big.png", bytes_of(kPng, static_cast<std::size_t>(store::kMaxAttachmentBytes) + 1));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().field, "bytes");
}

TEST_P(AttachmentStoreTest, FilenamesAreMadeSafe) {
  const std::pair<std::string, std::string> cases[] = {
      {"../../etc/passwd.png", "passwd.png"},
      {"C:\\Users\\x\\photo.jpg", "photo.jpg"},
      {"a\"b;c.png", "a_b_c.png"},
      {".hidden.png", "hidden.png"},
      {"photo évidence.png", "photo évidence.png"},
  };
  for (const auto& [given, safe] : cases) {
    auto stored = store(given, bytes_of(kPng, 32));
    ASSERT_TRUE(stored.ok()) << given;
    EXPECT_EQ(stored->filename, safe) << given;
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "   ", "../", std::string(300, 'a'), std::string("\xC3\x28")}) {
    auto stored = store(bad, bytes_of(kPng, 32));
    ASSERT_FALSE(stored.ok()) << bad;
    EXPECT_EQ(stored.error().field, "filename") << bad;
  }
}

TEST_P(AttachmentStoreTest, ThroughTheServiceOnlyTheOwnerAttachesAndSharingDecidesWhoReads) {
  RecordServiceOptions options;
  options.max_attachment_bytes = 1024;
  RecordService records(*db_, reference(), clock_, ids_, audit_, options);
  auto user = [](std::string name, std::string state, access::Role role) {
    access::Principal principal;
    principal.user_id = name;
    principal.username = name;
    principal.state = state;
    principal.roles = {role};
    principal.credential = access::Credential::session;
    principal.second_factor = true;
    return principal;
  };
  const auto fr = user("fr", "FR", access::Role::tracing_officer);
  const auto de = user("de", "DE", access::Role::tracing_officer);
  NewRecord input;
  input.fields.kind = "registry";
  input.fields.serial = "ABC123";
  auto record = records.enter(fr, input);
  ASSERT_TRUE(record.ok()) << record.error().message;

  auto attached = records.attach(fr, record->id, "scan.pdf", "the serial", bytes_of(kPng, 100));
  ASSERT_TRUE(attached.ok()) << attached.error().message;
  EXPECT_EQ(attached->content_type, "image/png");  // a PNG named .pdf is a PNG
  EXPECT_EQ(records.attach(fr, record->id, "big.png", "", bytes_of(kPng, 1025)).error().field,
            "bytes");
  EXPECT_EQ(records.attach(de, record->id, "x.png", "", bytes_of(kPng, 100)).error().code,
            ErrorCode::permission_denied);
  EXPECT_EQ(records.attachments(fr, record->id)->size(), 1u);
  EXPECT_EQ(records.attachments(de, record->id).error().code, ErrorCode::permission_denied);
  EXPECT_EQ(records.attachment(de, attached->id).error().code, ErrorCode::permission_denied);
  auto read = records.attachment(fr, attached->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->second.size(), 100u);
  auto history = records.history(fr, record->id);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].action, "attach");
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentStoreTest,
                         ::testing::ValuesIn(concord::testing::all_backends()),
                         [](const auto& backend) {
                           return std::string(store::to_string(backend.param));
                         });

}  // namespace
}  // namespace concord::registry
