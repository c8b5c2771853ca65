#include "machine.h"

#include <sched.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

namespace concord::bench {
namespace {

// The value of `key` in a "Key: value" file such as /proc/cpuinfo or /proc/self/status.
std::string proc_field(const char* path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) != 0) continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const size_t start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? std::string() : line.substr(start);
  }
  return {};
}

// "123456 kB" -> bytes.
std::size_t kilobytes(const std::string& value) {
  std::istringstream in(value);
  std::size_t amount = 0;
  in >> amount;
  return amount * 1024;
}

}  // namespace

Machine describe_machine() {
  Machine machine;
  machine.cpu = proc_field("/proc/cpuinfo", "model name");
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) machine.cores = CPU_COUNT(&set);
  machine.ram_gib =
      static_cast<double>(kilobytes(proc_field("/proc/meminfo", "MemTotal"))) / (1u << 30);
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &utc);
  machine.date = date;
#ifdef NDEBUG
  const char* build = "optimised (NDEBUG)";
#else
  const char* build = "with assertions (not NDEBUG): figures are pessimistic";
#endif
#if defined(__clang__)
  const char* compiler = "clang ";
#else
  const char* compiler = "GCC ";
#endif
  machine.compiler = compiler + std::string(__VERSION__) + ", " + build;
  return machine;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::size_t resident_bytes() {
  return kilobytes(proc_field("/proc/self/status", "VmRSS"));
}

std::size_t peak_resident_bytes() {
  return kilobytes(proc_field("/proc/self/status", "VmHWM"));
}

}  // namespace concord::bench
