// CsvReader: a streaming reader of RFC 4180 CSV (comma-separated, fields optionally quoted with
// '"', a quote inside a quoted field doubled). It reads its std::istream in chunks, so input of any
// size takes memory for one record only, and it reports the physical line each record starts on.
// Lines end with LF, CRLF or a lone CR; a quoted field may hold any of them. A UTF-8 byte order
// mark at the very start is dropped, and lines with nothing on them are skipped. Fields and the
// number of columns are bounded: input past a limit is an error, never truncated.
//
// Malformed input (a quote inside an unquoted field, text after a closing quote, a quoted field
// never closed, a limit exceeded) is an invalid_argument error whose message says what is wrong;
// `record.line` then holds the line at fault. The reader resumes at the next line break, so a
// caller may report the bad record and carry on. Not thread-safe; the stream must outlive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "core/result.h"

namespace concord {

struct CsvLimits {
  std::size_t max_field_bytes = std::size_t{64} * 1024;
  std::size_t max_columns = 256;
};

struct CsvRecord {
  std::vector<std::string> fields;  // reused between reads, so reading allocates rarely
  std::uint64_t line = 0;           // the physical line the record starts on, from 1
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& input, CsvLimits limits = {});

  // Reads the next record into `record`: true when one was read, false at the end of the input,
  // invalid_argument (see above) when the input is malformed.
  Result<bool> next(CsvRecord& record);

  // Bytes taken from the stream so far (for progress reports).
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  bool fill();
  Error fail(CsvRecord& record, std::uint64_t line, std::string message);
  void skip_rest_of_line();

  std::istream& input_;
  CsvLimits limits_;
  std::vector<char> buffer_;
  std::size_t position_ = 0;
  std::size_t end_ = 0;
  bool at_end_ = false;
  bool at_start_ = true;        // the byte order mark may come next
  bool after_cr_ = false;       // the last byte was a CR, so an LF now ends no further line
  bool resynchronise_ = false;  // an error left the reader inside a record
  std::uint64_t line_ = 1;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace concord
