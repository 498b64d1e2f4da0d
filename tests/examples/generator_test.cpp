// Tests of examples/generator (pqlscope-gen) and of the committed sample in examples/data/.
//
// They run the built generator, so they are native only: a WebAssembly test binary cannot
// start processes (the generator is not built for WASM either).
#ifndef __EMSCRIPTEN__

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pqlscope/io/calendar.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSourceDir = PQLSCOPE_SOURCE_DIR;
const fs::path kGenerator = fs::path(PQLSCOPE_BINARY_DIR) / "examples" / "generator" / "pqlscope-gen";
const fs::path kSampleDir = kSourceDir / "examples" / "data";
const char* const kSampleFiles[] = {"events.csv", "accounts.csv", "communications.csv", "planted_personas.csv"};

using pqlscope::testing::read_whole_file;

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "pqlscope-gen-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path operator/(const char* f) const { return path_ / f; }

 private:
  fs::path path_;
};

// Runs the generator; a missing binary is a failure, never a skip.
::testing::AssertionResult generate(const std::string& args, const fs::path& out) {
  if (!fs::exists(kGenerator))
    return ::testing::AssertionFailure()
           << "generator not found at " << kGenerator
           << ": build the pqlscope-gen target (tests/CMakeLists.txt should have "
              "add_dependencies(pqlscope_tests pqlscope-gen))";
  const std::string cmd = shell_quote(kGenerator.string()) + " " + args + " --quiet --out " + shell_quote(out.string());
  const int rc = std::system(cmd.c_str());
  if (rc != 0) return ::testing::AssertionFailure() << "exit status " << rc << " of: " << cmd;
  return ::testing::AssertionSuccess();
}

// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// "YYYY-MM-DDTHH:MM:SSZ" -> epoch seconds; -1 when malformed.
int64_t parse_iso(const std::string& s) {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return -1;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (s[static_cast<size_t>(i)] < '0' || s[static_cast<size_t>(i)] > '9') return -1;
  auto n = [&](size_t pos, size_t len) { return std::stoi(s.substr(pos, len)); };
  return pqlscope::days_from_civil(n(0, 4), static_cast<unsigned>(n(5, 2)), static_cast<unsigned>(n(8, 2))) * 86400 +
         n(11, 2) * 3600 + n(14, 2) * 60 + n(17, 2);
}

struct Dataset {
  std::vector<std::vector<std::string>> events, accounts, comms, personas;  // rows without header
  std::vector<std::string> events_header, accounts_header, comms_header, personas_header;
};

Dataset load(const fs::path& dir) {
  Dataset d;
  auto split = [](const fs::path& p, std::vector<std::string>& header, std::vector<std::vector<std::string>>& rows) {
    rows = parse_csv(read_whole_file(p));
    if (!rows.empty()) {
      header = rows.front();
      rows.erase(rows.begin());
    }
  };
  split(dir / "events.csv", d.events_header, d.events);
  split(dir / "accounts.csv", d.accounts_header, d.accounts);
  split(dir / "communications.csv", d.comms_header, d.comms);
  split(dir / "planted_personas.csv", d.personas_header, d.personas);
  return d;
}

void expect_same_files(const fs::path& a, const fs::path& b, const std::vector<std::string>& files) {
  for (const auto& f : files) {
    ASSERT_TRUE(fs::exists(a / f)) << (a / f);
    ASSERT_TRUE(fs::exists(b / f)) << (b / f);
    const std::string x = read_whole_file(a / f), y = read_whole_file(b / f);
    EXPECT_EQ(x.size(), y.size()) << f;
    EXPECT_TRUE(x == y) << f << " differs between " << a << " and " << b;
  }
}

// Structural checks every generated dataset must pass.
void check_sanity(const Dataset& d) {
  EXPECT_EQ(d.events_header, (std::vector<std::string>{"timestamp", "account_id", "user_id", "event"}));
  EXPECT_EQ(d.accounts_header,
            (std::vector<std::string>{"account_id", "name", "domain", "employees", "plan", "signup_at", "trial_ends_at",
                                      "converted_at", "deal_value", "seats", "owner", "industry", "region"}));
  EXPECT_EQ(d.comms_header, (std::vector<std::string>{"account_id", "user_id", "timestamp", "channel", "sentiment"}));
  EXPECT_EQ(d.personas_header, (std::vector<std::string>{"account_id", "persona"}));

  const std::set<std::string> plans = {"trial", "free", "self_serve", "enterprise", "churned"};
  std::map<std::string, std::string> plan_of;
  std::map<std::string, int> domains;
  for (const auto& r : d.accounts) {
    ASSERT_EQ(r.size(), 13u) << "accounts.csv row with " << r.size() << " fields: " << (r.empty() ? "" : r[0]);
    EXPECT_TRUE(plans.count(r[4])) << r[4];
    EXPECT_TRUE(plan_of.emplace(r[0], r[4]).second) << "duplicate account " << r[0];
    EXPECT_GT(parse_iso(r[5]), 0) << r[0] << " signup_at " << r[5];
    EXPECT_FALSE(r[1].empty());
    EXPECT_FALSE(r[2].empty());
    domains[r[2]]++;
  }
  // Every event: well-formed, sorted by time, of a known account; a user belongs to one account.
  std::map<std::string, std::string> account_of_user;
  int64_t prev = 0;
  size_t unsorted = 0, unknown = 0, bad_ts = 0, user_conflicts = 0;
  for (const auto& r : d.events) {
    ASSERT_EQ(r.size(), 4u);
    const int64_t t = parse_iso(r[0]);
    if (t < 0) ++bad_ts;
    if (t < prev) ++unsorted;
    prev = std::max(prev, t);
    if (!plan_of.count(r[1])) ++unknown;
    auto [it, fresh] = account_of_user.emplace(r[2], r[1]);
    if (!fresh && it->second != r[1]) ++user_conflicts;
  }
  EXPECT_EQ(bad_ts, 0u);
  EXPECT_EQ(unsorted, 0u) << "events.csv is not sorted by time";
  EXPECT_EQ(unknown, 0u) << "events of accounts missing from accounts.csv";
  EXPECT_EQ(user_conflicts, 0u) << "a user appears under two accounts";

  const std::set<std::string> channels = {"email", "meeting", "chat", "ticket"};
  const std::set<std::string> sentiments = {"positive", "neutral", "negative"};
  for (const auto& r : d.comms) {
    ASSERT_EQ(r.size(), 5u);
    EXPECT_TRUE(plan_of.count(r[0])) << r[0];
    EXPECT_GT(parse_iso(r[2]), 0) << r[2];
    EXPECT_TRUE(channels.count(r[3])) << r[3];
    EXPECT_TRUE(sentiments.count(r[4])) << r[4];
  }
  // The ground truth lists exactly the trial accounts.
  const std::set<std::string> personas = {"golden_lead", "silent_success", "contrary_converter", "positive_procrastinator",
                                          "fizzler", "incompatible_ignoramus", "heartbreaker", "unplanted"};
  size_t trials = 0;
  for (const auto& [id, plan] : plan_of) trials += plan == "trial";
  EXPECT_EQ(d.personas.size(), trials);
  for (const auto& r : d.personas) {
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(plan_of[r[0]], "trial") << r[0];
    EXPECT_TRUE(personas.count(r[1])) << r[1];
  }
}

// The persona cell each planted account must land in, under examples/model.json and
// docs/scoring.md §2: activation = completed account-level steps / steps; engagement = importance x
// count over the 7 days ending at the last event's day, min(100, 100 raw / P90 of the active
// accounts); communication Active = at least 2 during the trial; net sentiment.
struct Outcome {
  double activation = 0, engagement = 0;
  int comms = 0, positive = 0, negative = 0;
};

std::map<std::string, Outcome> score(const Dataset& d, const nlohmann::json& model) {
  struct Step {
    std::set<std::string> events;
    int min_count;
  };
  std::vector<Step> steps;
  for (const auto& s : model.at("activation").at("steps"))
    if (s.at("level") == "account")
      steps.push_back({s.at("events").get<std::set<std::string>>(), s.value("min_count", 1)});
  std::map<std::string, int> importance = model.at("engagement").at("importance").get<std::map<std::string, int>>();
  const int window_days = model.at("engagement").value("window_days", 7);

  std::map<std::string, int64_t> signup, trial_end;
  std::map<std::string, std::string> plan;
  for (const auto& r : d.accounts) {
    signup[r[0]] = parse_iso(r[5]);
    trial_end[r[0]] = r[6].empty() ? INT64_MAX : parse_iso(r[6]);
    plan[r[0]] = r[4];
  }
  const int64_t last = parse_iso(d.events.back()[0]);
  const int64_t window_end = (last / 86400 + 1) * 86400;
  const int64_t window_start = window_end - window_days * 86400;
  std::map<std::string, std::map<std::string, int>> counts;
  std::map<std::string, double> raw;
  for (const auto& r : d.events) {
    const int64_t t = parse_iso(r[0]);
    if (t >= signup[r[1]]) counts[r[1]][r[3]]++;
    if (t >= window_start && t < window_end) {
      auto it = importance.find(r[3]);
      raw[r[1]] += it == importance.end() ? 0 : it->second;
    }
  }
  std::vector<double> active;
  for (const auto& [a, x] : raw)
    if (x > 0) active.push_back(x);
  std::sort(active.begin(), active.end());
  double p90 = 1;
  if (!active.empty()) {
    const double h = 0.9 * static_cast<double>(active.size() - 1);
    const size_t lo = static_cast<size_t>(h);
    p90 = lo + 1 < active.size() ? active[lo] + (h - static_cast<double>(lo)) * (active[lo + 1] - active[lo]) : active.back();
  }
  std::map<std::string, Outcome> out;
  for (const auto& r : d.personas) {
    const std::string& a = r[0];
    Outcome o;
    int done = 0;
    for (const auto& s : steps) {
      int n = 0;
      for (const auto& e : s.events) n += counts[a][e];
      done += n >= s.min_count;
    }
    o.activation = 100.0 * done / static_cast<double>(steps.size());
    o.engagement = raw[a] > 0 ? std::min(100.0, 100.0 * raw[a] / p90) : 0.0;
    out[a] = o;
  }
  for (const auto& r : d.comms) {
    auto it = out.find(r[0]);
    if (it == out.end()) continue;
    const int64_t t = parse_iso(r[2]);
    if (t < signup[r[0]] || t > trial_end[r[0]]) continue;
    it->second.comms++;
    it->second.positive += r[4] == "positive";
    it->second.negative += r[4] == "negative";
  }
  return out;
}

std::string level(double x) { return x >= 70 ? "high" : x < 40 ? "low" : "medium"; }

// Returns the planted accounts that miss their persona's cell (with the reason).
std::vector<std::string> misplaced(const Dataset& d, const nlohmann::json& model, std::map<std::string, int>& seen) {
  const auto scores = score(d, model);
  std::vector<std::string> bad;
  for (const auto& r : d.personas) {
    const std::string& p = r[1];
    if (p == "unplanted") continue;
    seen[p]++;
    const Outcome& o = scores.at(r[0]);
    const std::string act = level(o.activation), eng = level(o.engagement);
    const bool comm_active = o.comms >= 2;
    const bool mostly_pos = o.positive * 2 > o.comms, mostly_neg = o.negative * 2 > o.comms;
    bool ok = false;
    if (p == "golden_lead") ok = act == "high" && eng == "high" && comm_active;
    else if (p == "silent_success") ok = act == "high" && eng == "high" && !comm_active;
    else if (p == "contrary_converter") ok = act == "medium" && eng == "medium" && comm_active && mostly_neg;
    else if (p == "positive_procrastinator") ok = act == "low" && eng == "low" && comm_active && mostly_pos;
    else if (p == "fizzler") ok = act == "high" && eng == "low" && !comm_active;
    else if (p == "incompatible_ignoramus") ok = act == "low" && eng == "low" && comm_active && o.positive <= o.negative;
    else if (p == "heartbreaker") ok = act == "low" && eng == "low" && !comm_active;
    if (!ok) {
      std::ostringstream s;
      s << r[0] << " " << p << ": activation " << o.activation << ", engagement " << o.engagement << ", "
        << o.comms << " comms (" << o.positive << "+ " << o.negative << "-)";
      bad.push_back(s.str());
    }
  }
  return bad;
}

nlohmann::json load_model() { return nlohmann::json::parse(read_whole_file(kSourceDir / "examples" / "model.json")); }

}  // namespace

TEST(ExampleGenerator, BinaryIsBuilt) {
  ASSERT_TRUE(fs::exists(kGenerator)) << "pqlscope-gen not found at " << kGenerator
                                      << " (tests/CMakeLists.txt: add_dependencies(pqlscope_tests pqlscope-gen))";
}

TEST(ExampleGenerator, SameSeedGivesIdenticalBytes) {
  TempDir a, b;
  const std::string args = "--seed 7 --accounts 200 --events 20000 --format both --shape segment";
  ASSERT_TRUE(generate(args, a.path()));
  ASSERT_TRUE(generate(args, b.path()));
  expect_same_files(a.path(), b.path(),
                    {"events.csv", "events.ndjson", "accounts.csv", "communications.csv", "planted_personas.csv"});
}

TEST(ExampleGenerator, DifferentSeedGivesDifferentBytes) {
  TempDir a, b;
  ASSERT_TRUE(generate("--seed 7 --accounts 200 --events 20000", a.path()));
  ASSERT_TRUE(generate("--seed 8 --accounts 200 --events 20000", b.path()));
  EXPECT_NE(read_whole_file(a / "events.csv"), read_whole_file(b / "events.csv"));
  EXPECT_NE(read_whole_file(a / "accounts.csv"), read_whole_file(b / "accounts.csv"));
  EXPECT_NE(read_whole_file(a / "communications.csv"), read_whole_file(b / "communications.csv"));
}

TEST(ExampleGenerator, CommittedSampleEqualsMakeSample) {
  ASSERT_TRUE(fs::exists(kGenerator)) << "pqlscope-gen not found at " << kGenerator;
  TempDir out;
  const std::string cmd = "PQLSCOPE_GEN=" + shell_quote(kGenerator.string()) + " sh " +
                          shell_quote((kSourceDir / "examples" / "make-sample.sh").string()) + " " +
                          shell_quote(out.path().string());
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::vector<std::string> files(std::begin(kSampleFiles), std::end(kSampleFiles));
  expect_same_files(kSampleDir, out.path(), files);
}

TEST(ExampleGenerator, CommittedSampleIsSane) {
  uintmax_t total = 0;
  for (const char* f : kSampleFiles) {
    ASSERT_TRUE(fs::exists(kSampleDir / f)) << (kSampleDir / f);
    total += fs::file_size(kSampleDir / f);
  }
  EXPECT_LE(total, 2u * 1024 * 1024) << "the committed sample must stay small";
  const Dataset d = load(kSampleDir);
  check_sanity(d);
  EXPECT_EQ(d.accounts.size(), 300u);
  EXPECT_NEAR(static_cast<double>(d.events.size()), 25000.0, 25000.0 * 0.04);
  // Names exercising CSV quoting and UTF-8, and workspaces sharing a domain.
  const std::string text = read_whole_file(kSampleDir / "accounts.csv");
  EXPECT_NE(text.find('"'), std::string::npos) << "no quoted field in accounts.csv";
  EXPECT_TRUE(std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      << "no non-ASCII name in accounts.csv";
  std::map<std::string, int> domains;
  for (const auto& r : d.accounts) domains[r[2]]++;
  EXPECT_TRUE(std::any_of(domains.begin(), domains.end(), [](const auto& kv) { return kv.second > 1; }))
      << "no two accounts share a domain";
  // Every event name has an importance in the example model.
  const auto importance = load_model().at("engagement").at("importance");
  std::set<std::string> names;
  for (const auto& r : d.events) names.insert(r[3]);
  EXPECT_GE(names.size(), 25u) << "most of the 30 event names occur";
  for (const auto& n : names) EXPECT_TRUE(importance.contains(n)) << n << " missing from examples/model.json";
}

TEST(ExampleGenerator, SamplePersonasLandInTheirCells) {
  const Dataset d = load(kSampleDir);
  std::map<std::string, int> seen;
  const auto bad = misplaced(d, load_model(), seen);
  EXPECT_EQ(seen.size(), 7u) << "every persona is planted in the sample";
  for (const auto& b : bad) ADD_FAILURE() << b;
}

TEST(ExampleGenerator, LargerRunHitsEventTargetAndPersonaCells) {
  TempDir out;
  ASSERT_TRUE(generate("--seed 11 --accounts 2000 --events 200000", out.path()));
  const Dataset d = load(out.path());
  check_sanity(d);
  EXPECT_NEAR(static_cast<double>(d.events.size()), 200000.0, 200000.0 * 0.03);
  std::map<std::string, int> seen;
  const auto bad = misplaced(d, load_model(), seen);
  EXPECT_EQ(seen["golden_lead"], 40);
  EXPECT_EQ(seen["fizzler"], 60);
  for (const auto& b : bad) ADD_FAILURE() << b;
}

TEST(ExampleGenerator, NdjsonShapes) {
  const char* shapes[] = {"plain", "segment", "mixpanel", "amplitude", "posthog"};
  for (const char* shape : shapes) {
    SCOPED_TRACE(shape);
    TempDir out;
    ASSERT_TRUE(generate(std::string("--seed 3 --accounts 60 --events 3000 --format both --shape ") + shape, out.path()));
    const auto csv = parse_csv(read_whole_file(out / "events.csv"));
    std::istringstream lines(read_whole_file(out / "events.ndjson"));
    std::string line;
    size_t i = 1;
    for (; std::getline(lines, line); ++i) {
      ASSERT_LT(i, csv.size());
      const auto& row = csv[i];  // timestamp, account, user, event
      const auto j = nlohmann::json::parse(line);
      const std::string s = shape;
      if (s == "plain") {
        EXPECT_EQ(j.at("timestamp"), row[0]);
        EXPECT_EQ(j.at("account_id"), row[1]);
        EXPECT_EQ(j.at("user_id"), row[2]);
        EXPECT_EQ(j.at("event"), row[3]);
      } else if (s == "segment") {
        EXPECT_EQ(j.at("type"), "track");
        EXPECT_EQ(j.at("event"), row[3]);
        EXPECT_EQ(j.at("userId"), row[2]);
        EXPECT_EQ(j.at("timestamp"), row[0]);
        EXPECT_EQ(j.at("context").at("groupId"), row[1]);
        EXPECT_EQ(j.at("messageId").get<std::string>().size(), 36u);
      } else if (s == "mixpanel") {
        const auto& p = j.at("properties");
        EXPECT_EQ(j.at("event"), row[3]);
        EXPECT_EQ(p.at("time").get<int64_t>(), parse_iso(row[0]));
        EXPECT_EQ(p.at("distinct_id"), row[2]);
        EXPECT_EQ(p.at("company_id"), row[1]);
        EXPECT_FALSE(p.at("$insert_id").get<std::string>().empty());
      } else if (s == "amplitude") {
        std::string t = row[0];
        t[10] = ' ';
        t = t.substr(0, 19) + ".000000";
        EXPECT_EQ(j.at("event_type"), row[3]);
        EXPECT_EQ(j.at("user_id"), row[2]);
        EXPECT_EQ(j.at("event_time"), t);
        EXPECT_EQ(j.at("groups").at("company"), row[1]);
        EXPECT_EQ(j.at("insert_id").get<std::string>().size(), 36u);
      } else {
        EXPECT_EQ(j.at("event"), row[3]);
        EXPECT_EQ(j.at("distinct_id"), row[2]);
        EXPECT_EQ(j.at("timestamp"), row[0]);
        EXPECT_EQ(j.at("uuid").get<std::string>().size(), 36u);
        EXPECT_EQ(j.at("properties").at("$groups").at("company"), row[1]);
      }
      if (::testing::Test::HasFailure()) return;
    }
    EXPECT_EQ(i, csv.size()) << "NDJSON and CSV hold the same events";
  }
}

#endif  // __EMSCRIPTEN__
