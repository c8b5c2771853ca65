#include "search/marking_index.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include "search/prepared_query.h"
#include "search/segment.h"
#include "search/symbol_fold.h"

namespace concord::search {
namespace {

// Segments are merged so that a stream of single writes leaves few of them (about log4 of the
// record count) at an amortised cost of a few rebuilds per record: merge the newest two while the
// newer holds at least a quarter as many live records as the elder.
constexpr std::size_t kMergeRatio = 4;

}  // namespace

struct MarkingIndex::Snapshot {
  struct Part {
    std::shared_ptr<const Segment> segment;
    std::shared_ptr<const Roaring> dead;  // entries no longer current; may be null
    std::size_t live_records = 0;
  };
  std::vector<Part> parts;
  std::size_t live_records() const {
    std::size_t total = 0;
    for (const auto& part : parts)
      total += part.live_records;
    return total;
  }
};

struct MarkingIndex::Writer {
  std::mutex writing;
  std::atomic<std::shared_ptr<const Snapshot>> current{std::make_shared<const Snapshot>()};
};

MarkingIndex::MarkingIndex() : writer_(std::make_unique<Writer>()) {}
MarkingIndex::~MarkingIndex() = default;

std::shared_ptr<const MarkingIndex::Snapshot> MarkingIndex::snapshot() const {
  return writer_->current.load(std::memory_order_acquire);
}

namespace {

// Marks the current entries of `ids` dead in `parts` (copying each dead bitmap it changes).
void bury(std::vector<MarkingIndex::Snapshot::Part>& parts, const std::vector<std::string>& ids) {
  std::vector<std::shared_ptr<Roaring>> copies(parts.size());
  for (const auto& id : ids) {
    for (std::size_t p = 0; p < parts.size(); ++p) {
      auto& part = parts[p];
      const auto record = part.segment->find_record(id);
      if (!record) continue;
      const auto [first, end] = part.segment->record_entries(*record);
      const Roaring* dead = copies[p] ? copies[p].get() : part.dead.get();
      if (dead != nullptr && dead->contains(first)) continue;
      if (!copies[p]) {
        copies[p] = part.dead ? std::make_shared<Roaring>(*part.dead) : std::make_shared<Roaring>();
      }
      copies[p]->addRange(first, end);
      --part.live_records;
    }
  }
  for (std::size_t p = 0; p < parts.size(); ++p) {
    if (copies[p]) parts[p].dead = std::move(copies[p]);
  }
}

bool is_live(const MarkingIndex::Snapshot::Part& part, std::uint32_t record) {
  return !(part.dead && part.dead->contains(part.segment->record_entries(record).first));
}

MarkingIndex::Snapshot::Part merge(const std::vector<MarkingIndex::Snapshot::Part>& parts) {
  Segment::Builder builder;
  for (const auto& part : parts) {
    for (std::uint32_t r = 0; r < part.segment->record_count(); ++r) {
      if (is_live(part, r)) builder.add(part.segment->record(r));
    }
  }
  const std::size_t live = builder.size();
  return {builder.finish(), nullptr, live};
}

void compact(std::vector<MarkingIndex::Snapshot::Part>& parts) {
  std::erase_if(parts, [](const auto& part) { return part.live_records == 0; });
  while (parts.size() >= 2) {
    const auto& elder = parts[parts.size() - 2];
    const auto& newer = parts.back();
    if (newer.live_records * kMergeRatio < elder.live_records) break;
    auto merged = merge({elder, newer});
    parts.pop_back();
    parts.back() = std::move(merged);
  }
}

}  // namespace

void MarkingIndex::upsert(const std::vector<IndexedRecord>& records) {
  if (records.empty()) return;
  std::lock_guard lock(writer_->writing);
  auto next = std::make_shared<Snapshot>(*snapshot());
  // Within one batch the last version of a record wins.
  std::unordered_map<std::string_view, std::size_t> latest;
  for (std::size_t i = 0; i < records.size(); ++i)
    latest[records[i].id] = i;
  std::vector<std::string> ids;
  ids.reserve(latest.size());
  for (const auto& [id, at] : latest)
    ids.emplace_back(id);
  bury(next->parts, ids);
  Segment::Builder builder;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (latest[records[i].id] == i) builder.add(records[i]);
  }
  const std::size_t live = builder.size();
  next->parts.push_back({builder.finish(), nullptr, live});
  compact(next->parts);
  writer_->current.store(std::move(next), std::memory_order_release);
}

void MarkingIndex::erase(const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::lock_guard lock(writer_->writing);
  auto next = std::make_shared<Snapshot>(*snapshot());
  bury(next->parts, ids);
  compact(next->parts);
  writer_->current.store(std::move(next), std::memory_order_release);
}

void MarkingIndex::rebuild(const std::function<bool(IndexedRecord& record)>& next_record) {
  std::lock_guard lock(writer_->writing);
  Segment::Builder builder;
  IndexedRecord record;
  while (next_record(record))
    builder.add(record);
  auto next = std::make_shared<Snapshot>();
  const std::size_t live = builder.size();
  if (live > 0) next->parts.push_back({builder.finish(), nullptr, live});
  writer_->current.store(std::move(next), std::memory_order_release);
}

std::size_t MarkingIndex::size() const {
  return snapshot()->live_records();
}

std::size_t MarkingIndex::index_bytes() const {
  std::size_t bytes = 0;
  for (const auto& part : snapshot()->parts) {
    bytes += part.segment->index_bytes();
    if (part.dead) bytes += part.dead->getSizeInBytes();
  }
  return bytes;
}

double score_from_cost(double cost, const marking::MarkingQuery& query) {
  const auto read = static_cast<double>(std::max<std::size_t>(1, query.symbol_count()));
  return std::clamp(1.0 - cost / read, 0.0, 1.0);
}

namespace {

Result<SearchResult> run_search(const MarkingIndex::Snapshot& snapshot,
                                const SearchRequest& request, bool exhaustively) {
  if (request.top < 1 || request.top > 1000)
    return Error::invalid("top", "top must be between 1 and 1000");
  if (!(request.min_score >= 0.0 && request.min_score <= 1.0))
    return Error::invalid("min_score", "min_score must be between 0 and 1");
  const PreparedQuery prepared = prepare_query(request.query, request.costs);
  const auto read = static_cast<double>(std::max(1, prepared.read_symbols));
  // The score falls by 1/read per edit, so min_score caps the cost (a little slack absorbs
  // rounding; ranking uses whole hundredths).
  const int max_cost =
      static_cast<int>(std::floor((1.0 - request.min_score) * read * kUnitsPerEdit + 1e-6));
  SearchFilters keys;
  keys.make = filter_key(request.filters.make);
  keys.model = filter_key(request.filters.model);
  keys.calibre = filter_key(request.filters.calibre);
  keys.weapon_type = filter_key(request.filters.weapon_type);
  keys.kind = filter_key(request.filters.kind);
  keys.state = filter_key(request.filters.state);
  keys.country_of_manufacture = filter_key(request.filters.country_of_manufacture);
  Viewer viewer = request.viewer;
  viewer.state = filter_key(viewer.state);

  TopHits top(static_cast<std::size_t>(request.top), max_cost);
  SearchResult result;
  result.query = request.query;
  for (const auto& part : snapshot.parts) {
    part.segment->search(prepared, keys, viewer, part.dead.get(), exhaustively, top,
                         result.statistics);
  }
  for (const auto& ranked : top.sorted()) {
    SearchHit hit;
    hit.id = std::string(ranked.id);
    const std::uint32_t record = ranked.segment->entry_record(ranked.entry);
    hit.record = ranked.segment->record(record);
    hit.external_id = hit.record.external_id;
    hit.marking = static_cast<int>(ranked.segment->entry_marking(ranked.entry));
    const std::string_view text = ranked.segment->entry_symbols(ranked.entry);
    hit.record_symbols.resize(text.size());
    hit.record_symbols.resize(decode_symbols(text, hit.record_symbols.data(), text.size()));
    hit.alignment = marking::align(request.query, hit.record_symbols, request.costs);
    hit.alignment.cost = static_cast<double>(ranked.cost) / kUnitsPerEdit;
    hit.score = score_from_cost(hit.alignment.cost, request.query);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace

Result<SearchResult> MarkingIndex::search(const SearchRequest& request) const {
  return run_search(*snapshot(), request, false);
}

Result<SearchResult> MarkingIndex::search_exhaustively(const SearchRequest& request) const {
  return run_search(*snapshot(), request, true);
}

}  // namespace concord::search
