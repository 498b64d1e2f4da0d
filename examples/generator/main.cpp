// pqlscope-gen: a deterministic, seeded generator of realistic B2B SaaS product data.
//
// Writes events (CSV and/or NDJSON in several analytics-export shapes), accounts,
// communications and the planted trial personas (ground truth). Events are generated one UTC
// day at a time across all accounts and written sorted by time, so memory stays small at any
// event count. Every random number comes from a (seed, purpose, account, day) stream of our own
// xoshiro256** and our own distribution code (detrand.hpp), so a seed gives byte-identical
// files on every platform. See examples/README.md for the model and the persona recipes.
#include <chrono>
#include <filesystem>

#include "generator.hpp"

namespace gen {

Generator::Generator(const Options& o) : o_(o) {
  int y = 0; unsigned m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(o.end_date.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    die("--end-date expects YYYY-MM-DD, got '" + o.end_date + "'");
  end_day_ = days_from_civil(y, m, d);
  int64_t cy; unsigned cm, cd;
  civil_from_days(end_day_, cy, cm, cd);
  if (cy != y || cm != m || cd != d) die("--end-date is not a valid date: '" + o.end_date + "'");
  D_ = o.days;
  start_day_ = end_day_ - D_ + 1;
  E_ = D_ - 1;
  W0_ = std::max(0, D_ - 7);
  trial_tab_ = make_table(0.0, 0.3, 0.05, 0.3);
  paid_tab_ = make_table(1.0, 0.5, 0.01, 0.2);
  ent_tab_ = make_table(1.0, 1.2, 0.02, 1.0);
  free_tab_ = make_table(0.7, 0.4, 0.0, 0.0);
}

void Generator::run() {
  const auto t0 = std::chrono::steady_clock::now();
  make_accounts();
  make_users();
  make_names();
  plan_trials();
  calibrate();
  make_comms();
  std::filesystem::create_directories(o_.out);
  write_accounts();
  write_personas();
  write_comms();
  const uint64_t n = write_events();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!o_.quiet) summary(n, secs);
}

}  // namespace gen

int main(int argc, char** argv) {
  const gen::Options o = gen::parse_args(argc, argv);
  gen::Generator g(o);
  g.run();
  return 0;
}
