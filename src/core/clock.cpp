#include "core/clock.h"

#include <charconv>
#include <cstdio>

namespace concord {

TimePoint SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string format_iso8601(TimePoint time) {
  using namespace std::chrono;
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock_time{time - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(clock_time.hours().count()),
                int(clock_time.minutes().count()), int(clock_time.seconds().count()),
                int(clock_time.subseconds().count()));
  return buffer;
}

namespace {

bool read_digits(std::string_view text, size_t at, size_t count, int& out) {
  if (at + count > text.size()) return false;
  for (size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return std::from_chars(text.data() + at, text.data() + at + count, out).ec == std::errc{};
}

}  // namespace

std::optional<TimePoint> parse_iso8601(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0;
  if (!read_digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' ||
      !read_digits(text, 5, 2, mo) || text[7] != '-' || !read_digits(text, 8, 2, d)) {
    return std::nullopt;
  }
  const year_month_day date{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!date.ok()) return std::nullopt;
  TimePoint result = time_point_cast<milliseconds>(sys_days{date});
  if (text.size() == 10) return result;

  int h = 0, mi = 0, s = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ') || !read_digits(text, 11, 2, h) ||
      text[13] != ':' || !read_digits(text, 14, 2, mi) || text[16] != ':' ||
      !read_digits(text, 17, 2, s) || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  result += hours{h} + minutes{mi} + seconds{s};
  size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    int millis = 0, digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[at] - '0');
      ++digits;
      ++at;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i)
      millis *= 10;
    result += milliseconds{millis};
  }
  if (at == text.size()) return std::nullopt;  // a time needs its zone
  if (text[at] == 'Z' && at + 1 == text.size()) return result;
  if ((text[at] == '+' || text[at] == '-') && at + 6 == text.size() && text[at + 3] == ':') {
    int oh = 0, om = 0;
    if (!read_digits(text, at + 1, 2, oh) || !read_digits(text, at + 4, 2, om) || oh > 23 ||
        om > 59) {
      return std::nullopt;
    }
    const auto offset = hours{oh} + minutes{om};
    return text[at] == '+' ? result - offset : result + offset;
  }
  return std::nullopt;
}

}  // namespace concord
