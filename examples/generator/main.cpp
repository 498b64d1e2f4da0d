// pqlscope-gen: a deterministic, seeded generator of realistic B2B SaaS product data.
//
// Writes events (CSV and/or NDJSON in several analytics-export shapes), accounts,
// communications and the planted trial personas (ground truth). Events are generated one UTC
// day at a time across all accounts and written sorted by time, so memory stays small at any
// event count. Every random number comes from a (seed, purpose, account, day) stream of our own
// xoshiro256** and our own distribution code (detrand.hpp), so a seed gives byte-identical
// files on every platform. See examples/README.md for the model and the persona recipes.
#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.hpp"
#include "detrand.hpp"
#include "pqlscope/io/calendar.hpp"
#include "pqlscope/io/csv_writer.hpp"

namespace gen {
namespace {

constexpr int64_t kNone = INT64_MIN;
constexpr int64_t kDay = 86400;
constexpr int kTrialDays = 14;

// Stream tags (purposes) for stream_seed().
enum Tag : uint64_t {
  kTagPlans = 1, kTagPersonas, kTagAccount, kTagUsers, kTagNames, kTagWorkspaces, kTagDay,
  kTagTrialPlan, kTagComms, kTagIds, kTagLarge,
};

// ------------------------------------------------------------------ options
struct Options {
  uint64_t seed = 1;
  int64_t accounts = 20000;
  double users_per_account = 5.0;
  int days = 180;
  std::string end_date = "2026-06-30";
  int64_t events = 10000000;
  std::string out = "examples/out";
  bool csv = true;
  bool ndjson = false;
  std::string shape = "plain";
  bool quiet = false;
};

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "pqlscope-gen: %s\n", msg.c_str());
  std::exit(2);
}

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

// ------------------------------------------------------------------ dates
using pqlscope::civil_from_days;
using pqlscope::days_from_civil;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

void put2(char* p, unsigned v) { p[0] = static_cast<char>('0' + v / 10); p[1] = static_cast<char>('0' + v % 10); }

// "YYYY-MM-DD" + sep + "HH:MM:SS" (19 chars, no terminator)
void format_datetime(int64_t ts, char sep, char* out) {
  const int64_t day = floor_div(ts, kDay);
  const int64_t sec = ts - day * kDay;
  int64_t y; unsigned m, d;
  civil_from_days(day, y, m, d);
  const unsigned yy = static_cast<unsigned>(y < 0 ? 0 : y > 9999 ? 9999 : y);
  put2(out, yy / 100);
  put2(out + 2, yy % 100);
  out[4] = '-';
  put2(out + 5, m);
  out[7] = '-';
  put2(out + 8, d);
  out[10] = sep;
  put2(out + 11, static_cast<unsigned>(sec / 3600));
  out[13] = ':';
  put2(out + 14, static_cast<unsigned>(sec / 60 % 60));
  out[16] = ':';
  put2(out + 17, static_cast<unsigned>(sec % 60));
}

std::string iso(int64_t ts) {
  if (ts == kNone) return "";
  char buf[24];
  format_datetime(ts, 'T', buf);
  buf[19] = 'Z';
  return std::string(buf, 20);
}

// 0 = Sunday ... 6 = Saturday
int weekday(int64_t epoch_day) { return static_cast<int>(((epoch_day % 7) + 7 + 4) % 7); }

// ------------------------------------------------------------------ output
class Writer {
 public:
  explicit Writer(const std::filesystem::path& p) : path_(p.string()) {
    f_ = std::fopen(path_.c_str(), "wb");
    if (!f_) die("cannot write " + path_ + ": " + std::strerror(errno));
    buf_.resize(1 << 20);
  }
  ~Writer() { close(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void put(const char* s, size_t n) {
    if (n_ + n > buf_.size()) flush();
    if (n > buf_.size()) { raw(s, n); return; }
    std::memcpy(buf_.data() + n_, s, n);
    n_ += n;
  }
  void put(std::string_view s) { put(s.data(), s.size()); }
  void ch(char c) {
    if (n_ == buf_.size()) flush();
    buf_[n_++] = c;
  }
  void num(int64_t v) {
    char b[24];
    const int n = std::snprintf(b, sizeof b, "%lld", static_cast<long long>(v));
    put(b, static_cast<size_t>(n));
  }
  // The interface pqlscope::append_csv_field writes through.
  void push_back(char c) { ch(c); }
  void append(std::string_view s) { put(s); }
  // A CSV field, quoted when RFC 4180 requires it.
  void csv_field(std::string_view s) { pqlscope::append_csv_field(*this, s); }
  void flush() {
    if (n_) raw(buf_.data(), n_);
    n_ = 0;
  }
  void close() {
    if (!f_) return;
    flush();
    if (std::fclose(f_) != 0) die("error closing " + path_);
    f_ = nullptr;
  }
  uint64_t bytes() const { return written_ + n_; }

 private:
  void raw(const char* s, size_t n) {
    if (std::fwrite(s, 1, n, f_) != n) die("write error on " + path_);
    written_ += n;
  }
  std::string path_;
  FILE* f_ = nullptr;
  std::vector<char> buf_;
  size_t n_ = 0;
  uint64_t written_ = 0;
};

// ------------------------------------------------------------------ weighted tables
struct Table {
  std::array<uint32_t, kNumEvents> cum{};
  uint32_t total = 0;
  double mean_importance = 0;  // expected importance of one drawn event
  int pick(Rng& r) const {
    const uint32_t x = static_cast<uint32_t>(r.below(total));
    return static_cast<int>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
  }
};

// Zipf-like popularity (1/rank^1.07) adjusted per plan: `step` scales the activation-step
// events, `admin` the admin features, `sso` and `audit` the enterprise-only ones (SSO is set
// up once, not every day).
Table make_table(double step, double admin, double sso, double audit) {
  Table t;
  uint64_t acc = 0;
  double imp = 0;
  for (int i = 0; i < kNumEvents; ++i) {
    double w = 1.0e6 * det_exp(-1.07 * det_log(static_cast<double>(i + 1)));
    if (kEvents[i].kind == kStep) w *= step;
    if (kEvents[i].kind == kAdmin) w *= admin;
    if (i == kEvSsoConfigured) w *= sso;
    if (i == kEvAuditLogViewed) w *= audit;
    const uint32_t wi = static_cast<uint32_t>(w + 0.5);
    acc += wi;
    t.cum[static_cast<size_t>(i)] = static_cast<uint32_t>(acc);
    imp += static_cast<double>(wi) * kEvents[i].importance;
  }
  t.total = static_cast<uint32_t>(acc);
  t.mean_importance = imp / static_cast<double>(acc);
  return t;
}

// ------------------------------------------------------------------ model of the world
enum Plan { kTrial = 0, kFree, kSelfServe, kEnterprise, kChurned, kNumPlans };
constexpr const char* kPlanNames[] = {"trial", "free", "self_serve", "enterprise", "churned"};
constexpr double kPlanShare[] = {0.20, 0.22, 0.34, 0.08, 0.16};

enum Persona {
  kGoldenLead = 0, kSilentSuccess, kContraryConverter, kPositiveProcrastinator, kFizzler,
  kIncompatibleIgnoramus, kHeartbreaker, kUnplanted, kNumPersonas
};
constexpr const char* kPersonaNames[] = {
    "golden_lead", "silent_success", "contrary_converter", "positive_procrastinator",
    "fizzler", "incompatible_ignoramus", "heartbreaker", "unplanted"};
// Share of the current trial accounts planted into each persona (documented in README.md).
constexpr double kPersonaShare[] = {0.10, 0.15, 0.10, 0.15, 0.15, 0.10, 0.10, 0.15};

enum Sentiment { kPositive = 0, kNeutral, kNegative };
constexpr const char* kSentimentNames[] = {"positive", "neutral", "negative"};
enum Channel { kEmail = 0, kMeeting, kChat, kTicket };
constexpr const char* kChannelNames[] = {"email", "meeting", "chat", "ticket"};

struct StepEvent {
  int day;
  int ev;
  int count;
  uint32_t user;  // index within the account
};

// How a current trial account behaves: per-day engagement budgets (sum of importances).
struct TrialPlan {
  std::vector<double> pre_frac;  // per day from signup (index day - sd): budget as fraction of P90, pre-window
  std::vector<double> win_w;     // per day: relative weight inside the window
  double target = 0;             // window raw score as a fraction of P90
  std::vector<StepEvent> steps;
  int step_raw_window = 0;       // importance of step events inside the window
  std::vector<int64_t> budget;   // final integer budgets per day from signup
  double quiet_visit = 0.0;      // chance of a zero-importance visit on a day without budget
};

struct Comm {
  int64_t ts;
  uint32_t account;
  uint32_t user;  // global user index
  int channel;
  int sentiment;
};

struct Account {
  int plan = kFree;
  int persona = -1;
  int region = 0;
  int tz_min = 0;
  int industry = 0;
  int64_t employees = 10;
  int64_t signup_ts = 0;
  int64_t trial_end_ts = kNone;
  int64_t converted_ts = kNone;
  int64_t deal_value = kNone;
  int64_t seats = kNone;
  int owner = -1;
  int parent = -1;  // workspace of (same domain)
  bool large = false;
  bool special_name = false;
  std::string id, name, domain;
  uint32_t first_user = 0, n_users = 0;
  // activity model
  double rate = 0;        // relative per-user events per weekday
  double trend = 0;       // relative change across the period
  int signup_day = 0;     // day index (negative: before the period)
  int trial_end_day = 0;  // day index
  int fade_start = INT_MAX, churn_day = INT_MAX;
  bool period_trial = false;  // signed up inside the period and already past its trial
  bool converted = false;
  int trial_plan = -1;  // index into trial_plans (current trial accounts)
};

struct User {
  uint32_t account;
  int join_day;  // day index from which the user is active
  float mult;    // activity multiplier
  float p_active;
};

constexpr double kDowFactor[7] = {0.12, 1.0, 1.08, 1.06, 1.0, 0.82, 0.18};  // Sun..Sat
constexpr int kHourWeights[24] = {1, 0, 0, 0, 0, 1, 2, 5, 12, 20, 24, 22, 14, 18, 22, 21, 18, 12, 6, 4, 4, 4, 3, 2};

struct TzChoice { int minutes; int weight; };
const std::vector<TzChoice> kTzByRegion[4] = {
    {{-480, 25}, {-420, 10}, {-360, 25}, {-300, 40}},
    {{0, 30}, {60, 45}, {120, 20}, {180, 5}},
    {{330, 30}, {480, 30}, {540, 20}, {600, 20}},
    {{-180, 60}, {-300, 20}, {-360, 20}},
};

template <class T>
int pick_weighted(Rng& r, const T& weights) {
  int64_t total = 0;
  for (auto w : weights) total += static_cast<int64_t>(w);
  int64_t x = static_cast<int64_t>(r.below(static_cast<uint64_t>(total)));
  int i = 0;
  for (auto w : weights) {
    x -= static_cast<int64_t>(w);
    if (x < 0) return i;
    ++i;
  }
  return i - 1;
}

// Exact integer counts for shares (largest remainder), deterministic.
std::vector<int64_t> allocate(int64_t n, const double* share, int k) {
  std::vector<int64_t> c(k);
  std::vector<std::pair<double, int>> rem;
  int64_t used = 0;
  for (int i = 0; i < k; ++i) {
    const double x = share[i] * static_cast<double>(n);
    c[i] = static_cast<int64_t>(x);
    used += c[i];
    rem.push_back({x - static_cast<double>(c[i]), i});
  }
  std::sort(rem.begin(), rem.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (int j = 0; used < n; ++j, ++used) c[rem[static_cast<size_t>(j % k)].second]++;
  return c;
}

template <class T>
void shuffle(std::vector<T>& v, Rng& r) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[r.below(i)]);
}

double percentile_linear(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double h = p * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(h);
  if (lo + 1 >= v.size()) return v.back();
  return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
}

std::string zero_pad(const char* prefix, uint64_t v, int width) {
  char b[40];
  std::snprintf(b, sizeof b, "%s%0*llu", prefix, width, static_cast<unsigned long long>(v));
  return b;
}

// ------------------------------------------------------------------ the generator
class Generator {
 public:
  explicit Generator(const Options& o) : o_(o) {
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

  void run() {
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

 private:
  // ---------------------------------------------------------------- accounts
  void make_accounts() {
    const int64_t N = o_.accounts;
    auto counts = allocate(N, kPlanShare, kNumPlans);
    std::vector<int> plans;
    for (int p = 0; p < kNumPlans; ++p)
      for (int64_t i = 0; i < counts[p]; ++i) plans.push_back(p);
    Rng pr(stream_seed(o_.seed, kTagPlans));
    shuffle(plans, pr);
    const int64_t n_trials = counts[kTrial];
    auto pcounts = allocate(n_trials, kPersonaShare, kNumPersonas);
    std::vector<int> personas;
    for (int p = 0; p < kNumPersonas; ++p)
      for (int64_t i = 0; i < pcounts[p]; ++i) personas.push_back(p);
    Rng rr(stream_seed(o_.seed, kTagPersonas));
    shuffle(personas, rr);

    std::vector<Account> acc(static_cast<size_t>(N));
    size_t next_persona = 0;
    for (int64_t i = 0; i < N; ++i) {
      Account& a = acc[static_cast<size_t>(i)];
      a.plan = plans[static_cast<size_t>(i)];
      if (a.plan == kTrial) a.persona = personas[next_persona++];
      Rng r(stream_seed(o_.seed, kTagAccount, static_cast<uint64_t>(i)));
      init_account(a, r);
    }
    // Ids in signup order, as a real product numbers its accounts.
    std::vector<uint32_t> order(acc.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return acc[x].signup_ts != acc[y].signup_ts ? acc[x].signup_ts < acc[y].signup_ts : x < y;
    });
    const int width = N > 99999 ? static_cast<int>(std::to_string(N).size()) : 5;
    accounts_.reserve(acc.size());
    for (uint32_t k = 0; k < order.size(); ++k) {
      accounts_.push_back(std::move(acc[order[k]]));
      accounts_.back().id = zero_pad("acc_", k + 1, width);
    }
  }

  int64_t day_ts(int day_index) const { return (start_day_ + day_index) * kDay; }

  // A second of the UTC day for a local time in working hours of the account's zone.
  int session_second(Rng& r, int tz_min) const {
    const int hour = pick_weighted(r, kHourWeights);
    const int local = hour * 3600 + static_cast<int>(r.below(3600));
    int s = (local - tz_min * 60) % 86400;
    if (s < 0) s += 86400;
    return s;
  }

  void init_account(Account& a, Rng& r) {
    a.region = pick_weighted(r, std::array<int, 4>{45, 33, 15, 7});
    {
      const auto& tzs = kTzByRegion[a.region];
      std::vector<int> w;
      for (auto& t : tzs) w.push_back(t.weight);
      a.tz_min = tzs[static_cast<size_t>(pick_weighted(r, w))].minutes;
    }
    a.industry = static_cast<int>(r.below(std::size(kIndustries)));
    a.rate = r.lognormal1(0.7);
    a.trend = r.range_d(-0.3, 0.4);
    auto employees_mixture = [&]() -> int64_t {
      const double u = r.uniform();
      if (u < 0.70) return static_cast<int64_t>(r.log_uniform(2, 49.99));
      if (u < 0.92) return static_cast<int64_t>(r.log_uniform(50, 999.99));
      return static_cast<int64_t>(r.log_uniform(1000, 20000));
    };
    auto at_day = [&](int day_index) {  // a signup moment in local working hours
      return day_ts(day_index) + session_second(r, a.tz_min);
    };
    const int last_past_trial_day = E_ - 21;  // past trials: their trial ended before the window
    switch (a.plan) {
      case kEnterprise: {
        a.employees = static_cast<int64_t>(r.log_uniform(200, 60000));
        a.signup_ts = at_day(-static_cast<int>(r.range(150, 1500)));
        if (r.chance(0.5)) a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
        a.converted_ts = a.signup_ts + r.range(20, 120) * kDay + r.range(0, 36000);
        a.converted = true;
        break;
      }
      case kSelfServe: {
        a.employees = static_cast<int64_t>(r.log_uniform(2, 800));
        if (r.chance(0.4) && last_past_trial_day > 0) {
          a.signup_ts = at_day(static_cast<int>(r.range(0, last_past_trial_day)));
          a.period_trial = true;
        } else {
          a.signup_ts = at_day(-static_cast<int>(r.range(20, 1200)));
        }
        a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
        a.converted_ts = a.trial_end_ts + r.range(-7, 5) * kDay + r.range(-7200, 7200);
        a.converted = true;
        break;
      }
      case kFree: {
        a.employees = static_cast<int64_t>(r.log_uniform(1, 200));
        if (r.chance(0.5) && last_past_trial_day > 0) {
          a.signup_ts = at_day(static_cast<int>(r.range(0, last_past_trial_day)));
          a.period_trial = true;
        } else {
          a.signup_ts = at_day(-static_cast<int>(r.range(20, 900)));
        }
        a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
        a.rate *= 0.3;
        break;
      }
      case kChurned: {
        a.employees = static_cast<int64_t>(r.log_uniform(2, 2000));
        const int latest_churn = E_ - 10;
        if (r.chance(0.2) && E_ - 60 > 0) {
          a.signup_ts = at_day(static_cast<int>(r.range(0, std::max(0, E_ - 90))));
          a.period_trial = true;
        } else {
          a.signup_ts = at_day(-static_cast<int>(r.range(60, 1000)));
        }
        a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
        a.converted_ts = a.trial_end_ts + r.range(-5, 3) * kDay + r.range(-7200, 7200);
        a.converted = true;
        const int sd = static_cast<int>(floor_div(a.signup_ts, kDay) - start_day_);
        const int earliest = std::max(sd + kTrialDays + 20, 10);
        a.churn_day = latest_churn > earliest ? static_cast<int>(r.range(earliest, latest_churn)) : std::max(1, latest_churn);
        a.fade_start = a.churn_day - static_cast<int>(r.range(14, 45));
        a.rate *= 0.9;
        break;
      }
      case kTrial: {
        a.employees = employees_mixture();
        plan_trial_account(a, r);
        break;
      }
    }
    if (a.employees < 1) a.employees = 1;
    a.signup_day = static_cast<int>(floor_div(a.signup_ts, kDay) - start_day_);
    if (a.trial_end_ts != kNone) a.trial_end_day = static_cast<int>(floor_div(a.trial_end_ts, kDay) - start_day_);
    else a.trial_end_day = a.signup_day;

    // Money and ownership.
    auto round100 = [](double v) { return static_cast<int64_t>(v / 100.0 + 0.5) * 100; };
    auto potential = [&]() -> int64_t {
      if (a.employees < 50) return round100(r.range_d(1200, 9000));
      if (a.employees < 1000) return round100(r.range_d(9000, 60000));
      return round100(r.range_d(60000, 300000));
    };
    switch (a.plan) {
      case kTrial:
        a.deal_value = potential();
        a.owner = static_cast<int>(r.below(5));
        break;
      case kFree:
        a.deal_value = potential();
        a.owner = r.chance(0.3) ? static_cast<int>(r.below(5)) : -1;
        break;
      case kSelfServe:
      case kChurned:
        a.owner = 5 + static_cast<int>(r.below(5));
        break;
      case kEnterprise:
        a.owner = 5 + static_cast<int>(r.below(5));
        break;
    }
  }

  // Signup and persona-specific parameters of a current trial account.
  void plan_trial_account(Account& a, Rng& r) {
    int ago_min = 1, ago_max = 20;
    switch (a.persona) {
      case kGoldenLead: case kSilentSuccess: ago_min = 4; ago_max = 18; break;
      case kContraryConverter: ago_min = 9; ago_max = 18; break;
      case kFizzler: ago_min = 12; ago_max = 20; break;
      case kPositiveProcrastinator: case kIncompatibleIgnoramus: case kHeartbreaker: ago_min = 8; ago_max = 20; break;
      default: break;
    }
    switch (a.persona) {
      case kGoldenLead: case kSilentSuccess: a.employees = static_cast<int64_t>(r.log_uniform(10, 3000)); break;
      case kContraryConverter: a.employees = static_cast<int64_t>(r.log_uniform(50, 2000)); break;
      case kPositiveProcrastinator: a.employees = static_cast<int64_t>(r.log_uniform(5, 500)); break;
      case kFizzler: a.employees = static_cast<int64_t>(r.log_uniform(5, 300)); break;
      case kIncompatibleIgnoramus: a.employees = static_cast<int64_t>(r.log_uniform(2, 200)); break;
      case kHeartbreaker: a.employees = static_cast<int64_t>(r.log_uniform(2000, 100000)); break;
      default: break;
    }
    ago_max = std::min(ago_max, E_);
    ago_min = std::min(ago_min, ago_max);
    const int sd = E_ - static_cast<int>(r.range(ago_min, ago_max));
    a.signup_ts = day_ts(sd) + session_second(r, a.tz_min);
    // A signup late in the UTC day would squeeze the first day: keep it before 20:00 UTC.
    if (a.signup_ts - day_ts(sd) > 20 * 3600) a.signup_ts = day_ts(sd) + 8 * 3600 + r.range(0, 36000);
    a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
  }

  // ---------------------------------------------------------------- users
  int small_users(Rng& r) const {
    static constexpr int w[10] = {30, 22, 15, 10, 7, 5, 4, 3, 2, 2};
    return 1 + pick_weighted(r, w);
  }

  void make_users() {
    const size_t N = accounts_.size();
    std::vector<int64_t> n(N);
    int64_t total = 0;
    std::vector<uint32_t> enterprise, selfserve;
    for (size_t i = 0; i < N; ++i) {
      Account& a = accounts_[i];
      Rng r(stream_seed(o_.seed, kTagUsers, i));
      int64_t k;
      switch (a.persona) {
        case kGoldenLead: k = r.range(2, 8); break;
        case kSilentSuccess: k = r.range(1, 6); break;
        case kContraryConverter: k = r.range(2, 6); break;
        case kPositiveProcrastinator: case kFizzler: k = r.range(1, 4); break;
        case kIncompatibleIgnoramus: case kHeartbreaker: k = r.range(1, 3); break;
        default:
          k = a.plan == kEnterprise ? static_cast<int64_t>(r.log_uniform(5, 49.99)) : small_users(r);
      }
      n[i] = k;
      total += k;
      if (a.plan == kEnterprise) enterprise.push_back(static_cast<uint32_t>(i));
      if (a.plan == kSelfServe) selfserve.push_back(static_cast<uint32_t>(i));
    }
    const double target = o_.users_per_account * static_cast<double>(N);
    double rest = target - static_cast<double>(total);
    Rng lr(stream_seed(o_.seed, kTagLarge));
    if (rest > 0) {
      // A few large accounts (50-500 users), enterprise first, absorb the remainder.
      std::vector<uint32_t> cand = enterprise;
      shuffle(cand, lr);
      std::vector<uint32_t> ss = selfserve;
      shuffle(ss, lr);
      cand.insert(cand.end(), ss.begin(), ss.end());
      size_t j = 0;
      while (rest >= 50.0 && j < cand.size()) {
        const uint32_t i = cand[j++];
        int64_t k = static_cast<int64_t>(lr.log_uniform(50, 500.99));
        if (static_cast<double>(k) > rest + static_cast<double>(n[i])) k = std::max<int64_t>(50, static_cast<int64_t>(rest) + n[i]);
        rest -= static_cast<double>(k - n[i]);
        n[i] = k;
        accounts_[i].large = true;
      }
    } else if (rest < 0) {
      const double f = target / static_cast<double>(total);
      for (size_t i = 0; i < N; ++i)
        if (accounts_[i].plan != kTrial) n[i] = std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(n[i]) * f + 0.5));
    }
    uint64_t total_users = 0;
    for (size_t i = 0; i < N; ++i) total_users += static_cast<uint64_t>(n[i]);
    if (total_users >= (1ull << 40)) die("too many users");
    users_.reserve(total_users);
    for (size_t i = 0; i < N; ++i) {
      Account& a = accounts_[i];
      a.first_user = static_cast<uint32_t>(users_.size());
      a.n_users = static_cast<uint32_t>(n[i]);
      Rng r(stream_seed(o_.seed, kTagUsers, i, 1));
      for (int64_t k = 0; k < n[i]; ++k) {
        User u{};
        u.account = static_cast<uint32_t>(i);
        const double mult = r.lognormal1(0.9);
        u.mult = static_cast<float>(mult);
        u.p_active = static_cast<float>(std::min(0.95, 0.15 + 0.45 * r.uniform() + 0.1 * std::min(mult, 3.0)));
        if (a.signup_day < 0) {
          u.join_day = (k == 0 || r.chance(0.85)) ? -1 : static_cast<int>(r.range(0, D_ - 1));
          if (a.plan == kChurned && u.join_day > a.fade_start) u.join_day = -1;
        } else {
          u.join_day = k == 0 ? a.signup_day : a.signup_day + static_cast<int>(r.exponential(6.0));
        }
        users_.push_back(u);
      }
      // Seats and ARR for paying (and formerly paying) accounts.
      const int64_t users = n[i];
      if (a.plan == kSelfServe || a.plan == kChurned) {
        a.seats = users + r.range(0, 3);
        a.deal_value = a.seats * 12 * (r.chance(0.6) ? 29 : 49);
      } else if (a.plan == kEnterprise) {
        const double over = r.chance(0.2) ? r.range_d(3.0, 5.0) : r.range_d(1.05, 1.6);
        a.seats = std::max<int64_t>(users + 1, static_cast<int64_t>(static_cast<double>(users) * over));
        a.deal_value = std::max<int64_t>(20000, a.seats * 12 * static_cast<int64_t>(r.range(45, 90)) / 100 * 100);
      }
    }
    const int width = total_users > 9999999 ? static_cast<int>(std::to_string(total_users).size()) : 7;
    user_ids_.reserve(total_users);
    for (uint64_t u = 0; u < total_users; ++u) user_ids_.push_back(zero_pad("u_", u + 1, width));
  }

  // ---------------------------------------------------------------- names and domains
  std::string tld(Rng& r, int region) const {
    static const char* na[] = {".com", ".com", ".com", ".io", ".ai", ".co"};
    static const char* emea[] = {".com", ".com", ".de", ".co.uk", ".fr", ".eu", ".nl", ".io"};
    static const char* apac[] = {".com", ".com", ".com.au", ".jp", ".in", ".sg"};
    static const char* latam[] = {".com", ".com.br", ".mx", ".com.ar"};
    switch (region) {
      case 0: return na[r.below(std::size(na))];
      case 1: return emea[r.below(std::size(emea))];
      case 2: return apac[r.below(std::size(apac))];
      default: return latam[r.below(std::size(latam))];
    }
  }

  std::string legal(Rng& r, int region) const {
    switch (region) {
      case 0: return kLegalNA[r.below(std::size(kLegalNA))];
      case 1: return kLegalEMEA[r.below(std::size(kLegalEMEA))];
      case 2: return kLegalAPAC[r.below(std::size(kLegalAPAC))];
      default: return kLegalLATAM[r.below(std::size(kLegalLATAM))];
    }
  }

  std::string unique_domain(const std::string& base, const std::string& t, Rng& r) {
    const std::string forms[] = {base, "get" + base, base + "hq", "try" + base, base + "app"};
    for (const auto& f : forms)
      if (domains_.insert(f + t).second) return f + t;
    for (;;) {
      const std::string d = base + std::to_string(r.range(2, 999)) + t;
      if (domains_.insert(d).second) return d;
    }
  }

  void make_names() {
    Rng r(stream_seed(o_.seed, kTagNames));
    std::vector<bool> special_used(std::size(kSpecialNames), false);
    for (size_t i = 0; i < accounts_.size(); ++i) {
      Account& a = accounts_[i];
      if (a.persona != kHeartbreaker && r.chance(0.04)) {
        // The next unused hand-written name of the account's region.
        bool got = false;
        for (size_t s = 0; s < std::size(kSpecialNames) && !got; ++s) {
          if (special_used[s] || kSpecialNames[s].region != a.region) continue;
          special_used[s] = true;
          if (names_.insert(kSpecialNames[s].name).second && domains_.insert(kSpecialNames[s].domain).second) {
            a.name = kSpecialNames[s].name;
            a.domain = kSpecialNames[s].domain;
            a.special_name = true;
            got = true;
          }
        }
        if (got) continue;
      }
      for (int attempt = 0;; ++attempt) {
        std::string name, slug;
        const bool big = a.persona == kHeartbreaker || (a.plan == kEnterprise && a.employees >= 5000 && r.chance(0.6));
        const Word& p = (a.region == 1 || a.region == 3) && r.chance(0.12)
                            ? kRegionalPrefixes[r.below(std::size(kRegionalPrefixes))]
                            : kPrefixes[r.below(std::size(kPrefixes))];
        const Word& c = kCores[r.below(std::size(kCores))];
        if (big) {
          const char* tail = kBigLogoTails[r.below(std::size(kBigLogoTails))];
          if (r.chance(0.5)) { name = std::string(p.text) + " " + tail; slug = p.slug; }
          else { name = std::string(p.text) + " " + c.text + " " + tail; slug = std::string(p.slug) + c.slug; }
        } else {
          const double u = r.uniform();
          if (u < 0.35) {  // Cobalt Analytics
            name = std::string(p.text) + " " + c.text;
            slug = std::string(p.slug) + c.slug;
          } else if (u < 0.55) {  // Blue Harbor Analytics
            const Word& q = kPrefixes[r.below(std::size(kPrefixes))];
            name = std::string(p.text) + " " + q.text + " " + c.text;
            slug = std::string(p.slug) + q.slug;
          } else if (u < 0.70) {  // Cedarloop
            const Word& t = kCompoundTails[r.below(std::size(kCompoundTails))];
            name = std::string(p.text) + t.text;
            slug = std::string(p.slug) + t.slug;
          } else if (u < 0.80) {  // Cedarloop Analytics
            const Word& t = kCompoundTails[r.below(std::size(kCompoundTails))];
            name = std::string(p.text) + t.text + " " + c.text;
            slug = std::string(p.slug) + t.slug;
          } else if (u < 0.97) {  // Cobalt Analytics GmbH / Cobalt Analytics, Inc.
            std::string l = legal(r, a.region);
            name = std::string(p.text) + " " + c.text + (l[0] == ',' ? "" : " ") + l;
            slug = std::string(p.slug) + c.slug;
          } else if (u < 0.995) {  // Harbor & Finch
            const Word& q = kPrefixes[r.below(std::size(kPrefixes))];
            name = std::string(p.text) + " & " + q.text;
            slug = std::string(p.slug) + q.slug;
          } else {
            name = std::string("The \"") + p.text + "\" " + c.text + " Company";
            slug = std::string(p.slug) + c.slug;
          }
        }
        if (attempt > 30) name += " " + std::to_string(attempt);
        if (!names_.insert(name).second) continue;
        a.name = name;
        for (auto& ch : slug) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        a.domain = unique_domain(slug, tld(r, a.region), r);
        break;
      }
    }
    // Workspaces of the same company: a few accounts share the domain of a bigger account.
    if (accounts_.size() >= 20) {
      Rng wr(stream_seed(o_.seed, kTagWorkspaces));
      std::vector<uint32_t> parents, children;
      for (uint32_t i = 0; i < accounts_.size(); ++i) {
        const Account& a = accounts_[i];
        if ((a.plan == kEnterprise || a.plan == kSelfServe) && !a.special_name) parents.push_back(i);
        else if ((a.persona == -1 || a.persona == kUnplanted) && !a.special_name) children.push_back(i);
      }
      shuffle(parents, wr);
      shuffle(children, wr);
      const size_t k = std::min({std::max<size_t>(3, accounts_.size() * 15 / 1000), parents.size(), children.size()});
      for (size_t j = 0; j < k; ++j) {
        Account& c = accounts_[children[j]];
        const Account& p = accounts_[parents[j]];
        c.parent = static_cast<int>(parents[j]);
        c.domain = p.domain;
        c.employees = p.employees;
        c.industry = p.industry;
        std::string name = p.name + " (" + kDepartments[wr.below(std::size(kDepartments))] + ")";
        while (!names_.insert(name).second) name += "*";
        c.name = name;
      }
    }
  }

  // ---------------------------------------------------------------- current trials
  double wd_factor(int day) const { return (weekday(start_day_ + day) % 6 == 0) ? 0.35 : 1.0; }

  void plan_trials() {
    for (uint32_t ai = 0; ai < accounts_.size(); ++ai) {
      Account& a = accounts_[ai];
      if (a.plan != kTrial) continue;
      Rng r(stream_seed(o_.seed, kTagTrialPlan, ai));
      TrialPlan p;
      const int sd = a.signup_day;
      const int ndays = E_ - sd + 1;
      p.pre_frac.assign(static_cast<size_t>(ndays), 0.0);
      p.win_w.assign(static_cast<size_t>(ndays), 0.0);
      const int persona = a.persona;

      // Activation: which of the 5 steps, and when.
      int k = 0;
      switch (persona) {
        case kGoldenLead: case kSilentSuccess: case kFizzler: k = static_cast<int>(r.range(4, 5)); break;
        case kContraryConverter: k = static_cast<int>(r.range(2, 3)); break;
        case kUnplanted: k = static_cast<int>(r.range(0, 5)); break;
        default: k = static_cast<int>(r.range(0, 1)); break;
      }
      std::array<bool, kNumSteps> done{};
      if (k >= 4) {
        done.fill(true);
        if (k == 4) { const int drop[] = {1, 3, 4}; done[static_cast<size_t>(drop[r.below(3)])] = false; }
      } else if (k >= 2) {
        done[0] = true;
        std::vector<int> rest = {2, 1, 3};
        if (persona == kUnplanted) rest = {1, 2, 3, 4};
        shuffle(rest, r);
        for (int j = 0; j < k - 1; ++j) done[static_cast<size_t>(rest[static_cast<size_t>(j)])] = true;
      } else if (k == 1) {
        done[r.chance(0.7) ? 0 : 2] = true;
      }
      // Day range of the step events.
      int lo = sd, hi = std::min(sd + 10, E_);
      switch (persona) {
        case kContraryConverter: hi = std::max(sd, std::min(sd + 6, W0_ - 1)); break;
        case kFizzler: hi = std::min(sd + 3, E_); break;
        case kPositiveProcrastinator: case kIncompatibleIgnoramus: case kHeartbreaker: hi = std::min(sd + 1, E_); break;
        default: break;
      }
      const uint32_t nu = a.n_users;
      auto add_step = [&](int day, int ev, int count, uint32_t user) {
        p.steps.push_back({std::clamp(day, lo, hi), ev, count, user});
      };
      int invite_day = -1;
      int invites = 0;
      for (int s = 0; s < kNumSteps; ++s) {
        const bool partial = !done[static_cast<size_t>(s)] && s == 3 && r.chance(0.4);
        if (!done[static_cast<size_t>(s)] && !partial) continue;
        int day = s == 0 ? lo + static_cast<int>(r.range(0, std::min(1, hi - lo))) : static_cast<int>(r.range(lo, hi));
        int ev = kSteps[s].ev_a;
        if (kSteps[s].ev_b >= 0 && r.chance(0.4)) ev = kSteps[s].ev_b;
        int count = 1;
        switch (s) {
          case 0: count = static_cast<int>(r.range(1, 3)); break;
          case 1: count = static_cast<int>(r.range(1, 2)); break;
          case 2: count = static_cast<int>(r.range(1, 3)); break;
          case 3: count = partial ? 1 : static_cast<int>(r.range(2, persona == kGoldenLead ? 5 : 3)); break;
          case 4: count = static_cast<int>(r.range(1, 2)); break;
        }
        const uint32_t user = (s == 2 && nu > 1 && r.chance(0.5)) ? static_cast<uint32_t>(r.below(nu)) : 0;
        add_step(day, ev, count, user);
        if (s == 3) { invite_day = std::clamp(day, lo, hi); invites = count; }
      }
      // Users: the admin joins at signup, invited teammates a day or two after the invites,
      // anyone else signs up on their own during the trial.
      for (uint32_t u = 0; u < nu; ++u) {
        User& us = users_[a.first_user + u];
        if (u == 0) us.join_day = sd;
        else if (invite_day >= 0 && static_cast<int>(u) <= invites) us.join_day = invite_day + static_cast<int>(r.range(0, 2));
        else us.join_day = sd + static_cast<int>(r.range(0, kTrialDays));
      }
      for (const auto& st : p.steps)
        if (st.day >= W0_) p.step_raw_window += st.count * kEvents[st.ev].importance;

      // Engagement: the window target (fraction of P90) and the shape of use per day.
      switch (persona) {
        case kGoldenLead: p.target = r.range_d(0.85, 0.98); break;
        case kSilentSuccess: p.target = r.range_d(0.8, 0.95); break;
        case kContraryConverter: p.target = r.range_d(0.5, 0.6); break;
        case kPositiveProcrastinator: p.target = r.range_d(0.05, 0.22); break;
        case kFizzler: p.target = r.chance(0.5) ? 0.0 : r.range_d(0.01, 0.05); break;
        case kIncompatibleIgnoramus: p.target = r.range_d(0.03, 0.2); break;
        case kHeartbreaker: p.target = r.chance(0.5) ? 0.0 : r.range_d(0.01, 0.06); break;
        default: p.target = r.chance(0.2) ? 0.0 : r.range_d(0.02, 0.98); break;
      }
      const double level = p.target / 7.0;
      int fizzle_days = static_cast<int>(r.range(3, 5));
      int hb_days_left = static_cast<int>(r.range(1, 2));
      const double q = r.range_d(0.3, 0.9);
      for (int d = sd; d <= E_; ++d) {
        const size_t i = static_cast<size_t>(d - sd);
        const bool in_window = d >= W0_;
        const double wd = wd_factor(d);
        switch (persona) {
          case kGoldenLead: case kSilentSuccess: case kContraryConverter:
            if (in_window) p.win_w[i] = wd * r.range_d(0.7, 1.3);
            else p.pre_frac[i] = level * wd * r.range_d(0.6, 1.15) * (d == sd ? 0.6 : 1.0);
            break;
          case kPositiveProcrastinator: case kIncompatibleIgnoramus:
            if (in_window) p.win_w[i] = r.chance(0.4) ? r.range_d(0.5, 1.5) : 0.0;
            else if (r.chance(0.35)) p.pre_frac[i] = r.range_d(0.01, 0.04);
            break;
          case kFizzler:
            if (d - sd < fizzle_days && !in_window) p.pre_frac[i] = r.range_d(0.12, 0.25) * (d == sd ? 0.7 : 1.0);
            else if (in_window) p.win_w[i] = r.chance(0.3) ? 1.0 : 0.0;
            break;
          case kHeartbreaker:
            if (!in_window && d - sd < 5 && hb_days_left > 0 && r.chance(0.5)) { p.pre_frac[i] = r.range_d(0.005, 0.03); --hb_days_left; }
            else if (in_window) p.win_w[i] = r.chance(0.3) ? 1.0 : 0.0;
            break;
          default:
            if (r.chance(q)) {
              if (in_window) p.win_w[i] = wd * r.range_d(0.5, 1.5);
              else p.pre_frac[i] = std::max(level, 0.02) * wd * r.range_d(0.5, 1.5);
            }
            break;
        }
      }
      switch (persona) {
        case kFizzler: p.quiet_visit = 0.2; break;
        case kHeartbreaker: p.quiet_visit = 0.05; break;
        case kPositiveProcrastinator: case kIncompatibleIgnoramus: p.quiet_visit = 0.25; break;
        default: p.quiet_visit = 0.3; break;
      }
      // Keep the window budget somewhere if the pattern left every window day empty.
      double ws = 0;
      for (double w : p.win_w) ws += w;
      if (ws == 0 && p.target > 0) p.win_w.back() = 1.0;
      a.trial_plan = static_cast<int>(trial_plans_.size());
      trial_plans_.push_back(std::move(p));
    }
  }

  // ---------------------------------------------------------------- activity model
  double lifecycle(const Account& a, int t) const {
    if (t < a.signup_day || a.plan == kTrial || t >= a.churn_day) return 0.0;
    double f = 1.0 + a.trend * ((static_cast<double>(t) + 0.5) / static_cast<double>(D_) - 0.5);
    if (a.period_trial) {
      if (t < a.trial_end_day) f = t == a.signup_day ? 0.8 : 1.3;
      else if (!a.converted) f = 0.1 + 0.7 * det_exp(-static_cast<double>(t - a.trial_end_day) / 8.0);
    }
    if (t >= a.fade_start) f *= static_cast<double>(a.churn_day - t) / static_cast<double>(a.churn_day - a.fade_start);
    return f;
  }

  const Table& table_for(const Account& a, int t) const {
    if (a.period_trial && t < a.trial_end_day) return trial_tab_;
    switch (a.plan) {
      case kEnterprise: return ent_tab_;
      case kFree: return free_tab_;
      default: return paid_tab_;
    }
  }

  static uint64_t key(int sec, uint32_t user, int ev) {
    return (static_cast<uint64_t>(sec) << 46) | (static_cast<uint64_t>(user) << 6) | static_cast<uint64_t>(ev);
  }

  // Keeps events of the signup day after the signup moment.
  int after_signup(const Account& a, int t, int sec) const {
    if (t != a.signup_day) return sec;
    const int s0 = static_cast<int>(a.signup_ts - day_ts(t));
    if (sec >= s0) return sec;
    return s0 + static_cast<int>(static_cast<int64_t>(sec) * (86399 - s0) / 86400);
  }

  // One session: consecutive events of one user a few seconds to minutes apart.
  template <class NextEvent>
  void session(const Account& a, int t, uint32_t user, int n, Rng& r, NextEvent&& next, std::vector<uint64_t>& out) const {
    double sec = session_second(r, a.tz_min);
    for (int i = 0; i < n; ++i) {
      int s = static_cast<int>(sec);
      if (s >= 86400) s -= 86400;  // stays in the same UTC day
      s = after_signup(a, t, s);
      out.push_back(key(s, user, next()));
      sec += 3.0 + r.exponential(40.0);
      if (sec >= 2 * 86400) sec = 0;
    }
  }

  void events_as_sessions(const Account& a, int t, uint32_t user, uint32_t n, const Table& tab, Rng& r,
                          std::vector<uint64_t>& out) const {
    while (n > 0) {
      uint32_t len = 1 + static_cast<uint32_t>(r.exponential(5.0));
      if (len > n) len = n;
      session(a, t, user, static_cast<int>(len), r, [&] { return tab.pick(r); }, out);
      n -= len;
    }
  }

  // Paid, free and churned accounts (and past trials): Poisson use per user and day.
  void poisson_day(uint32_t ai, int t, std::vector<uint64_t>& out) const {
    const Account& a = accounts_[ai];
    const double life = lifecycle(a, t);
    if (life <= 0) return;
    Rng r(stream_seed(o_.seed, kTagDay, ai, static_cast<uint64_t>(t)));
    const Table& tab = table_for(a, t);
    const double base = scale_ * a.rate * life * kDowFactor[weekday(start_day_ + t)];
    for (uint32_t k = 0; k < a.n_users; ++k) {
      const uint32_t ui = a.first_user + k;
      const User& u = users_[ui];
      if (u.join_day > t) continue;
      if (!r.chance(u.p_active)) continue;
      const uint32_t n = r.poisson(base * u.mult / u.p_active);
      events_as_sessions(a, t, ui, n, tab, r, out);
    }
    // A past trial's onboarding steps (converted ones did most of them).
    if (a.period_trial && t >= a.signup_day && t < a.trial_end_day) {
      Rng s(stream_seed(o_.seed, kTagDay, ai, static_cast<uint64_t>(t) + (1ull << 32)));
      const double p = a.converted ? 0.18 : 0.08;
      for (int st = 0; st < kNumSteps; ++st)
        if (s.chance(p)) {
          const int ev = kSteps[st].ev_b >= 0 && s.chance(0.4) ? kSteps[st].ev_b : kSteps[st].ev_a;
          const int count = st == 3 ? static_cast<int>(s.range(1, 3)) : 1;
          session(a, t, a.first_user, count, s, [&] { return ev; }, out);
        }
    }
  }

  // Events whose importances add up to exactly `budget` (zero-importance ones come along).
  std::vector<int> fill_budget(int64_t budget, Rng& r) const {
    std::vector<int> evs;
    while (budget > 0) {
      int ev = trial_tab_.pick(r);
      for (int tries = 0; tries < 8 && kEvents[ev].importance > budget; ++tries) ev = trial_tab_.pick(r);
      if (kEvents[ev].importance > budget) ev = r.chance(0.5) ? kEvSearch : kEvFilter;  // importance 1
      budget -= kEvents[ev].importance;
      evs.push_back(ev);
    }
    return evs;
  }

  // Current trial accounts: use shaped by the persona's per-day engagement budget.
  void trial_day(uint32_t ai, int t, std::vector<uint64_t>& out) const {
    const Account& a = accounts_[ai];
    if (t < a.signup_day) return;
    const TrialPlan& p = trial_plans_[static_cast<size_t>(a.trial_plan)];
    Rng r(stream_seed(o_.seed, kTagDay, ai, static_cast<uint64_t>(t)));
    std::vector<uint32_t> joined;
    for (uint32_t k = 0; k < a.n_users; ++k)
      if (users_[a.first_user + k].join_day <= t) {
        joined.push_back(a.first_user + k);
        if (k == 0) joined.push_back(a.first_user);  // the admin is twice as busy
      }
    for (const auto& st : p.steps)
      if (st.day == t) {
        uint32_t u = a.first_user + st.user;
        if (users_[u].join_day > t) u = a.first_user;
        session(a, t, u, st.count, r, [&] { return st.ev; }, out);
      }
    int64_t budget = p.budget[static_cast<size_t>(t - a.signup_day)];
    if (budget > 0) {
      const std::vector<int> evs = fill_budget(budget, r);
      size_t i = 0;
      while (i < evs.size()) {
        size_t len = 1 + static_cast<size_t>(r.exponential(6.0));
        if (len > evs.size() - i) len = evs.size() - i;
        const uint32_t u = joined[r.below(joined.size())];
        session(a, t, u, static_cast<int>(len), r, [&] { return evs[i++]; }, out);
      }
    } else if (r.chance(p.quiet_visit)) {
      const int n = static_cast<int>(r.range(1, 3));
      session(a, t, joined[r.below(joined.size())], n, r,
              [&] { const double u = r.uniform(); return u < 0.6 ? kEvLogin : u < 0.95 ? kEvPageViewed : kEvHelp; }, out);
    }
  }

  void account_day(uint32_t ai, int t, std::vector<uint64_t>& out) const {
    if (accounts_[ai].plan == kTrial) trial_day(ai, t, out);
    else poisson_day(ai, t, out);
  }

  // ---------------------------------------------------------------- calibration
  // 1. The activity scale so that the total is close to --events.
  // 2. The P90 of the accounts' raw engagement scores in the last 7 days, computed exactly
  //    for the Poisson accounts (a dry run of those days), then a fixed point including the
  //    trial accounts whose window score is a fraction of P90 by construction.
  // 3. The trial accounts' integer budgets.
  double planted_p90(const std::vector<double>& others, double p0) const {
    double P = p0 > 0 ? p0 : 1.0;
    for (int it = 0; it < 200; ++it) {
      std::vector<double> v;
      v.reserve(others.size() + trial_plans_.size());
      for (double x : others) if (x > 0) v.push_back(x);
      for (const auto& tp : trial_plans_) {
        const double x = std::max(tp.target * P, static_cast<double>(tp.step_raw_window));
        if (x > 0) v.push_back(x);
      }
      const double np = percentile_linear(v, 0.9);
      if (!(np > 0)) return 1.0;
      if (std::abs(np - P) <= 1e-12 * P) { P = np; break; }
      P = np;
    }
    return P;
  }

  // Expected number of events the budget fill of trial_day() makes for a budget B: small
  // budgets reject the heavy events, so the count is not simply B / mean importance.
  // Measured once by simulation (a fixed private stream: the same on every run).
  double events_for_budget(int64_t B) const {
    constexpr int64_t kMax = 256;
    if (fill_cost_.empty()) {
      Rng r(stream_seed(0x5eed, kTagTrialPlan, 99));
      fill_cost_.assign(kMax + 1, 0.0);
      for (int64_t b = 1; b <= kMax; ++b) {
        constexpr int kSamples = 64;
        int64_t n = 0;
        for (int k = 0; k < kSamples; ++k) n += static_cast<int64_t>(fill_budget(b, r).size());
        fill_cost_[static_cast<size_t>(b)] = static_cast<double>(n) / kSamples;
      }
    }
    if (B <= 0) return 0.0;
    if (B <= kMax) return fill_cost_[static_cast<size_t>(B)];
    return fill_cost_[kMax] + static_cast<double>(B - kMax) / trial_tab_.mean_importance;
  }

  double trial_events_estimate(double P) const {
    double n = 0;
    for (const auto& tp : trial_plans_) {
      const double bg = std::max(0.0, tp.target * P - tp.step_raw_window);
      double ws = 0;
      for (double w : tp.win_w) ws += w;
      for (size_t i = 0; i < tp.pre_frac.size(); ++i) {
        double b = tp.pre_frac[i] * P;
        if (tp.win_w[i] > 0 && ws > 0) b += bg * tp.win_w[i] / ws;
        const int64_t bi = static_cast<int64_t>(b + 0.5);
        n += bi > 0 ? events_for_budget(bi) : 2.0 * tp.quiet_visit;  // else: zero-importance visits
      }
      for (const auto& s : tp.steps) n += s.count;
    }
    return n;
  }

  void calibrate() {
    // Expected events (per unit of scale) and window raw score of the Poisson accounts.
    const size_t N = accounts_.size();
    std::vector<double> window_raw_unit(N, 0.0);
    double base_total = 0, fixed_total = 0;
    for (uint32_t ai = 0; ai < N; ++ai) {
      const Account& a = accounts_[ai];
      if (a.plan == kTrial) continue;
      for (int t = std::max(0, a.signup_day); t < D_; ++t) {
        const double life = lifecycle(a, t);
        if (life <= 0) continue;
        double m = 0;
        for (uint32_t k = 0; k < a.n_users; ++k)
          if (users_[a.first_user + k].join_day <= t) m += users_[a.first_user + k].mult;
        const double e = a.rate * life * kDowFactor[weekday(start_day_ + t)] * m;
        base_total += e;
        if (t >= W0_) window_raw_unit[ai] += e * table_for(a, t).mean_importance;
      }
      if (a.period_trial) {
        const int days = std::max(0, std::min(a.trial_end_day, D_) - std::max(0, a.signup_day));
        fixed_total += days * kNumSteps * (a.converted ? 0.18 : 0.08) * 1.2;
      }
    }
    // Fixed point for the scale: the trial accounts' volume depends on P90, which scales.
    const double target = static_cast<double>(o_.events);
    double s = base_total > 0 ? std::max(0.0, target - fixed_total) / base_total : 0.0;
    for (int it = 0; it < 30 && base_total > 0; ++it) {
      std::vector<double> raw(N);
      for (size_t i = 0; i < N; ++i) raw[i] = window_raw_unit[i] * s;
      const double P = planted_p90(raw, percentile_linear(raw, 0.9));
      const double trial_n = trial_events_estimate(P);
      const double ns = std::max(target - fixed_total - trial_n, 0.02 * target) / base_total;
      if (std::abs(ns - s) <= 1e-9 * s) { s = ns; break; }
      s = ns;
    }
    scale_ = s;

    // Exact window scores of the Poisson accounts: a dry run of the last 7 days. The exact P90
    // is higher than the one of expected values (noise widens the spread), which changes the
    // trial accounts' volume, hence the scale: a few rounds until the scale settles.
    std::vector<double> raw(N);
    std::vector<uint64_t> scratch;
    constexpr int kRounds = 6;
    for (int round = 0; round < kRounds; ++round) {
      std::fill(raw.begin(), raw.end(), 0.0);
      for (uint32_t ai = 0; ai < N; ++ai) {
        if (accounts_[ai].plan == kTrial) continue;
        for (int t = W0_; t < D_; ++t) {
          scratch.clear();
          poisson_day(ai, t, scratch);
          for (uint64_t k : scratch) raw[ai] += kEvents[k & 63].importance;
        }
      }
      std::vector<double> active;
      for (double x : raw) if (x > 0) active.push_back(x);
      p90_ = planted_p90(raw, percentile_linear(active, 0.9));
      if (base_total <= 0) break;
      const double ns = std::max(target - fixed_total - trial_events_estimate(p90_), 0.02 * target) / base_total;
      if (round + 1 == kRounds || std::abs(ns - scale_) <= 0.002 * scale_) break;  // p90_ matches scale_
      scale_ = ns;
    }

    // Integer budgets of the trial accounts.
    for (auto& tp : trial_plans_) {
      const size_t n = tp.pre_frac.size();
      tp.budget.assign(n, 0);
      for (size_t i = 0; i < n; ++i) tp.budget[i] = static_cast<int64_t>(tp.pre_frac[i] * p90_ + 0.5);
      const int64_t total = static_cast<int64_t>(tp.target * p90_ + 0.5);
      const int64_t bg = std::max<int64_t>(0, total - tp.step_raw_window);
      double ws = 0;
      for (double w : tp.win_w) ws += w;
      if (bg > 0 && ws > 0) {
        std::vector<std::pair<double, size_t>> rem;
        int64_t used = 0;
        for (size_t i = 0; i < n; ++i) {
          if (tp.win_w[i] <= 0) continue;
          const double x = static_cast<double>(bg) * tp.win_w[i] / ws;
          tp.budget[i] = static_cast<int64_t>(x);
          used += tp.budget[i];
          rem.push_back({x - static_cast<double>(tp.budget[i]), i});
        }
        std::sort(rem.begin(), rem.end(), [](auto& x, auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
        for (size_t j = 0; used < bg; ++j, ++used) tp.budget[rem[j % rem.size()].second]++;
      }
    }
  }

  // ---------------------------------------------------------------- communications
  int64_t comm_time(Rng& r, const Account& a, int day, int64_t lo, int64_t hi) const {
    const int local = static_cast<int>(r.range(9, 17)) * 3600 + static_cast<int>(r.below(3600));
    int s = (local - a.tz_min * 60) % 86400;
    if (s < 0) s += 86400;
    int64_t ts = day_ts(day) + s;
    if (ts < lo || ts > hi) ts = lo + static_cast<int64_t>(r.below(static_cast<uint64_t>(std::max<int64_t>(1, hi - lo))));
    return ts;
  }

  uint32_t comm_user(Rng& r, const Account& a, int day) const {
    std::vector<uint32_t> joined;
    for (uint32_t k = 0; k < a.n_users; ++k)
      if (users_[a.first_user + k].join_day <= day) joined.push_back(a.first_user + k);
    if (joined.empty() || r.chance(0.5)) return a.first_user;
    return joined[r.below(joined.size())];
  }

  void make_comms() {
    const int64_t period_start = day_ts(0), period_end = day_ts(D_) - 1;
    for (uint32_t ai = 0; ai < accounts_.size(); ++ai) {
      const Account& a = accounts_[ai];
      Rng r(stream_seed(o_.seed, kTagComms, ai));
      if (a.plan == kTrial) {
        const int persona = a.persona;
        int n = 0;
        switch (persona) {
          case kGoldenLead: n = static_cast<int>(r.range(2, 5)); break;
          case kSilentSuccess: case kFizzler: n = r.chance(0.35) ? 1 : 0; break;
          case kContraryConverter: n = static_cast<int>(r.range(3, 6)); break;
          case kPositiveProcrastinator: case kIncompatibleIgnoramus: n = static_cast<int>(r.range(2, 4)); break;
          case kHeartbreaker: n = 0; break;
          default: n = static_cast<int>(r.range(0, 4)); break;
        }
        std::vector<int> sent(static_cast<size_t>(n), kNeutral);
        const int majority = n / 2 + 1;
        auto fill = [&](int main, int count, int other_a, int other_b) {
          for (int i = 0; i < n; ++i) sent[static_cast<size_t>(i)] = i < count ? main : (r.chance(0.5) ? other_a : other_b);
        };
        std::vector<int> channels;
        switch (persona) {
          case kGoldenLead: case kPositiveProcrastinator:
            fill(kPositive, static_cast<int>(r.range(majority, n)), kNeutral, persona == kGoldenLead ? kNeutral : kNegative);
            channels = {kMeeting, kEmail, kEmail, kChat};
            break;
          case kContraryConverter:
            fill(kNegative, static_cast<int>(r.range(majority, n)), kNeutral, kPositive);
            channels = {kTicket, kTicket, kChat, kEmail, kMeeting};
            break;
          case kIncompatibleIgnoramus:
            fill(kNegative, static_cast<int>(r.range(1, n)), kNeutral, kNeutral);
            channels = {kTicket, kEmail, kChat};
            break;
          case kSilentSuccess: case kFizzler:
            fill(r.chance(0.5) ? kPositive : kNeutral, n, kNeutral, kNeutral);
            channels = {kEmail, kChat, kTicket};
            break;
          default:
            for (auto& s : sent) s = static_cast<int>(r.below(3));
            channels = {kEmail, kMeeting, kChat, kTicket};
            break;
        }
        shuffle(sent, r);
        // All inside the trial (and inside the period).
        const int64_t lo = a.signup_ts + 1800;
        const int64_t hi = std::min(a.trial_end_ts, period_end);
        const int last_day = static_cast<int>(floor_div(hi, kDay) - start_day_);
        for (int i = 0; i < n; ++i) {
          const int day = static_cast<int>(r.range(a.signup_day, std::max(a.signup_day, last_day)));
          const int64_t ts = comm_time(r, a, day, lo, hi);
          comms_.push_back({ts, ai, comm_user(r, a, day), channels[r.below(channels.size())], sent[static_cast<size_t>(i)]});
        }
        continue;
      }
      // Everyone else: occasional contact over the period.
      double per30 = 0;
      std::array<int, 4> ch{};      // email, meeting, chat, ticket weights
      std::array<int, 3> sw{};      // positive, neutral, negative weights
      switch (a.plan) {
        case kEnterprise: per30 = 2.0; ch = {35, 35, 10, 20}; sw = {45, 40, 15}; break;
        case kSelfServe: per30 = 0.5; ch = {30, 5, 30, 35}; sw = {40, 42, 18}; break;
        case kFree: per30 = 0.12; ch = {20, 0, 30, 50}; sw = {30, 50, 20}; break;
        default: per30 = 0.9; ch = {30, 15, 15, 40}; sw = {20, 40, 40}; break;
      }
      const int from = std::max(0, a.signup_day);
      const int to = std::min(D_, a.churn_day);
      if (to <= from) continue;
      uint32_t n = r.poisson(per30 * static_cast<double>(to - from) / 30.0);
      if (a.period_trial) n += r.poisson(1.0);
      for (uint32_t i = 0; i < n; ++i) {
        int day = static_cast<int>(r.range(from, to - 1));
        if (a.period_trial && i + 1 == n && n > 0 && r.chance(0.5)) day = std::min(to - 1, a.signup_day + static_cast<int>(r.range(0, kTrialDays - 1)));
        std::array<int, 3> w = sw;
        if (a.plan == kChurned && day >= a.fade_start) w = {10, 30, 60};
        const int64_t lo = std::max(a.signup_ts + 1800, period_start);
        const int64_t ts = comm_time(r, a, day, lo, period_end);
        comms_.push_back({ts, ai, comm_user(r, a, day), pick_weighted(r, ch), pick_weighted(r, w)});
      }
    }
    std::sort(comms_.begin(), comms_.end(), [](const Comm& x, const Comm& y) {
      if (x.ts != y.ts) return x.ts < y.ts;
      if (x.account != y.account) return x.account < y.account;
      if (x.user != y.user) return x.user < y.user;
      if (x.channel != y.channel) return x.channel < y.channel;
      return x.sentiment < y.sentiment;
    });
  }

  // ---------------------------------------------------------------- writing
  void write_accounts() {
    Writer w(std::filesystem::path(o_.out) / "accounts.csv");
    w.put("account_id,name,domain,employees,plan,signup_at,trial_ends_at,converted_at,deal_value,seats,owner,industry,region\n");
    auto opt = [&](int64_t v) { if (v != kNone) w.num(v); };
    for (const Account& a : accounts_) {
      w.put(a.id); w.ch(',');
      w.csv_field(a.name); w.ch(',');
      w.csv_field(a.domain); w.ch(',');
      w.num(a.employees); w.ch(',');
      w.put(kPlanNames[a.plan]); w.ch(',');
      w.put(iso(a.signup_ts)); w.ch(',');
      w.put(iso(a.trial_end_ts)); w.ch(',');
      w.put(iso(a.converted_ts)); w.ch(',');
      opt(a.deal_value); w.ch(',');
      opt(a.seats); w.ch(',');
      if (a.owner >= 0) w.csv_field(kOwners[a.owner]);
      w.ch(',');
      w.csv_field(kIndustries[a.industry]); w.ch(',');
      w.put(kRegions[a.region]); w.ch('\n');
    }
  }

  void write_personas() {
    Writer w(std::filesystem::path(o_.out) / "planted_personas.csv");
    w.put("account_id,persona\n");
    for (const Account& a : accounts_)
      if (a.plan == kTrial) {
        w.put(a.id); w.ch(',');
        w.put(kPersonaNames[a.persona]); w.ch('\n');
      }
  }

  void write_comms() {
    Writer w(std::filesystem::path(o_.out) / "communications.csv");
    w.put("account_id,user_id,timestamp,channel,sentiment\n");
    for (const Comm& c : comms_) {
      w.put(accounts_[c.account].id); w.ch(',');
      w.put(user_ids_[c.user]); w.ch(',');
      w.put(iso(c.ts)); w.ch(',');
      w.put(kChannelNames[c.channel]); w.ch(',');
      w.put(kSentimentNames[c.sentiment]); w.ch('\n');
    }
  }

  void uuid(uint64_t idx, char* out) const {  // 36 chars, RFC 4122 version-4 layout
    const uint64_t h1 = stream_seed(o_.seed, kTagIds, idx);
    const uint64_t h2 = hash2(h1, idx);
    static const char* hex = "0123456789abcdef";
    char b[32];
    for (int i = 0; i < 16; ++i) { b[i] = hex[(h1 >> (60 - 4 * i)) & 15]; b[16 + i] = hex[(h2 >> (60 - 4 * i)) & 15]; }
    b[12] = '4';
    b[16] = hex[8 + ((h2 >> 60) & 3)];
    int j = 0;
    for (int i = 0; i < 32; ++i) {
      if (i == 8 || i == 12 || i == 16 || i == 20) out[j++] = '-';
      out[j++] = b[i];
    }
  }

  uint64_t write_events() {
    std::unique_ptr<Writer> csv, nd;
    if (o_.csv) {
      csv = std::make_unique<Writer>(std::filesystem::path(o_.out) / "events.csv");
      csv->put("timestamp,account_id,user_id,event\n");
    }
    if (o_.ndjson) nd = std::make_unique<Writer>(std::filesystem::path(o_.out) / "events.ndjson");
    const int shape = o_.shape == "plain" ? 0 : o_.shape == "segment" ? 1 : o_.shape == "mixpanel" ? 2 : o_.shape == "amplitude" ? 3 : 4;
    std::vector<uint64_t> keys;
    uint64_t n = 0;
    char iso_ts[24], amp_ts[32], id[40];
    for (int t = 0; t < D_; ++t) {
      keys.clear();
      for (uint32_t ai = 0; ai < accounts_.size(); ++ai) account_day(ai, t, keys);
      std::sort(keys.begin(), keys.end());
      const int64_t base = day_ts(t);
      format_datetime(base, 'T', iso_ts);
      iso_ts[19] = 'Z';
      format_datetime(base, ' ', amp_ts);
      std::memcpy(amp_ts + 19, ".000000", 7);
      for (uint64_t k : keys) {
        const int sec = static_cast<int>(k >> 46);
        const uint32_t user = static_cast<uint32_t>((k >> 6) & ((1ull << 40) - 1));
        const int ev = static_cast<int>(k & 63);
        put2(iso_ts + 11, static_cast<unsigned>(sec / 3600));
        put2(iso_ts + 14, static_cast<unsigned>(sec / 60 % 60));
        put2(iso_ts + 17, static_cast<unsigned>(sec % 60));
        const std::string& acc = accounts_[users_[user].account].id;
        const std::string& uid = user_ids_[user];
        const char* evn = kEvents[ev].name;
        if (csv) {
          csv->put(iso_ts, 20); csv->ch(',');
          csv->put(acc); csv->ch(',');
          csv->put(uid); csv->ch(',');
          csv->put(evn, std::strlen(evn)); csv->ch('\n');
        }
        if (nd) {
          Writer& w = *nd;
          auto q = [&](std::string_view s) { w.ch('"'); w.put(s); w.ch('"'); };
          switch (shape) {
            case 0:
              w.put("{\"timestamp\":"); q({iso_ts, 20});
              w.put(",\"account_id\":"); q(acc);
              w.put(",\"user_id\":"); q(uid);
              w.put(",\"event\":"); q(evn);
              w.put("}\n");
              break;
            case 1:
              uuid(n, id);
              w.put("{\"type\":\"track\",\"event\":"); q(evn);
              w.put(",\"userId\":"); q(uid);
              w.put(",\"timestamp\":"); q({iso_ts, 20});
              w.put(",\"context\":{\"groupId\":"); q(acc);
              w.put("},\"messageId\":"); q({id, 36});
              w.put("}\n");
              break;
            case 2: {
              uuid(n, id);
              std::string ins;
              for (int i = 0; i < 36; ++i) if (id[i] != '-') ins.push_back(id[i]);
              w.put("{\"event\":"); q(evn);
              w.put(",\"properties\":{\"time\":"); w.num(base + sec);
              w.put(",\"distinct_id\":"); q(uid);
              w.put(",\"$insert_id\":"); q(ins);
              w.put(",\"company_id\":"); q(acc);
              w.put("}}\n");
              break;
            }
            case 3:
              uuid(n, id);
              std::memcpy(amp_ts + 11, iso_ts + 11, 8);
              w.put("{\"event_type\":"); q(evn);
              w.put(",\"user_id\":"); q(uid);
              w.put(",\"event_time\":"); q({amp_ts, 26});
              w.put(",\"groups\":{\"company\":"); q(acc);
              w.put("},\"insert_id\":"); q({id, 36});
              w.put("}\n");
              break;
            default:
              uuid(n, id);
              w.put("{\"event\":"); q(evn);
              w.put(",\"distinct_id\":"); q(uid);
              w.put(",\"timestamp\":"); q({iso_ts, 20});
              w.put(",\"uuid\":"); q({id, 36});
              w.put(",\"properties\":{\"$groups\":{\"company\":"); q(acc);
              w.put("}}}\n");
              break;
          }
        }
        ++n;
      }
      // A planning bug must never fill a disk: the total is planned to be close to --events.
      if (n > 2 * static_cast<uint64_t>(o_.events) + 5000000) die("internal error: event count runaway, stopping");
    }
    if (csv) { bytes_ += csv->bytes(); csv->close(); }
    if (nd) { bytes_ += nd->bytes(); nd->close(); }
    return n;
  }

  void summary(uint64_t n, double secs) const {
    std::array<int64_t, kNumPlans> plans{};
    std::array<int64_t, kNumPersonas> personas{};
    for (const Account& a : accounts_) {
      plans[static_cast<size_t>(a.plan)]++;
      if (a.persona >= 0) personas[static_cast<size_t>(a.persona)]++;
    }
    std::fprintf(stderr, "pqlscope-gen: seed %llu, %zu accounts, %zu users, %llu events (target %lld), %zu communications\n",
                 static_cast<unsigned long long>(o_.seed), accounts_.size(), users_.size(),
                 static_cast<unsigned long long>(n), static_cast<long long>(o_.events), comms_.size());
    std::fprintf(stderr, "  period %s .. %s (%d days); engagement P90 of the last 7 days: %.1f\n",
                 iso(day_ts(0)).substr(0, 10).c_str(), iso(day_ts(E_)).substr(0, 10).c_str(), D_, p90_);
    std::fprintf(stderr, "  plans:");
    for (int p = 0; p < kNumPlans; ++p) std::fprintf(stderr, " %s=%lld", kPlanNames[p], static_cast<long long>(plans[static_cast<size_t>(p)]));
    std::fprintf(stderr, "\n  trial personas:");
    for (int p = 0; p < kNumPersonas; ++p) std::fprintf(stderr, " %s=%lld", kPersonaNames[p], static_cast<long long>(personas[static_cast<size_t>(p)]));
    std::fprintf(stderr, "\n  events written in %.2f s (%llu bytes) to %s\n", secs, static_cast<unsigned long long>(bytes_), o_.out.c_str());
  }

  Options o_;
  int64_t end_day_ = 0, start_day_ = 0;
  int D_ = 0, E_ = 0, W0_ = 0;
  Table trial_tab_, paid_tab_, ent_tab_, free_tab_;
  std::vector<Account> accounts_;
  std::vector<User> users_;
  std::vector<std::string> user_ids_;
  std::vector<TrialPlan> trial_plans_;
  std::vector<Comm> comms_;
  std::set<std::string> names_, domains_;
  mutable std::vector<double> fill_cost_;
  double scale_ = 1.0;
  double p90_ = 1.0;
  uint64_t bytes_ = 0;
};

}  // namespace
}  // namespace gen

int main(int argc, char** argv) {
  const gen::Options o = gen::parse_args(argc, argv);
  gen::Generator g(o);
  g.run();
  return 0;
}
