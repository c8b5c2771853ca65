#include "search/segment.h"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <numeric>

#include "access/policy.h"
#include "marking/canonical_marking.h"
#include "search/lane_bound.h"
#include "search/record_distance.h"
#include "search/symbol_fold.h"

namespace concord::search {
namespace {

// Dense slots for grams of folded ASCII symbols: 36 symbols, so 36² bigrams then 36³ trigrams.
constexpr int kDenseSymbols = 36;
constexpr int kDenseBigrams = kDenseSymbols * kDenseSymbols;
constexpr int kDenseGrams = kDenseBigrams + kDenseBigrams * kDenseSymbols;
constexpr std::size_t kStackSymbols = 128;
constexpr std::size_t kChunk = 4096;  // entries gathered before they are checked together

int dense_symbol(char32_t folded) {
  if (folded >= U'0' && folded <= U'9') return static_cast<int>(folded - U'0');
  if (folded >= U'A' && folded <= U'Z') return 10 + static_cast<int>(folded - U'A');
  return -1;
}

// The dense slot of a gram of 2 or 3 folded symbols, or -1 when a symbol is not ASCII.
int dense_gram(const char32_t* folded, int length) {
  int slot = 0;
  for (int i = 0; i < length; ++i) {
    const int symbol = dense_symbol(folded[i]);
    if (symbol < 0) return -1;
    slot = slot * kDenseSymbols + symbol;
  }
  return length == 2 ? slot : kDenseBigrams + slot;
}

std::uint64_t sparse_gram(const char32_t* folded, int length) {
  std::uint64_t key = length == 3 ? (std::uint64_t{1} << 63) : 0;
  for (int i = 0; i < length; ++i)
    key = (key << 21) | (folded[i] & 0x1FFFFFu);
  return key;
}

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

std::uint64_t get_varint(std::string_view text, std::size_t& at) {
  std::uint64_t value = 0;
  int shift = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at++]);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) break;
    shift += 7;
  }
  return value;
}

void put_text(std::string& out, std::string_view text) {
  put_varint(out, text.size());
  out.append(text);
}

std::string_view get_text(std::string_view text, std::size_t& at) {
  const auto length = static_cast<std::size_t>(get_varint(text, at));
  const auto value = text.substr(at, length);
  at += length;
  return value;
}

void encode_record(std::string& out, const IndexedRecord& record) {
  for (const std::string* field :
       {&record.id, &record.external_id, &record.kind, &record.state, &record.weapon_type,
        &record.make, &record.model, &record.calibre, &record.country_of_manufacture,
        &record.sharing}) {
    put_text(out, *field);
  }
  put_varint(out, record.shared_with.size());
  for (const auto& state : record.shared_with)
    put_text(out, state);
  put_varint(out, record.markings.size());
  for (const auto& marking : record.markings)
    put_text(out, marking);
}

IndexedRecord decode_record(std::string_view bytes) {
  IndexedRecord record;
  std::size_t at = 0;
  for (std::string* field : {&record.id, &record.external_id, &record.kind, &record.state,
                             &record.weapon_type, &record.make, &record.model, &record.calibre,
                             &record.country_of_manufacture, &record.sharing}) {
    *field = std::string(get_text(bytes, at));
  }
  for (auto count = get_varint(bytes, at); count > 0; --count)
    record.shared_with.emplace_back(get_text(bytes, at));
  for (auto count = get_varint(bytes, at); count > 0; --count)
    record.markings.emplace_back(get_text(bytes, at));
  return record;
}

std::string_view record_id_of(std::string_view bytes) {
  std::size_t at = 0;
  return get_text(bytes, at);
}

Roaring bitmap_of(const std::vector<std::uint32_t>& sorted) {
  Roaring bitmap(sorted.size(), sorted.data());
  bitmap.runOptimize();
  bitmap.shrinkToFit();
  return bitmap;
}

// A query segment that, in a round with edit budget k, is one of k + 1 disjoint pieces of the
// query of which one must appear intact in every record within k edits.
struct QuerySegment {
  int piece = 0;
  int begin = 0;
  int end = 0;
};

// Chooses `count` segments of at least two symbols from the query's pieces, minimising the summed
// estimate `cost`; empty when they do not fit. With `gaps`, at least one symbol separates two
// segments of one piece, so that one adjacent swap can break only one of them; without, the
// caller must also look up each boundary with its two symbols swapped.
std::vector<QuerySegment> choose_segments(const std::vector<std::vector<char32_t>>& pieces,
                                          int count, bool gaps,
                                          const std::function<double(int, int, int)>& cost) {
  const int gap = gaps ? 1 : 0;
  constexpr double kImpossible = std::numeric_limits<double>::infinity();
  // best(p, x, j): the cheapest way to place j more segments from position x of piece p on.
  struct Choice {
    double cost = kImpossible;
    int end = -1;  // -1: skip position x
  };
  std::vector<std::vector<std::vector<Choice>>> memo(pieces.size());
  std::vector<std::vector<std::vector<bool>>> known(pieces.size());
  for (std::size_t p = 0; p < pieces.size(); ++p) {
    memo[p].assign(pieces[p].size() + 1, std::vector<Choice>(count + 1));
    known[p].assign(pieces[p].size() + 1, std::vector<bool>(count + 1, false));
  }
  std::function<double(std::size_t, int, int)> best = [&](std::size_t p, int x, int j) {
    if (j == 0) return 0.0;
    if (p >= pieces.size()) return kImpossible;
    const int length = static_cast<int>(pieces[p].size());
    if (x >= length) return best(p + 1, 0, j);
    if (known[p][x][j]) return memo[p][x][j].cost;
    Choice choice{best(p, x + 1, j), -1};
    for (int end = x + 2; end <= length; ++end) {
      const double rest = end + gap >= length ? best(p + 1, 0, j - 1) : best(p, end + gap, j - 1);
      const double total = cost(static_cast<int>(p), x, end) + rest;
      if (total < choice.cost) choice = {total, end};
    }
    known[p][x][j] = true;
    memo[p][x][j] = choice;
    return choice.cost;
  };
  if (best(0, 0, count) == kImpossible) return {};
  std::vector<QuerySegment> chosen;
  std::size_t p = 0;
  int x = 0;
  for (int j = count; j > 0;) {
    const int length = static_cast<int>(pieces[p].size());
    if (x >= length) {
      ++p;
      x = 0;
      continue;
    }
    const Choice& choice = memo[p][x][j];
    if (choice.end < 0) {
      ++x;
      continue;
    }
    chosen.push_back({static_cast<int>(p), x, choice.end});
    --j;
    if (choice.end + gap >= length) {
      ++p;
      x = 0;
    } else {
      x = choice.end + gap;
    }
  }
  return chosen;
}

}  // namespace

std::string filter_key(std::string_view value) {
  return marking::canonical_text(value);
}

// ----- building -----

// Attribute values repeat across millions of records, so each distinct value is folded once.
class KeyCache {
 public:
  const std::string& key(const std::string& value) {
    auto found = keys_.find(value);
    if (found == keys_.end()) found = keys_.emplace(value, filter_key(value)).first;
    return found->second;
  }

 private:
  std::unordered_map<std::string, std::string> keys_;
};

struct Segment::Builder::Pending {
  std::string arena;
  std::vector<std::uint64_t> offsets{0};
  // The make, model and calibre of each record, as numbers into `values`: what entries are
  // ordered by.
  std::unordered_map<std::string, std::uint32_t> value_numbers;
  std::vector<std::string> values;
  std::vector<std::array<std::uint32_t, 3>> attributes;

  std::uint32_t number(const std::string& value) {
    const auto [found, added] =
        value_numbers.emplace(value, static_cast<std::uint32_t>(values.size()));
    if (added) values.push_back(value);
    return found->second;
  }
};

Segment::Builder::Builder() : pending_(std::make_unique<Pending>()) {}
Segment::Builder::~Builder() = default;

std::size_t Segment::Builder::size() const {
  return pending_->attributes.size();
}

void Segment::Builder::add(const IndexedRecord& record) {
  if (record.markings.empty()) return;  // nothing to find it by
  encode_record(pending_->arena, record);
  pending_->offsets.push_back(pending_->arena.size());
  pending_->attributes.push_back({pending_->number(record.make), pending_->number(record.model),
                                  pending_->number(record.calibre)});
}

std::shared_ptr<const Segment> Segment::Builder::finish() {
  Pending& pending = *pending_;
  const std::size_t count = pending.attributes.size();
  KeyCache keys;
  // Rank the distinct values by their folded key, then order records by the ranks of their make,
  // model and calibre (stable: equal ones keep the order they came in).
  std::vector<std::uint32_t> by_key(pending.values.size());
  std::iota(by_key.begin(), by_key.end(), 0u);
  std::sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) {
    return keys.key(pending.values[a]) < keys.key(pending.values[b]);
  });
  std::vector<std::uint32_t> rank(pending.values.size());
  for (std::uint32_t r = 0; r < by_key.size(); ++r)
    rank[by_key[r]] = r;
  std::vector<std::uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto& x = pending.attributes[a];
    const auto& y = pending.attributes[b];
    for (int i = 0; i < 3; ++i) {
      if (rank[x[i]] != rank[y[i]]) return rank[x[i]] < rank[y[i]];
    }
    return false;
  });
  pending.attributes = {};

  auto segment = std::make_shared<Segment>();
  segment->arena_.reserve(pending.arena.size());
  segment->record_offsets_.reserve(count + 1);
  segment->record_offsets_.push_back(0);
  segment->record_first_entry_.reserve(count + 1);

  std::vector<std::unordered_map<std::string, std::vector<std::uint32_t>>> filter_entries(
      kFilterFields);
  std::unordered_map<std::string, std::vector<std::uint32_t>> named_entries;
  std::vector<std::uint32_t> public_entries;
  std::vector<std::uint32_t> law_enforcement_entries;
  std::vector<std::vector<std::uint32_t>> dense_postings(kDenseGrams);
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> sparse_postings;
  segment->entry_offsets_.push_back(0);

  auto add_gram = [&](const char32_t* folded, int length, std::uint32_t entry) {
    const int dense = dense_gram(folded, length);
    auto& list = dense >= 0 ? dense_postings[dense] : sparse_postings[sparse_gram(folded, length)];
    if (list.empty() || list.back() != entry) list.push_back(entry);
  };

  std::vector<char32_t> folded;
  for (std::uint32_t r = 0; r < count; ++r) {
    const std::uint32_t source = order[r];
    const std::string_view bytes(pending.arena.data() + pending.offsets[source],
                                 pending.offsets[source + 1] - pending.offsets[source]);
    const IndexedRecord record = decode_record(bytes);
    segment->arena_.append(bytes);
    segment->record_offsets_.push_back(segment->arena_.size());
    segment->record_first_entry_.push_back(
        static_cast<std::uint32_t>(segment->entry_record_.size()));
    for (const auto& marking : record.markings) {
      const auto entry = static_cast<std::uint32_t>(segment->entry_record_.size());
      const std::string canonical = marking::canonical_text(marking);
      segment->symbols_ += canonical;
      segment->entry_offsets_.push_back(static_cast<std::uint32_t>(segment->symbols_.size()));
      segment->entry_record_.push_back(r);

      folded.resize(canonical.size());
      const std::size_t length = decode_symbols(canonical, folded.data(), folded.size());
      for (std::size_t i = 0; i < length; ++i)
        folded[i] = fold_symbol(folded[i]);
      for (std::size_t i = 0; i + 2 <= length; ++i)
        add_gram(&folded[i], 2, entry);
      for (std::size_t i = 0; i + 3 <= length; ++i)
        add_gram(&folded[i], 3, entry);

      const std::string* values[kFilterFields] = {&record.make,
                                                  &record.model,
                                                  &record.calibre,
                                                  &record.weapon_type,
                                                  &record.kind,
                                                  &record.state,
                                                  &record.country_of_manufacture};
      for (int field = 0; field < kFilterFields; ++field)
        filter_entries[field][keys.key(*values[field])].push_back(entry);
      if (record.sharing == access::to_string(access::Sharing::public_)) {
        public_entries.push_back(entry);
      } else if (record.sharing == access::to_string(access::Sharing::law_enforcement)) {
        law_enforcement_entries.push_back(entry);
      } else if (record.sharing == access::to_string(access::Sharing::named_states)) {
        for (const auto& state : record.shared_with)
          named_entries[keys.key(state)].push_back(entry);
      }
    }
  }
  segment->record_first_entry_.push_back(static_cast<std::uint32_t>(segment->entry_record_.size()));
  pending.arena = {};
  pending.offsets = {};

  {
    std::vector<std::string_view> ids(count);
    for (std::uint32_t r = 0; r < count; ++r)
      ids[r] = segment->record_id(r);
    segment->records_by_id_.resize(count);
    std::iota(segment->records_by_id_.begin(), segment->records_by_id_.end(), 0u);
    std::sort(segment->records_by_id_.begin(), segment->records_by_id_.end(),
              [&](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
  }

  auto fill = [](FilterValues& target,
                 std::unordered_map<std::string, std::vector<std::uint32_t>>& source) {
    for (const auto& [key, entries] : source)
      target.keys.push_back(key);
    std::sort(target.keys.begin(), target.keys.end());
    for (const auto& key : target.keys)
      target.entries.push_back(bitmap_of(source[key]));
  };
  for (int field = 0; field < kFilterFields; ++field)
    fill(segment->filters_[field], filter_entries[field]);
  fill(segment->named_states_, named_entries);
  segment->public_entries_ = bitmap_of(public_entries);
  segment->law_enforcement_entries_ = bitmap_of(law_enforcement_entries);

  segment->ascii_gram_slots_.assign(kDenseGrams, -1);
  for (int slot = 0; slot < kDenseGrams; ++slot) {
    auto& list = dense_postings[slot];
    if (list.empty()) continue;
    segment->ascii_gram_slots_[slot] = static_cast<std::int32_t>(segment->postings_.size());
    segment->posting_sizes_.push_back(static_cast<std::uint32_t>(list.size()));
    segment->postings_.push_back(bitmap_of(list));
    list = {};
  }
  for (auto& [key, list] : sparse_postings) {
    segment->other_gram_slots_[key] = static_cast<std::uint32_t>(segment->postings_.size());
    segment->posting_sizes_.push_back(static_cast<std::uint32_t>(list.size()));
    segment->postings_.push_back(bitmap_of(list));
  }
  segment->arena_.shrink_to_fit();
  segment->symbols_.shrink_to_fit();
  return segment;
}

// ----- reading -----

std::string_view Segment::record_id(std::uint32_t record) const {
  return record_id_of(std::string_view(arena_).substr(
      record_offsets_[record], record_offsets_[record + 1] - record_offsets_[record]));
}

IndexedRecord Segment::record(std::uint32_t record) const {
  return decode_record(std::string_view(arena_).substr(
      record_offsets_[record], record_offsets_[record + 1] - record_offsets_[record]));
}

std::uint32_t Segment::entry_marking(std::uint32_t entry) const {
  return entry - record_first_entry_[entry_record_[entry]];
}

std::string_view Segment::entry_symbols(std::uint32_t entry) const {
  return std::string_view(symbols_).substr(entry_offsets_[entry],
                                           entry_offsets_[entry + 1] - entry_offsets_[entry]);
}

std::pair<std::uint32_t, std::uint32_t> Segment::record_entries(std::uint32_t record) const {
  return {record_first_entry_[record], record_first_entry_[record + 1]};
}

std::optional<std::uint32_t> Segment::find_record(std::string_view id) const {
  const auto found = std::lower_bound(
      records_by_id_.begin(), records_by_id_.end(), id,
      [&](std::uint32_t record, std::string_view wanted) { return record_id(record) < wanted; });
  if (found == records_by_id_.end() || record_id(*found) != id) return std::nullopt;
  return *found;
}

const Roaring* Segment::FilterValues::find(std::string_view key) const {
  const auto found = std::lower_bound(keys.begin(), keys.end(), key);
  if (found == keys.end() || *found != key) return nullptr;
  return &entries[static_cast<std::size_t>(found - keys.begin())];
}

int Segment::posting_slot(const char32_t* folded, int length) const {
  const int dense = dense_gram(folded, length);
  if (dense >= 0) return ascii_gram_slots_[dense];
  const auto found = other_gram_slots_.find(sparse_gram(folded, length));
  return found == other_gram_slots_.end() ? -1 : static_cast<int>(found->second);
}

// ----- searching -----

std::optional<Roaring> Segment::admitted_entries(const SearchFilters& filters, const Viewer& viewer,
                                                 const Roaring* dead, bool& nothing) const {
  nothing = false;
  std::optional<Roaring> admitted;
  auto narrow = [&](const Roaring& bitmap) {
    if (admitted) {
      *admitted &= bitmap;
    } else {
      admitted = bitmap;
    }
  };
  const std::string* wanted[kFilterFields] = {&filters.make,
                                              &filters.model,
                                              &filters.calibre,
                                              &filters.weapon_type,
                                              &filters.kind,
                                              &filters.state,
                                              &filters.country_of_manufacture};
  for (int field = 0; field < kFilterFields; ++field) {
    if (wanted[field]->empty()) continue;
    const Roaring* bitmap = filters_[field].find(*wanted[field]);
    if (bitmap == nullptr) {
      nothing = true;
      return std::nullopt;
    }
    narrow(*bitmap);
  }
  if (!viewer.sees_everything) {
    Roaring visible = public_entries_;
    if (viewer.law_enforcement) visible |= law_enforcement_entries_;
    if (!viewer.state.empty()) {
      if (const auto* own = filters_[state].find(viewer.state)) visible |= *own;
      if (const auto* named = named_states_.find(viewer.state)) visible |= *named;
    }
    narrow(visible);
  }
  if (dead != nullptr && !dead->isEmpty()) {
    if (!admitted) {
      admitted.emplace();
      admitted->addRange(0, entry_count());
    }
    *admitted -= *dead;
  }
  if (admitted && admitted->isEmpty()) nothing = true;
  return admitted;
}

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

void Segment::align_entry(const PreparedQuery& query, std::uint32_t entry, bool bounded,
                          TopHits& top, SearchStatistics& statistics) const {
  const std::string_view text = entry_symbols(entry);
  const int limit = top.limit();
  char32_t stack[kStackSymbols];
  std::vector<char32_t> heap;
  char32_t* symbols = stack;
  std::size_t length = decode_symbols(text, stack, kStackSymbols);
  if (length > kStackSymbols) {
    heap.resize(length);
    decode_symbols(text, heap.data(), heap.size());
    symbols = heap.data();
  }
  if (!bounded && unit_bound(query, symbols, length) > limit) return;
  ++statistics.verified;
  const int cost = weighted_cost(query, symbols, length, limit);
  if (cost > limit) return;
  top.offer({cost, record_id(entry_record_[entry]), this, entry});
}

void Segment::check_entries(const PreparedQuery& query, const std::uint32_t* entries,
                            std::size_t count, bool exhaustively, TopHits& top,
                            SearchStatistics& statistics) const {
  statistics.candidates += count;
  if (exhaustively) {
    // The oracle aligns everything, with no bound to trust.
    for (std::size_t i = 0; i < count; ++i)
      align_entry(query, entries[i], /*bounded=*/true, top, statistics);
    return;
  }
  // Nearly every marking is ASCII once canonical: bound those eight at a time from their bytes,
  // and decode only the few that go on to the exact alignment.
  const unsigned char* texts[kLanes];
  std::size_t lengths[kLanes];
  std::uint32_t lane_entries[kLanes];
  std::size_t filled = 0;
  auto flush = [&] {
    int bounds[kLanes];
    bound_eight(query, texts, lengths, filled, bounds);
    for (std::size_t lane = 0; lane < filled; ++lane) {
      if (bounds[lane] <= top.limit())
        align_entry(query, lane_entries[lane], true, top, statistics);
    }
    filled = 0;
  };
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view text = entry_symbols(entries[i]);
    if (!is_ascii(text)) {
      align_entry(query, entries[i], /*bounded=*/false, top, statistics);
      continue;
    }
    texts[filled] = reinterpret_cast<const unsigned char*>(text.data());
    lengths[filled] = text.size();
    lane_entries[filled] = entries[i];
    if (++filled == kLanes) flush();
  }
  if (filled > 0) flush();
}

void Segment::search(const PreparedQuery& query, const SearchFilters& filters, const Viewer& viewer,
                     const Roaring* dead, bool exhaustively, TopHits& top,
                     SearchStatistics& statistics) const {
  bool nothing = false;
  const std::optional<Roaring> admitted = admitted_entries(filters, viewer, dead, nothing);
  if (nothing || entry_count() == 0) return;
  const double admitted_count =
      admitted ? static_cast<double>(admitted->cardinality()) : static_cast<double>(entry_count());

  auto scan = [&](const Roaring* skip) {
    statistics.scanned = true;
    std::vector<std::uint32_t> chunk;
    chunk.reserve(kChunk);
    auto take = [&](std::uint32_t entry) {
      chunk.push_back(entry);
      if (chunk.size() == kChunk) {
        check_entries(query, chunk.data(), chunk.size(), exhaustively, top, statistics);
        chunk.clear();
      }
    };
    if (skip == nullptr && !admitted) {
      for (std::uint32_t entry = 0; entry < entry_count(); ++entry)
        take(entry);
      check_entries(query, chunk.data(), chunk.size(), exhaustively, top, statistics);
      return;
    }
    Roaring remaining;
    if (admitted) {
      remaining = skip ? (*admitted - *skip) : *admitted;
    } else {
      remaining.addRange(0, entry_count());
      remaining -= *skip;
    }
    for (const std::uint32_t entry : remaining)
      take(entry);
    check_entries(query, chunk.data(), chunk.size(), exhaustively, top, statistics);
  };
  if (exhaustively) {
    scan(nullptr);
    return;
  }

  const int cheapest_edit = query.costs.cheapest_edit();
  // Where the lookups stop paying: scanning reads entries in order and is several times cheaper
  // per entry than a bitmap's random candidates.
  constexpr double kScanAdvantage = 4.0;
  const double scale = admitted_count / static_cast<double>(entry_count());
  Roaring checked;
  for (int budget = 0;; ++budget) {
    // Every entry not yet checked is at least `budget` edits away.
    if (budget * cheapest_edit > top.limit()) return;
    // A pattern: folded symbols that every candidate of a round holds intact, looked up as the
    // intersection of its grams' postings (trigrams, or the one bigram of a pair).
    // How many entries hold it, by the chain rule of an n-gram model: P(abcd) is about
    // P(abc) P(bcd) / P(bc). Serials share prefixes and count in sequence, so the smallest posting
    // alone badly overestimates long pieces and misjudges which pieces are selective.
    auto estimate_pattern = [&](const char32_t* symbols, int length) {
      auto size = [&](int at, int gram) {
        const int slot = posting_slot(symbols + at, gram);
        return slot < 0 ? 0.0 : static_cast<double>(posting_sizes_[slot]);
      };
      if (length < 3) return size(0, 2) * scale;
      double smallest = size(0, 3);
      double chained = smallest;
      for (int at = 1; at + 3 <= length; ++at) {
        const double trigram = size(at, 3);
        const double overlap = size(at, 2);
        smallest = std::min(smallest, trigram);
        chained = overlap > 0 ? chained * trigram / overlap : 0.0;
      }
      return std::min(smallest, chained) * scale;
    };
    auto estimate = [&](int piece, int begin, int end) {
      return estimate_pattern(&query.pieces[static_cast<std::size_t>(piece)][begin], end - begin);
    };
    // Round 1 may also cut pieces without a gap, looking up each boundary swapped as well: on
    // short serials that leaves longer, far more selective segments.
    std::vector<std::vector<char32_t>> patterns;
    double expected = std::numeric_limits<double>::infinity();
    for (const bool gaps : {true, false}) {
      if (!gaps && budget != 1) continue;
      const auto chosen = choose_segments(query.pieces, budget + 1, gaps, estimate);
      if (chosen.empty()) continue;
      std::vector<std::vector<char32_t>> plan;
      double plan_cost = 0;
      for (std::size_t i = 0; i < chosen.size(); ++i) {
        const auto& symbols = query.pieces[static_cast<std::size_t>(chosen[i].piece)];
        plan.emplace_back(symbols.begin() + chosen[i].begin, symbols.begin() + chosen[i].end);
        if (!gaps && i + 1 < chosen.size() && chosen[i + 1].piece == chosen[i].piece &&
            chosen[i + 1].begin == chosen[i].end) {
          std::vector<char32_t> bridge(symbols.begin() + chosen[i].begin,
                                       symbols.begin() + chosen[i + 1].end);
          const auto at = static_cast<std::size_t>(chosen[i].end - chosen[i].begin);
          std::swap(bridge[at - 1], bridge[at]);
          plan.push_back(std::move(bridge));
        }
      }
      for (const auto& pattern : plan)
        plan_cost += estimate_pattern(pattern.data(), static_cast<int>(pattern.size()));
      if (plan_cost < expected) {
        expected = plan_cost;
        patterns = std::move(plan);
      }
    }
    const double unchecked = admitted_count - static_cast<double>(checked.cardinality());
    if (patterns.empty() || expected * kScanAdvantage >= unchecked) {
      scan(&checked);
      return;
    }
    Roaring candidates;
    for (const auto& pattern : patterns) {
      const int length = static_cast<int>(pattern.size());
      const int gram = length >= 3 ? 3 : 2;
      std::vector<const Roaring*> lists;
      bool absent = false;
      for (int at = 0; at + gram <= length; ++at) {
        const int slot = posting_slot(&pattern[static_cast<std::size_t>(at)], gram);
        if (slot < 0) {
          absent = true;
          break;
        }
        lists.push_back(&postings_[static_cast<std::size_t>(slot)]);
      }
      if (absent) continue;  // no entry holds this pattern intact
      std::sort(lists.begin(), lists.end(),
                [](const auto* a, const auto* b) { return a->cardinality() < b->cardinality(); });
      Roaring intact = admitted ? (*lists.front() & *admitted) : *lists.front();
      for (std::size_t i = 1; i < lists.size() && !intact.isEmpty(); ++i)
        intact &= *lists[i];
      candidates |= intact;
    }
    candidates -= checked;
    std::vector<std::uint32_t> listed(candidates.cardinality());
    candidates.toUint32Array(listed.data());
    check_entries(query, listed.data(), listed.size(), false, top, statistics);
    checked |= candidates;
  }
}

std::size_t Segment::index_bytes() const {
  std::size_t bytes = record_offsets_.size() * sizeof(std::uint64_t) +
                      record_first_entry_.size() * sizeof(std::uint32_t) +
                      entry_record_.size() * sizeof(std::uint32_t) +
                      entry_offsets_.size() * sizeof(std::uint32_t) + symbols_.size() +
                      records_by_id_.size() * sizeof(std::uint32_t) +
                      ascii_gram_slots_.size() * sizeof(std::int32_t) +
                      other_gram_slots_.size() * 32 + posting_sizes_.size() * 4;
  for (const auto& bitmap : postings_)
    bytes += bitmap.getSizeInBytes() + sizeof(bitmap);
  for (const auto& values : filters_) {
    for (const auto& bitmap : values.entries)
      bytes += bitmap.getSizeInBytes() + sizeof(bitmap);
  }
  for (const auto& bitmap : named_states_.entries)
    bytes += bitmap.getSizeInBytes();
  bytes += public_entries_.getSizeInBytes() + law_enforcement_entries_.getSizeInBytes();
  return bytes;
}

}  // namespace concord::search
