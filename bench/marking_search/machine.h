// Machine: what the benchmark ran on (noted beside every result, since figures mean nothing
// without it) and the process's resident memory, read from /proc. Linux only.
#pragma once

#include <cstddef>
#include <string>

namespace concord::bench {

struct Machine {
  std::string cpu;       // model name from /proc/cpuinfo
  unsigned cores = 0;    // logical CPUs this process may use
  double ram_gib = 0;    // MemTotal
  std::string date;      // UTC, ISO 8601
  std::string compiler;  // and build type
};

Machine describe_machine();

// The 1, 5 and 15 minute load averages ("0.52 0.61 0.70"): other work on the machine skews
// every figure, so the report shows it.
std::string load_average();

// VmRSS and VmHWM (peak) of this process, in bytes; 0 when /proc is unreadable.
std::size_t resident_bytes();
std::size_t peak_resident_bytes();

}  // namespace concord::bench
