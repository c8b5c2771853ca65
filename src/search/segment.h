// Segment: an immutable slice of the marking index. It holds its records (compactly, in one
// arena), one entry per marking, the canonical symbols of each entry, a posting bitmap of entries
// per folded bigram and trigram, and a bitmap of entries per filter value and per sharing rule.
// Entries are ordered by make, model and calibre, so that the usual filters select runs.
//
// search() finds the segment's best entries for a prepared query, in rounds of a growing edit
// budget: each round looks up pieces of the query that at least one must survive intact (the
// pigeonhole principle), bounds each candidate by bit-parallel search, and aligns exactly only
// those that may still enter the top hits; when the lookups would not pay, it scans instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <roaring/roaring.hh>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/indexed_record.h"
#include "search/marking_index.h"
#include "search/prepared_query.h"
#include "search/top_hits.h"

namespace concord::search {

// Filter values as compared: canonical text, so case, spacing and punctuation never matter.
std::string filter_key(std::string_view value);

class Segment {
 public:
  class Builder {
   public:
    Builder();
    ~Builder();
    // Records without markings are left out: there is nothing to find them by.
    void add(const IndexedRecord& record);
    std::size_t size() const;
    std::shared_ptr<const Segment> finish();

   private:
    struct Pending;
    std::unique_ptr<Pending> pending_;
  };

  std::size_t record_count() const { return record_offsets_.size() - 1; }
  std::size_t entry_count() const { return entry_record_.size(); }

  std::string_view record_id(std::uint32_t record) const;
  IndexedRecord record(std::uint32_t record) const;
  std::uint32_t entry_record(std::uint32_t entry) const { return entry_record_[entry]; }
  std::uint32_t entry_marking(std::uint32_t entry) const;
  std::string_view entry_symbols(std::uint32_t entry) const;
  // The entries of `record`: a contiguous range.
  std::pair<std::uint32_t, std::uint32_t> record_entries(std::uint32_t record) const;
  std::optional<std::uint32_t> find_record(std::string_view id) const;

  // Offers this segment's best entries for `query` to `top`, skipping `dead` entries. With
  // `exhaustively`, aligns every entry the filters admit (the oracle).
  void search(const PreparedQuery& query, const SearchFilters& filters, const Viewer& viewer,
              const Roaring* dead, bool exhaustively, TopHits& top,
              SearchStatistics& statistics) const;

  // Memory held beyond the strings of the records.
  std::size_t index_bytes() const;

 private:
  struct FilterValues {
    std::vector<std::string> keys;  // sorted
    std::vector<Roaring> entries;
    const Roaring* find(std::string_view key) const;
  };
  enum FilterField { make, model, calibre, weapon_type, kind, state, country, kFilterFields };

  std::optional<Roaring> admitted_entries(const SearchFilters& filters, const Viewer& viewer,
                                          const Roaring* dead, bool& nothing) const;
  // The posting of a gram of 2 or 3 folded symbols: its index in postings_, or -1 when no entry
  // holds the gram.
  int posting_slot(const char32_t* folded, int length) const;
  // Bounds `entries` (unless `exhaustively`) and aligns those that may still enter `top`.
  void check_entries(const PreparedQuery& query, const std::uint32_t* entries, std::size_t count,
                     bool exhaustively, TopHits& top, SearchStatistics& statistics) const;
  // Aligns one entry exactly and offers it; `bounded`: its bound was already checked.
  void align_entry(const PreparedQuery& query, std::uint32_t entry, bool bounded, TopHits& top,
                   SearchStatistics& statistics) const;

  std::string arena_;                          // each record's fields, length-prefixed
  std::vector<std::uint64_t> record_offsets_;  // record r spans [r], [r + 1]
  std::vector<std::uint32_t> record_first_entry_;
  std::vector<std::uint32_t> entry_record_;
  // Canonical UTF-8 of every entry, counted as index memory (a derived copy of the markings);
  // entry e spans [e], [e + 1]. A segment holds at most 4 GiB of them.
  std::string symbols_;
  std::vector<std::uint32_t> entry_offsets_;
  std::vector<std::uint32_t> records_by_id_;
  FilterValues filters_[kFilterFields];
  Roaring public_entries_;
  Roaring law_enforcement_entries_;
  FilterValues named_states_;                   // entries shared by name with each state
  std::vector<std::int32_t> ascii_gram_slots_;  // dense ASCII gram -> index in postings_, or -1
  std::unordered_map<std::uint64_t, std::uint32_t> other_gram_slots_;
  std::vector<Roaring> postings_;
  std::vector<std::uint32_t> posting_sizes_;
};

}  // namespace concord::search
