// The score stage on threads (docs/performance.md, "The score stage on threads"): scoring with
// the alerts' baseline side by side, and the report's history computed while the accounts are
// written, give the very bytes of the serial path (score() then write_report(), which the
// golden and writer tests check) on 1, 2, 3 and 7 threads: on the example data and on a small
// hand-written fixture made to catch order effects (tied accounts and users, accounts without
// events, NaN adoption without key features, recency decay's fractional sums).
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/report/report_on_threads.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "pqlscope/session/session.hpp"
#include "support/files.hpp"

namespace pqlscope {
namespace {

using pqlscope::testing::read_whole_file;

constexpr unsigned kThreadCounts[] = {1, 2, 3, 7};

Aggregates ingest_texts(const std::string& events, const std::string& accounts, const std::string& comms = "") {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed(events);
  ingest.begin_file("accounts.csv", FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  ingest.feed(accounts);
  if (!comms.empty()) {
    ingest.begin_file("communications.csv", FileOptions{FileKind::communications, InputFormat::auto_detect, {}});
    ingest.feed(comms);
  }
  return ingest.finish();
}

Aggregates example_aggregates() {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/data/";
  return ingest_texts(read_whole_file(dir + "events.csv"), read_whole_file(dir + "accounts.csv"),
                      read_whole_file(dir + "communications.csv"));
}

Model example_model() { return parse_model(read_whole_file(std::string(PQLSCOPE_SOURCE_DIR) + "/examples/model.json")); }

// Three weeks of 2024-03 (so the alerts' baseline, one window earlier, has data too). tie_a and
// tie_b do the same events on the same days (every score ties; ids break the ties); their users
// ua and ub tie as well. quiet has one event before the baseline's window only; ghost_1 and
// ghost_2 are in the accounts file without any event; drifter changes from heavy to nothing
// (it leaves segments between the two days).
const char* kAdversarialEvents =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,tie_a,ua,create\n"
    "2024-03-01T09:00:00Z,tie_b,ub,create\n"
    "2024-03-01T10:00:00Z,quiet,uq,login\n"
    "2024-03-02T09:00:00Z,drifter,ud1,create\n"
    "2024-03-02T09:05:00Z,drifter,ud1,invite\n"
    "2024-03-02T09:06:00Z,drifter,ud2,report\n"
    "2024-03-04T09:00:00Z,drifter,ud2,report\n"
    "2024-03-05T09:00:00Z,drifter,ud1,report\n"
    "2024-03-08T11:00:00Z,tie_a,ua,report\n"
    "2024-03-08T11:00:00Z,tie_b,ub,report\n"
    "2024-03-09T11:00:00Z,tie_a,ua2,invite\n"
    "2024-03-09T11:00:00Z,tie_b,ub2,invite\n"
    "2024-03-12T08:00:00Z,solo,us,create\n"
    "2024-03-13T08:00:00Z,solo,us,report\n"
    "2024-03-14T08:00:00Z,solo,us,report\n"
    "2024-03-15T12:00:00Z,tie_a,ua,report\n"
    "2024-03-15T12:00:00Z,tie_b,ub,report\n"
    "2024-03-16T12:00:00Z,tie_a,ua,login\n"
    "2024-03-16T12:00:00Z,tie_b,ub,login\n"
    "2024-03-20T12:00:00Z,solo,us,invite\n";

const char* kAdversarialAccounts =
    "account_id,name,plan,signup_at,trial_ends_at,seats\n"
    "tie_a,Tie A,trial,2024-03-01T00:00:00Z,2024-03-29T00:00:00Z,5\n"
    "tie_b,Tie B,trial,2024-03-01T00:00:00Z,2024-03-29T00:00:00Z,5\n"
    "quiet,Quiet,trial,2024-03-01T00:00:00Z,2024-03-15T00:00:00Z,\n"
    "ghost_1,Ghost One,trial,2024-03-10T00:00:00Z,2024-03-24T00:00:00Z,\n"
    "ghost_2,Ghost Two,self_serve,,,3\n"
    "drifter,Drifter,trial,2024-03-02T00:00:00Z,2024-03-30T00:00:00Z,2\n"
    "solo,Solo,trial,2024-03-12T00:00:00Z,2024-03-26T00:00:00Z,1\n";

// No key features: adoption is NaN for everyone. Windows of 7 days, 3 of them.
std::string adversarial_model(const char* method) {
  return std::string(R"({"activation": {"steps": [
      {"id": "create", "events": "create"}, {"id": "invite", "events": "invite", "min_users": 2},
      {"id": "report", "level": "user", "events": "report", "min_count": 2}]},
    "engagement": {"importance": {"create": 3, "invite": 2, "report": 1, "login": 0},
      "window_days": 7, "history_windows": 3, "normalization": {"method": ")") +
         method + R"("}}})";
}

ReportOptions every_section() {
  ReportOptions options;
  options.include_users = true;
  options.history_users = true;
  options.history_moves = true;  // scores every history point again: the most work per byte
  options.history_interval_days = 3;
  return options;
}

// The serial reference: score() (score_without_alerts + add_alerts) and write_report().
std::string serial_text(const Aggregates& a, const Model& model, const ReportOptions& options, ScoreResult& result) {
  result = score(a, model);
  std::ostringstream out;
  write_report(out, a, model, result, options);
  return out.str();
}

void expect_same_on_threads(const Aggregates& a, const Model& model, const std::string& what, bool pretty) {
  ReportOptions options = every_section();
  options.pretty = pretty;
  ScoreResult reference;
  const std::string expected = serial_text(a, model, options, reference);
  ASSERT_GT(expected.size(), 1000u) << what;
  for (unsigned threads : kThreadCounts) {
    const ScoreResult result = score_on_threads(a, model, threads);
    EXPECT_TRUE(report_text(a, model, result, options) == expected) << what << ", score_on_threads " << threads;
    EXPECT_EQ(result.alerts.total_entered(), reference.alerts.total_entered()) << what;
    EXPECT_EQ(result.alerts.total_left(), reference.alerts.total_left()) << what;
    std::ostringstream out;
    write_report_on_threads(out, a, model, reference, options, nlohmann::ordered_json::object(), threads);
    EXPECT_TRUE(out.str() == expected) << what << ", write_report_on_threads " << threads;
  }
}

// The sections and the history are rendered apart on threads: compact and indented alike.
void expect_same_on_threads(const Aggregates& a, const Model& model, const std::string& what) {
  for (const bool pretty : {false, true}) {
    expect_same_on_threads(a, model, what + (pretty ? ", pretty" : ""), pretty);
  }
}

TEST(ScoreOnThreads, ExampleReportIsTheSameOnEveryThreadCount) {
  const Aggregates a = example_aggregates();
  ASSERT_GT(a.accounts.size(), 100u);
  expect_same_on_threads(a, example_model(), "example");
}

TEST(ScoreOnThreads, AdversarialReportIsTheSameOnEveryThreadCount) {
  const Aggregates a = ingest_texts(kAdversarialEvents, kAdversarialAccounts);
  ASSERT_EQ(a.accounts.size(), 7u);
  for (const char* method : {"p90", "percentile_rank", "min_max", "recency_decay"}) {
    const Model model = parse_model(adversarial_model(method));
    ScoreResult reference = score(a, model);
    // The fixture does what it says: a tie, NaN adoption, accounts without events, alerts.
    const uint32_t tie_a = a.find_account("tie_a"), tie_b = a.find_account("tie_b");
    EXPECT_EQ(reference.metrics.accounts.latest_score(tie_a), reference.metrics.accounts.latest_score(tie_b)) << method;
    EXPECT_TRUE(std::isnan(reference.metrics.accounts.adoption_rate[tie_a])) << method;
    EXPECT_EQ(reference.metrics.accounts.latest_raw(a.find_account("ghost_1")), 0.0) << method;
    EXPECT_GT(reference.alerts.total_entered() + reference.alerts.total_left(), 0u) << method;
    expect_same_on_threads(a, model, method);
  }
}

TEST(ScoreOnThreads, SessionScoresWithAlertsAsScoreThenFullResult) {
  const Model model = example_model();
  const ReportOptions options = every_section();
  Session serial(example_aggregates());
  serial.score(model);
  serial.full_result();
  std::string expected;
  serial.begin_report(options);
  while (serial.next_report_piece(expected, 512)) {
  }
  for (unsigned threads : kThreadCounts) {
    Session session(example_aggregates());
    session.set_threads(threads);
    EXPECT_EQ(session.threads(), threads);
    session.score_with_alerts(model);
    std::string text;
    session.begin_report(options);
    while (session.next_report_piece(text, 512)) {
    }
    EXPECT_TRUE(text == expected) << "threads " << threads;
    // A re-score reads the session's cache (built by the second scoring): the same again.
    session.score_with_alerts(model);
    text.clear();
    session.begin_report(options);
    while (session.next_report_piece(text, 512)) {
    }
    EXPECT_TRUE(text == expected) << "re-score, threads " << threads;
    // score() then full_result(): the alerts added afterwards, on the session's threads.
    Session later(example_aggregates());
    later.set_threads(threads);
    later.score(model);
    later.full_result();
    text.clear();
    later.begin_report(options);
    while (later.next_report_piece(text, 512)) {
    }
    EXPECT_TRUE(text == expected) << "score then full_result, threads " << threads;
  }
  Session session(example_aggregates());
  session.set_threads(0);
  EXPECT_EQ(session.threads(), 1u) << "0 threads means one";
}

TEST(ScoreOnThreads, AHistoryFailureSurfacesOnTheCallingThread) {
  const Aggregates a = ingest_texts(kAdversarialEvents, kAdversarialAccounts);
  const Model model = parse_model(adversarial_model("p90"));
  const ScoreResult result = score(a, model);
  ReportOptions options;
  options.history_interval_days = 0;  // outside 1..366: compute_history throws std::invalid_argument
  for (unsigned threads : kThreadCounts) {
    std::ostringstream out;
    EXPECT_THROW(write_report_on_threads(out, a, model, result, options, nlohmann::ordered_json::object(), threads),
                 std::invalid_argument)
        << "threads " << threads;
  }
}

}  // namespace
}  // namespace pqlscope
