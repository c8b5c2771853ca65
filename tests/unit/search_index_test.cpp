// The marking index: it returns exactly what aligning every record returns (property tests on
// dense, sequential serials with random damage), honours filters and visibility, follows
// updates and deletions, and ranks ties by id.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <string>
#include <thread>

#include "marking/canonical_marking.h"
#include "search/marking_index.h"

namespace concord::search {
namespace {

// Dense registries: each maker numbers its serials in runs, so neighbours are one edit apart.
std::vector<IndexedRecord> dense_records(int count, std::uint64_t seed) {
  const std::vector<std::string> makers = {"Arsenal", "Norinco", "Beretta", "Glock", "Izhmash"};
  const std::vector<std::string> prefixes = {"AB", "", "PX", "", "КР"};
  std::mt19937_64 random(seed);
  std::vector<IndexedRecord> records;
  std::vector<int> next(makers.size(), 100000);
  for (int i = 0; i < count; ++i) {
    const size_t maker = random() % makers.size();
    next[maker] += 1 + static_cast<int>(random() % 3);
    IndexedRecord record;
    char id[16];
    std::snprintf(id, sizeof id, "R%07d", i);
    record.id = id;
    record.external_id = "X-" + std::to_string(i);
    record.kind = random() % 3 == 0 ? "stolen" : "registry";
    record.state = random() % 2 == 0 ? "FR" : "DE";
    record.make = makers[maker];
    record.model = "M" + std::to_string(maker);
    record.calibre = maker % 2 ? "9x19mm" : "7.62x39mm";
    record.weapon_type = "pistol";
    record.sharing = "law_enforcement";
    record.markings = {prefixes[maker] + (random() % 2 ? "-" : "") + std::to_string(next[maker])};
    records.push_back(record);
  }
  return records;
}

std::string damage(std::string serial, std::mt19937_64& random) {
  std::string out;
  for (char c : serial) {
    if (static_cast<unsigned char>(c) < 0x80 && std::isalnum(static_cast<unsigned char>(c)))
      out += c;
    else
      out += c;  // keep multibyte and separators as they are
  }
  if (out.size() < 4) return out;
  const size_t at = 1 + random() % (out.size() - 2);
  switch (random() % 7) {
    case 0:
      out[at] = '?';
      break;
    case 1:
      out.erase(at, 1);
      break;
    case 2:
      std::swap(out[at], out[at + 1]);
      break;
    case 3:
      out.erase(0, 2);
      break;
    case 4:
      out = out.substr(0, at) + "*" + out.substr(std::min(out.size(), at + 2));
      break;
    case 5:
      if (out[at] == '0')
        out[at] = 'O';
      else if (out[at] == '8')
        out[at] = 'B';
      else
        out[at] = 'X';
      break;
    default:
      out[at] = static_cast<char>('0' + random() % 10);
      break;
  }
  return out;
}

SearchRequest request_for(const std::string& text, int top = 10) {
  SearchRequest request;
  auto query = marking::parse_marking_query(text);
  EXPECT_TRUE(query.ok()) << text;
  request.query = *query;
  request.top = top;
  request.viewer.sees_everything = true;
  return request;
}

void expect_same(const SearchResult& index, const SearchResult& oracle, const std::string& label) {
  ASSERT_EQ(index.hits.size(), oracle.hits.size()) << label;
  for (size_t i = 0; i < index.hits.size(); ++i) {
    EXPECT_EQ(index.hits[i].id, oracle.hits[i].id) << label << " rank " << i;
    EXPECT_EQ(index.hits[i].score, oracle.hits[i].score) << label << " rank " << i;
  }
}

TEST(MarkingIndex, AgreesWithAligningEveryRecordOnDamagedQueries) {
  const auto records = dense_records(10000, 1);
  MarkingIndex index;
  index.upsert(records);
  ASSERT_EQ(index.size(), records.size());
  std::mt19937_64 random(2);
  const int rounds = 200;
  for (int round = 0; round < rounds; ++round) {
    const auto& truth = records[random() % records.size()];
    const std::string text = damage(truth.markings[0], random);
    auto request = request_for(text);
    if (round % 2 == 0) request.filters.make = truth.make;
    auto index_result = index.search(request);
    auto oracle_result = index.search_exhaustively(request);
    ASSERT_TRUE(index_result.ok() && oracle_result.ok()) << text;
    expect_same(*index_result, *oracle_result, text + " from " + truth.markings[0]);
    // The record read is among the hits, unless as many others explain the reading as well.
    bool found = false;
    for (const auto& hit : index_result->hits)
      found |= hit.id == truth.id;
    if (!found) {
      std::u32string symbols;
      for (const auto& symbol : marking::canonical_symbols(truth.markings[0]))
        symbols += symbol.symbol;
      const double truth_score =
          score_from_cost(marking::align(request.query, symbols).cost, request.query);
      ASSERT_EQ(index_result->hits.size(), 10u) << text;
      EXPECT_GE(index_result->hits.back().score, truth_score - 1e-9) << text;
    }
  }
}

TEST(MarkingIndex, ExactReadingComesFirstWithScoreOne) {
  MarkingIndex index;
  index.upsert(dense_records(5000, 3));
  auto result = index.search(request_for("AB-100123"));
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->hits.empty());
}

TEST(MarkingIndex, LookAlikesCyrillicAndSeparatorsFindTheRecord) {
  MarkingIndex index;
  IndexedRecord record;
  record.id = "A1";
  record.external_id = "FR-1";
  record.make = "Izhmash";
  record.sharing = "law_enforcement";
  record.markings = {"АК-47 1OB8"};
  index.upsert({record});
  auto result = index.search(request_for("ak47 10b8"));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(result->hits[0].id, "A1");
  EXPECT_NEAR(result->hits[0].score, 1.0 - 0.4 / 8, 1e-9);  // one look-alike, 0 for O
}

TEST(MarkingIndex, FiltersIgnoreCaseAndSpacing) {
  MarkingIndex index;
  index.upsert(dense_records(2000, 4));
  auto request = request_for("100500");
  request.filters.calibre = "7.62 X 39 MM";
  auto result = index.search(request);
  ASSERT_TRUE(result.ok());
  ASSERT_FALSE(result->hits.empty());
  request.filters.make = "no such maker";
  result = index.search(request);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->hits.empty());
}

TEST(MarkingIndex, ViewersSeeOnlyWhatIsSharedWithThem) {
  MarkingIndex index;
  IndexedRecord own{"P1", "FR-1",   "registry", "FR",      "pistol", "Glock",
                    "17", "9x19mm", "AT",       "private", {},       {"GL123456"}};
  IndexedRecord stolen = own;
  stolen.id = "P2";
  stolen.state = "DE";
  stolen.sharing = "law_enforcement";
  IndexedRecord named = own;
  named.id = "P3";
  named.state = "NG";
  named.sharing = "named_states";
  named.shared_with = {"FR"};
  index.upsert({own, stolen, named});
  auto request = request_for("GL123456");
  request.viewer = {false, "fr", true};
  auto result = index.search(request);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->hits.size(), 3u);
  request.viewer = {false, "DE", false};  // not law enforcement: only its own
  result = index.search(request);
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(result->hits[0].id, "P2");
  request.viewer = {false, "", false};  // civil society: nothing here is public
  EXPECT_TRUE(index.search(request)->hits.empty());
}

TEST(MarkingIndex, UpdatesAndDeletionsAreFollowed) {
  MarkingIndex index;
  auto records = dense_records(3000, 5);
  index.upsert(records);
  IndexedRecord changed = records[10];
  changed.markings = {"ZZ999999"};
  index.upsert({changed});
  EXPECT_EQ(index.size(), records.size());
  auto result = index.search(request_for("ZZ999999", 1));
  ASSERT_EQ(result->hits.size(), 1u);
  EXPECT_EQ(result->hits[0].id, changed.id);
  index.erase({changed.id, "unknown"});
  EXPECT_TRUE(index.search(request_for("ZZ999999", 1))->hits.empty());
  EXPECT_EQ(index.size(), records.size() - 1);
  // Many single writes stay correct as segments merge.
  for (int i = 0; i < 200; ++i) {
    IndexedRecord single = records[static_cast<size_t>(i)];
    single.markings = {"QQ" + std::to_string(500000 + i)};
    index.upsert({single});
  }
  auto request = request_for("QQ500150");
  auto fast = index.search(request);
  auto oracle = index.search_exhaustively(request);
  expect_same(*fast, *oracle, "after single writes");
  EXPECT_EQ(fast->hits[0].id, records[150].id);
}

TEST(MarkingIndex, EqualScoresComeInIdOrder) {
  MarkingIndex index;
  std::vector<IndexedRecord> twins;
  for (const char* id : {"C", "A", "B"}) {
    IndexedRecord record;
    record.id = id;
    record.sharing = "public";
    record.markings = {"SN-4711"};
    twins.push_back(record);
  }
  index.upsert(twins);
  auto result = index.search(request_for("SN4711"));
  ASSERT_EQ(result->hits.size(), 3u);
  EXPECT_EQ(result->hits[0].id, "A");
  EXPECT_EQ(result->hits[1].id, "B");
  EXPECT_EQ(result->hits[2].id, "C");
  EXPECT_EQ(result->hits[0].score, result->hits[2].score);
}

TEST(MarkingIndex, RefusesTopOutOfRange) {
  MarkingIndex index;
  auto request = request_for("AB12");
  request.top = 0;
  auto result = index.search(request);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().field, "top");
}

TEST(MarkingIndex, ReadersRunWhileAWriterWrites) {
  MarkingIndex index;
  const auto records = dense_records(4000, 6);
  index.upsert(records);
  std::atomic<bool> done{false};
  std::atomic<int> searches{0};
  std::thread reader([&] {
    while (!done) {
      auto result = index.search(request_for("AB100200"));
      ASSERT_TRUE(result.ok());
      ++searches;
    }
  });
  for (int i = 0; i < 100; ++i)
    index.upsert({records[static_cast<size_t>(i)]});
  done = true;
  reader.join();
  EXPECT_GT(searches.load(), 0);
  EXPECT_EQ(index.size(), records.size());
}

}  // namespace
}  // namespace concord::search
