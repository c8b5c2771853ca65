// CsvReader: a byte-at-a-time state machine over a fixed buffer; runs of ordinary bytes are
// copied in one append, which is what makes it fast enough for files of millions of rows.
#include "core/csv_reader.h"

#include <cstring>

namespace concord {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;

enum class State { record_start, field_start, unquoted, quoted, after_quote };

// The bytes that end a run of ordinary bytes, outside and inside quotes.
bool special_unquoted(char c) {
  return c == ',' || c == '"' || c == '\n' || c == '\r';
}
bool special_quoted(char c) {
  return c == '"' || c == '\n' || c == '\r';
}

}  // namespace

CsvReader::CsvReader(std::istream& input, CsvLimits limits)
    : input_(input), limits_(limits), buffer_(kChunkBytes) {}

bool CsvReader::fill() {
  if (at_end_) return false;
  // read() keeps reading until the buffer is full or the stream ends, so a short read means the
  // end, and the byte order mark (3 bytes) can only be split by an input shorter than itself.
  input_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  end_ = static_cast<std::size_t>(input_.gcount());
  position_ = 0;
  bytes_read_ += end_;
  if (end_ == 0) {
    at_end_ = true;
    return false;
  }
  if (at_start_) {
    at_start_ = false;
    if (end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) position_ = 3;
    if (position_ == end_) return fill();
  }
  return true;
}

Error CsvReader::fail(CsvRecord& record, std::uint64_t line, std::string message) {
  record.line = line;
  record.fields.clear();
  resynchronise_ = true;
  return Error::invalid("", std::move(message));
}

void CsvReader::skip_rest_of_line() {
  while (position_ < end_ || fill()) {
    const char c = buffer_[position_++];
    if (c == '\r') {
      ++line_;
      after_cr_ = true;
      return;
    }
    if (c == '\n') {
      if (!after_cr_) ++line_;
      after_cr_ = false;
      return;
    }
    after_cr_ = false;
  }
}

Result<bool> CsvReader::next(CsvRecord& record) {
  if (resynchronise_) {
    resynchronise_ = false;
    skip_rest_of_line();
  }
  std::size_t columns = 0;
  std::string* field = nullptr;
  std::uint64_t quote_line = 0;
  State state = State::record_start;

  // Starts the next field, reusing the string (and its capacity) left by an earlier record.
  const auto begin_field = [&]() -> bool {
    if (columns == limits_.max_columns) return false;
    if (columns == record.fields.size()) record.fields.emplace_back();
    field = &record.fields[columns++];
    field->clear();
    return true;
  };
  const auto too_many_columns = [&] {
    return fail(record, line_, "more than " + std::to_string(limits_.max_columns) + " columns");
  };
  const auto too_long = [&] {
    return fail(record, line_,
                "field " + std::to_string(columns) + " is longer than " +
                    std::to_string(limits_.max_field_bytes) + " bytes");
  };
  const auto finish = [&] {
    record.fields.resize(columns);
    return true;
  };
  // A line break ends the record; CRLF counts as one line.
  const auto end_of_line = [&](char c) {
    if (c == '\r') {
      ++line_;
      after_cr_ = true;
    } else {
      if (!after_cr_) ++line_;
      after_cr_ = false;
    }
  };

  for (;;) {
    if (position_ == end_ && !fill()) {
      switch (state) {
        case State::record_start:
          record.fields.clear();
          return false;
        case State::quoted:
          return fail(
              record, quote_line,
              "a quoted field opened on line " + std::to_string(quote_line) + " is never closed");
        default:
          return finish();
      }
    }
    const char c = buffer_[position_];
    switch (state) {
      case State::record_start:
        if (c == '\r' || c == '\n') {  // a blank line, or the LF of a CRLF that ended a record
          ++position_;
          end_of_line(c);
          continue;
        }
        after_cr_ = false;
        record.line = line_;
        if (!begin_field()) return too_many_columns();
        state = State::field_start;
        continue;

      case State::field_start:
        if (c == '"') {
          ++position_;
          quote_line = line_;
          state = State::quoted;
        } else if (c == ',') {
          ++position_;
          if (!begin_field()) return too_many_columns();
        } else if (c == '\r' || c == '\n') {
          ++position_;
          end_of_line(c);
          return finish();
        } else {
          state = State::unquoted;
        }
        continue;

      case State::unquoted: {
        std::size_t run = position_;
        while (run < end_ && !special_unquoted(buffer_[run]))
          ++run;
        if (run > position_) {
          if (field->size() + (run - position_) > limits_.max_field_bytes) return too_long();
          field->append(buffer_.data() + position_, run - position_);
          position_ = run;
          continue;
        }
        if (c == '"') {
          return fail(record, line_,
                      "a quote inside an unquoted field (quote the whole field and double "
                      "each quote in it)");
        }
        ++position_;
        if (c == ',') {
          if (!begin_field()) return too_many_columns();
          state = State::field_start;
          continue;
        }
        end_of_line(c);
        return finish();
      }

      case State::quoted: {
        std::size_t run = position_;
        while (run < end_ && !special_quoted(buffer_[run]))
          ++run;
        if (run > position_) {
          after_cr_ = false;
          if (field->size() + (run - position_) > limits_.max_field_bytes) return too_long();
          field->append(buffer_.data() + position_, run - position_);
          position_ = run;
          continue;
        }
        ++position_;
        if (c == '"') {
          state = State::after_quote;
          after_cr_ = false;
          continue;
        }
        // A line break inside quotes is data, but still a physical line.
        if (field->size() + 1 > limits_.max_field_bytes) return too_long();
        field->push_back(c);
        end_of_line(c);
        continue;
      }

      case State::after_quote:
        if (c == '"') {  // a doubled quote stands for one
          ++position_;
          if (field->size() + 1 > limits_.max_field_bytes) return too_long();
          field->push_back('"');
          state = State::quoted;
        } else if (c == ',') {
          ++position_;
          if (!begin_field()) return too_many_columns();
          state = State::field_start;
        } else if (c == '\r' || c == '\n') {
          ++position_;
          end_of_line(c);
          return finish();
        } else {
          return fail(record, line_,
                      "text after the closing quote of field " + std::to_string(columns) +
                          " (double a quote that is part of the field)");
        }
        continue;
    }
  }
}

}  // namespace concord
