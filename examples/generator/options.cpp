// pqlscope-gen: parsing the command line.
#include "options.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "common.hpp"

namespace gen {

namespace {

void usage() {
  std::fputs(
      "usage: pqlscope-gen [options]\n"
      "  --seed N                 random seed (default 1); same seed => byte-identical files\n"
      "  --accounts N             number of accounts (default 20000)\n"
      "  --users-per-account X    mean users per account (default 5): mostly 1-10 users,\n"
      "                           a few large accounts with 50-500 users\n"
      "  --days N                 length of the period in days (default 180)\n"
      "  --end-date YYYY-MM-DD    last day of the period, UTC (default 2026-06-30)\n"
      "  --events N               approximate total number of events (default 10000000)\n"
      "  --out DIR                output directory (default examples/out)\n"
      "  --format csv|ndjson|both events file format(s) (default csv)\n"
      "  --shape plain|segment|mixpanel|amplitude|posthog   NDJSON shape (default plain)\n"
      "  --quiet                  no summary on stderr\n",
      stderr);
}

int64_t parse_int(const std::string& flag, const char* s, int64_t lo, int64_t hi) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
    die(flag + " expects an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + s + "'");
  return v;
}

}  // namespace

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      usage();
      std::exit(0);
    } else if (a == "--seed") {
      const char* s = value();
      errno = 0;
      char* end = nullptr;
      o.seed = std::strtoull(s, &end, 10);
      if (errno != 0 || end == s || *end != '\0') die("--seed expects a non-negative integer");
    } else if (a == "--accounts") {
      o.accounts = parse_int(a, value(), 1, 10000000);
    } else if (a == "--users-per-account") {
      const char* s = value();
      char* end = nullptr;
      o.users_per_account = std::strtod(s, &end);
      if (end == s || *end != '\0' || !(o.users_per_account >= 1.0) || o.users_per_account > 1000.0)
        die("--users-per-account expects a number in [1, 1000]");
    } else if (a == "--days") {
      o.days = static_cast<int>(parse_int(a, value(), 1, 3660));
    } else if (a == "--end-date") {
      o.end_date = value();
    } else if (a == "--events") {
      o.events = parse_int(a, value(), 0, 10000000000LL);
    } else if (a == "--out") {
      o.out = value();
    } else if (a == "--format") {
      const std::string f = value();
      if (f == "csv") { o.csv = true; o.ndjson = false; }
      else if (f == "ndjson") { o.csv = false; o.ndjson = true; }
      else if (f == "both") { o.csv = true; o.ndjson = true; }
      else die("--format expects csv, ndjson or both");
    } else if (a == "--shape") {
      o.shape = value();
      if (o.shape != "plain" && o.shape != "segment" && o.shape != "mixpanel" && o.shape != "amplitude" &&
          o.shape != "posthog")
        die("--shape expects plain, segment, mixpanel, amplitude or posthog");
    } else if (a == "--quiet") {
      o.quiet = true;
    } else {
      usage();
      die("unknown option '" + a + "'");
    }
  }
  return o;
}

}  // namespace gen
