#include "pqlscope/ingest/ingestor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "support/chunking.hpp"

namespace pqlscope {
namespace {

using json = nlohmann::json;

Aggregates ingest_text(std::string_view text, FileOptions options = {}) {
  return ingest_buffer("test.file", text, std::move(options));
}

// count of (account id, event name, "YYYY-MM-DD") in the account day table; 0 when absent
uint32_t account_count(const Aggregates& a, std::string_view account, std::string_view event,
                       std::string_view day) {
  for (const DayCount& d : a.account_days) {
    if (a.accounts[d.entity].id == account && a.event_names[d.event] == event && format_day(d.day) == day) {
      return d.count;
    }
  }
  return 0;
}
uint32_t user_count(const Aggregates& a, std::string_view user, std::string_view event, std::string_view day) {
  for (const DayCount& d : a.user_days) {
    if (a.users[d.entity].id == user && a.event_names[d.event] == event && format_day(d.day) == day) {
      return d.count;
    }
  }
  return 0;
}

uint64_t rejected(const Aggregates& a, IngestErrorCode code) {
  return a.report.rejected_by_code[static_cast<size_t>(code)];
}

// Hand-checked: 7 rows, two identical ones without a message id (two real events: kept), one
// bad timestamp. Expected counts worked out by reading the rows below.
const char* kSmallCsv =
    "timestamp,account_id,user_id,event\n"
    "2024-03-01T09:00:00Z,acme,alice,login\n"
    "2024-03-01T09:05:00Z,acme,alice,report_created\n"
    "2024-03-01T09:05:00Z,acme,alice,report_created\n"   // identical row, no id: counted
    "2024-03-01T23:30:00-02:00,acme,bob,report_created\n" // 2024-03-02T01:30Z: next UTC day
    "2024-03-02T10:00:00Z,globex,carol,login\n"
    "2024-02-30T10:00:00Z,globex,carol,login\n"           // impossible date
    "2024-03-02T11:00:00Z,acme,,export_csv\n";            // account-level event, no user

TEST(Ingest, SmallCsvAggregatesAreExactlyTheHandCountedOnes) {
  const Aggregates a = ingest_text(kSmallCsv);
  EXPECT_EQ(a.report.rows, 7u);
  EXPECT_EQ(a.report.events, 6u);
  EXPECT_EQ(a.report.duplicates, 0u);
  EXPECT_EQ(a.report.rejected, 1u);
  EXPECT_EQ(rejected(a, IngestErrorCode::invalid_timestamp), 1u);
  ASSERT_EQ(a.report.issues.size(), 1u);
  EXPECT_EQ(a.report.issues[0].line, 7u);
  EXPECT_EQ(a.report.issues[0].column, 9u);  // the day "30" of 2024-02-30
  EXPECT_EQ(a.report.issues[0].field, "timestamp");

  EXPECT_EQ(a.event_names, (std::vector<std::string>{"login", "report_created", "export_csv"}));
  ASSERT_EQ(a.accounts.size(), 2u);
  EXPECT_EQ(a.accounts[0].id, "acme");
  EXPECT_EQ(a.accounts[0].events, 5u);
  EXPECT_EQ(format_millis(*a.accounts[0].first_event_at), "2024-03-01T09:00:00.000Z");
  EXPECT_EQ(format_millis(*a.accounts[0].last_event_at), "2024-03-02T11:00:00.000Z");
  EXPECT_EQ(account_count(a, "acme", "login", "2024-03-01"), 1u);
  EXPECT_EQ(account_count(a, "acme", "report_created", "2024-03-01"), 2u);
  EXPECT_EQ(account_count(a, "acme", "report_created", "2024-03-02"), 1u);
  EXPECT_EQ(account_count(a, "acme", "export_csv", "2024-03-02"), 1u);
  EXPECT_EQ(account_count(a, "globex", "login", "2024-03-02"), 1u);
  EXPECT_EQ(a.account_days.size(), 5u);
  EXPECT_EQ(user_count(a, "alice", "report_created", "2024-03-01"), 2u);
  EXPECT_EQ(user_count(a, "bob", "report_created", "2024-03-02"), 1u);
  EXPECT_EQ(a.user_days.size(), 4u);
  ASSERT_EQ(a.users.size(), 3u);
  EXPECT_EQ(a.users[1].id, "bob");
  EXPECT_EQ(a.accounts[a.users[1].account].id, "acme");
  // Sorted by (day, entity, event): a window of days is one slice.
  EXPECT_TRUE(std::is_sorted(a.account_days.begin(), a.account_days.end(), [](auto& x, auto& y) {
    return std::tie(x.day, x.entity, x.event) < std::tie(y.day, y.entity, y.event);
  }));
}

std::string generated_csv(int rows, bool shuffled) {
  std::vector<std::string> lines;
  for (int i = 0; i < rows; ++i) {
    const int day = (i * 7) / rows * 3 + (i % 3);
    lines.push_back("2024-01-" + std::string(day + 1 < 10 ? "0" : "") + std::to_string(day + 1) + "T" +
                    std::to_string(10 + i % 10) + ":00:00Z,acc" + std::to_string(i % 13) + ",\"u" +
                    std::to_string(i % 41) + "\",ev" + std::to_string(i % 5) + "\n");
  }
  if (shuffled) {
    std::mt19937_64 rng(7);
    std::shuffle(lines.begin(), lines.end(), rng);
  }
  std::string out = "timestamp,account_id,user_id,event\n";
  for (auto& l : lines) out += l;
  return out;
}

TEST(Ingest, ChunkingNeverChangesTheAggregates) {
  const std::string text = generated_csv(3000, false);
  const json whole = aggregates_to_json(ingest_text(text));
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    Ingestor ingest;
    ingest.begin_file("x.csv");
    testing_support::feed_in_random_chunks(text, seed, seed * 37, [&](std::string_view c) { ingest.feed(c); });
    EXPECT_EQ(aggregates_to_json(ingest.finish()), whole) << "seed " << seed;
  }
}

// The same events as NDJSON and as a pretty-printed JSON array, with multi-byte characters and
// escaped quotes in strings: every chunking gives the aggregates of the CSV form.
TEST(Ingest, JsonFormsAreChunkInvariantAndMatchCsv) {
  std::string csv = "timestamp,account_id,user_id,event\n";
  std::string ndjson, array = "[\n";
  for (int i = 0; i < 400; ++i) {
    const std::string ts = "2024-02-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1) + "T10:00:00Z";
    const std::string account = "acc\xC3\xA9" + std::to_string(i % 9);
    const std::string event = "ev\\\"" + std::to_string(i % 4);  // JSON text: ev\"N
    csv += ts + "," + account + ",u" + std::to_string(i % 17) + ",\"ev\"\"" + std::to_string(i % 4) + "\"\n";
    const std::string object = "{\"timestamp\": \"" + ts + "\", \"account_id\": \"" + account +
                               "\", \"user_id\": \"u" + std::to_string(i % 17) + "\", \"event\": \"" + event +
                               "\", \"n\": " + std::to_string(i) + "}";
    ndjson += object + (i % 2 ? "\r\n" : "\n");
    array += (i ? ",\n  " : "  ") + object;
  }
  array += "\n]\n";
  const json from_csv = aggregates_to_json(ingest_text(csv));
  const json from_ndjson = aggregates_to_json(ingest_text(ndjson));
  EXPECT_EQ(from_ndjson["account_days"], from_csv["account_days"]);
  EXPECT_EQ(from_ndjson["event_names"], from_csv["event_names"]);
  for (const std::string* text : {&ndjson, &array}) {
    for (uint64_t seed = 1; seed <= 8; ++seed) {
      Ingestor ingest;
      ingest.begin_file("x.json");
      testing_support::feed_in_random_chunks(*text, seed, seed * 11, [&](std::string_view c) { ingest.feed(c); });
      const Aggregates a = ingest.finish();
      EXPECT_EQ(a.report.rejected, 0u);
      EXPECT_EQ(aggregates_to_json(a)["account_days"], from_csv["account_days"]) << "seed " << seed;
    }
  }
}

TEST(Ingest, UnsortedInputGivesTheSameCountsAsSortedInput) {
  const Aggregates sorted = ingest_text(generated_csv(5000, false));
  const Aggregates shuffled = ingest_text(generated_csv(5000, true));
  // Interned ids follow input order, so compare through the names.
  ASSERT_EQ(sorted.account_days.size(), shuffled.account_days.size());
  for (const DayCount& d : sorted.account_days) {
    EXPECT_EQ(account_count(shuffled, sorted.accounts[d.entity].id, sorted.event_names[d.event], format_day(d.day)),
              d.count);
  }
  ASSERT_EQ(sorted.user_days.size(), shuffled.user_days.size());
  EXPECT_EQ(shuffled.report.events, 5000u);
}

// Rows that jump between 60 days at random: past kReopenLimit the aggregator switches to one
// table for the rest of the input. Counts and duplicate detection (here of identical rows, asked
// for) stay exact.
TEST(Ingest, ShuffledInputOverManyDaysIsExactAndKeepsDroppingDuplicates) {
  std::vector<std::string> lines;
  for (int i = 0; i < 20000; ++i) {
    const int day = i % 60;
    lines.push_back("2024-01-01T00:00:00Z," + std::to_string(day) + ",acc" + std::to_string(i % 31) + ",u" +
                    std::to_string(i % 97) + ",e" + std::to_string(i % 6) + "\n");
  }
  std::string sorted = "timestamp,day,account_id,user_id,event\n", shuffled = sorted;
  std::vector<std::string> by_day = lines;
  std::stable_sort(by_day.begin(), by_day.end(), [](const std::string& a, const std::string& b) {
    return std::stoi(a.substr(21)) < std::stoi(b.substr(21));
  });
  std::mt19937_64 rng(3);
  std::shuffle(lines.begin(), lines.end(), rng);
  for (size_t i = 0; i < lines.size(); ++i) {
    // Spread over 60 real days, and duplicate every 50th row.
    auto dated = [](const std::string& l) {
      const int day = std::stoi(l.substr(21));
      return "2024-" + std::string(day < 31 ? "01-" : "02-") + (day % 31 + 1 < 10 ? "0" : "") +
             std::to_string(day % 31 + 1) + l.substr(10);
    };
    sorted += dated(by_day[i]);
    shuffled += dated(lines[i]);
    if (i % 50 == 0) shuffled += dated(lines[i]);
  }
  const Aggregates a = ingest_text(sorted);
  IngestOptions drop_identical;
  drop_identical.drop_identical_rows = true;
  const Aggregates b = ingest_buffer("test.file", shuffled, {}, drop_identical);
  EXPECT_EQ(b.report.duplicates, 400u);
  EXPECT_EQ(b.report.identical_rows, 400u);
  EXPECT_GT(b.report.reopened_days, 64u);
  ASSERT_EQ(a.account_days.size(), b.account_days.size());
  for (const DayCount& d : a.account_days) {
    EXPECT_EQ(account_count(b, a.accounts[d.entity].id, a.event_names[d.event], format_day(d.day)), d.count);
  }
  EXPECT_EQ(a.user_days.size(), b.user_days.size());
}

// Found by fuzz/csv_fuzz: the delimiter is decided on the first line alone. A stray quote
// there must not let the decision read on into later lines, which would make it depend on
// how much of the file had arrived.
TEST(Ingest, FormatIsDecidedOnTheFirstLineWhateverTheChunking) {
  const std::string text = "timestamp\tuser_id\tevent\"\n,,,,,,,,\n2024-01-01\tu\tx\n";
  const json whole = aggregates_to_json(ingest_text(text));
  for (size_t split = 1; split < text.size(); ++split) {
    Ingestor ingest;
    ingest.begin_file("x");
    ingest.feed(std::string_view(text).substr(0, split));
    ingest.feed(std::string_view(text).substr(split));
    const Aggregates a = ingest.finish();
    EXPECT_EQ(a.report.files[0].format, "tsv") << "split " << split;
    EXPECT_EQ(aggregates_to_json(a), whole) << "split " << split;
  }
}

TEST(Ingest, TsvAndExplicitMapping) {
  FileOptions options;
  options.mapping.fields = {{"timestamp", "When"}, {"account", "Org"}, {"user", "Who"}, {"event", "What"}};
  const Aggregates a = ingest_text("When\tOrg\tWho\tWhat\tevent\n2024-05-01 10:00:00\to1\tu1\tsaved\tignored\n", options);
  EXPECT_EQ(a.report.files[0].format, "tsv");
  EXPECT_EQ(a.event_names, (std::vector<std::string>{"saved"}));
  EXPECT_EQ(account_count(a, "o1", "saved", "2024-05-01"), 1u);
}

TEST(Ingest, SegmentTrackAndGroupCalls) {
  const Aggregates a = ingest_text(
      R"({"type":"group","userId":"u9","groupId":"g1","timestamp":"2024-04-01T00:00:00Z","messageId":"m0"})" "\n"
      R"({"type":"track","event":"Report Built","userId":"u9","timestamp":"2024-04-01T08:00:00.123Z","messageId":"m1"})" "\n"
      R"({"type":"track","event":"Report Built","userId":"u9","timestamp":"2024-04-01T08:00:00.123Z","messageId":"m1"})" "\n"
      R"({"type":"track","event":"Shared","userId":"u9","context":{"groupId":"g2"},"timestamp":"2024-04-02T08:00:00Z","messageId":"m2"})" "\n"
      R"({"type":"identify","userId":"u9","traits":{"email":"x@y.z"}})" "\n");
  EXPECT_EQ(a.report.files[0].format, "ndjson");
  EXPECT_EQ(a.report.events, 2u);
  EXPECT_EQ(a.report.duplicates, 1u);
  EXPECT_EQ(a.report.skipped, 2u);
  // The track call without a group counts for the user's group from the group call.
  EXPECT_EQ(account_count(a, "g1", "Report Built", "2024-04-01"), 1u);
  EXPECT_EQ(account_count(a, "g2", "Shared", "2024-04-02"), 1u);
  EXPECT_EQ(a.users[0].id, "u9");
  EXPECT_TRUE(a.users[0].in_several_accounts);
}

TEST(Ingest, MixpanelExportWithEpochSecondsAndGroupKey) {
  const Aggregates a = ingest_text(
      R"({"event":"Signed Up","properties":{"time":1711929600,"distinct_id":"d1","$insert_id":"i1","company_id":"c1"}})" "\n"
      R"({"event":"Invited","properties":{"time":1712016000,"distinct_id":"d1","$insert_id":"i2","company_id":"c1"}})" "\n");
  EXPECT_EQ(a.report.events, 2u);
  EXPECT_EQ(account_count(a, "c1", "Signed Up", "2024-04-01"), 1u);
  EXPECT_EQ(account_count(a, "c1", "Invited", "2024-04-02"), 1u);
}

TEST(Ingest, AmplitudeExportWithGroupsArray) {
  const Aggregates a = ingest_text(
      R"([{"event_type":"chart_saved","user_id":"a1","event_time":"2024-06-30 23:59:59.999999","groups":{"company":["acme"]},"insert_id":"x"},)" "\n"
      R"( {"event_type":"chart_saved","user_id":"a2","event_time":"2024-07-01 00:00:00.000001","groups":{"company":"acme"},"insert_id":"y"}])");
  EXPECT_EQ(a.report.files[0].format, "json");
  EXPECT_EQ(a.report.events, 2u);
  EXPECT_EQ(account_count(a, "acme", "chart_saved", "2024-06-30"), 1u);
  EXPECT_EQ(account_count(a, "acme", "chart_saved", "2024-07-01"), 1u);
}

TEST(Ingest, PostHogEventsWithPropertiesAsAJsonString) {
  const Aggregates a = ingest_text(
      R"({"event":"$pageview","distinct_id":"p1","timestamp":"2024-01-05T10:00:00+01:00","uuid":"q1","properties":{"$groups":{"company":"co"}}})" "\n"
      R"({"event":"insight saved","distinct_id":"p1","timestamp":"2024-01-05T10:00:00+01:00","uuid":"q2","properties":"{\"$groups\":{\"company\":\"co\"}}"})" "\n");
  EXPECT_EQ(a.report.events, 2u);
  EXPECT_EQ(account_count(a, "co", "insight saved", "2024-01-05"), 1u);
}

TEST(Ingest, UserWithoutAnyAccountBecomesItsOwnAccount) {
  const Aggregates a = ingest_text("time,distinct_id,event\n1704067200,solo,opened\n");
  EXPECT_EQ(a.report.unattributed_users, 1u);
  EXPECT_EQ(account_count(a, "solo", "opened", "2024-01-01"), 1u);
}

TEST(Ingest, NamedErrorsForBrokenFiles) {
  EXPECT_EQ(rejected(ingest_text(""), IngestErrorCode::empty_file), 1u);
  EXPECT_EQ(rejected(ingest_text("timestamp,account_id,event\n"), IngestErrorCode::header_only), 1u);
  EXPECT_EQ(rejected(ingest_text("when,who,what\n1,2,3\n"), IngestErrorCode::missing_column), 1u);
  const Aggregates cols = ingest_text("timestamp,account_id,event\n2024-01-01,a,e,extra\n2024-01-01,a\n");
  EXPECT_EQ(rejected(cols, IngestErrorCode::wrong_column_count), 2u);
  EXPECT_EQ(cols.report.issues[0].column, 16u);  // where the extra column starts
  const Aggregates ts = ingest_text("timestamp,account_id,event\nyesterday,a,e\n1969-12-31T23:00:00Z,a,e\n,a,e\n");
  EXPECT_EQ(rejected(ts, IngestErrorCode::unknown_timestamp_format), 1u);
  EXPECT_EQ(rejected(ts, IngestErrorCode::timestamp_out_of_range), 1u);
  EXPECT_EQ(rejected(ts, IngestErrorCode::missing_timestamp), 1u);
  const Aggregates q = ingest_text("timestamp,account_id,event\n2024-01-01,\"a,e\n");
  EXPECT_EQ(rejected(q, IngestErrorCode::unterminated_quote), 1u);
  const Aggregates entity = ingest_text("timestamp,account_id,user_id,event\n2024-01-01,,,e\n2024-01-01,a,u,\n");
  EXPECT_EQ(rejected(entity, IngestErrorCode::missing_entity), 1u);
  EXPECT_EQ(rejected(entity, IngestErrorCode::missing_event_name), 1u);
  const Aggregates bad_json = ingest_text("{\"event\":\"a\",\"user_id\":\"u\",\"timestamp\":\"2024-01-01\"}\n{\"event\": nope}\n[1]\n");
  EXPECT_EQ(bad_json.report.events, 1u);
  EXPECT_EQ(rejected(bad_json, IngestErrorCode::invalid_json), 1u);
  EXPECT_EQ(rejected(bad_json, IngestErrorCode::not_an_object), 1u);
  const IngestIssue& issue = bad_json.report.issues[0];
  EXPECT_EQ(issue.line, 2u);
  EXPECT_EQ(issue.column, 12u);  // nlohmann/json stops after reading "no" of `nope`
  EXPECT_NE(issue.to_string().find("test.file:2:12: invalid_json"), std::string::npos);
  // The first non-ASCII character is valid UTF-8, so the file is UTF-8 and a later stray
  // Windows-1252 byte is an error (text_decoder.hpp), not transcoded.
  const Aggregates utf = ingest_text("timestamp,account_id,event\n2024-01-01,caf\xC3\xA9,e\n2024-01-01,caf\xE9,e\n");
  EXPECT_EQ(rejected(utf, IngestErrorCode::invalid_utf8), 1u);
  EXPECT_EQ(utf.report.issues[0].line, 3u);
  EXPECT_EQ(utf.report.issues[0].column, 15u);
}

TEST(Ingest, DeepJsonIsRejectedNotRecursed) {
  std::string deep = "[{\"event\":\"e\",\"user_id\":\"u\",\"timestamp\":\"2024-01-01\",\"p\":";
  deep += std::string(100000, '[') + std::string(100000, ']') + "}]";
  const Aggregates a = ingest_text(deep);
  EXPECT_EQ(rejected(a, IngestErrorCode::json_too_deep), 1u);
}

TEST(Ingest, StrictModeThrowsAtTheFirstProblemWithItsPosition) {
  IngestOptions strict;
  strict.strict = true;
  try {
    ingest_buffer("events.csv", "timestamp,account_id,event\n2024-01-01,a,e\n2024-13-01,a,e\n", {}, strict);
    FAIL() << "expected an IngestError";
  } catch (const IngestError& e) {
    EXPECT_EQ(e.issue().code, IngestErrorCode::invalid_timestamp);
    EXPECT_STREQ(e.what(), "events.csv:3:6: invalid_timestamp: invalid date: '2024-13-01' (field 'timestamp')");
  }
}

TEST(Ingest, AccountsAndCommunicationsFilesJoinOnAccountId) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n2024-03-01T09:00:00Z,acme,alice,login\n");
  ingest.begin_file("accounts.csv", {FileKind::accounts});
  ingest.feed(
      "account_id,name,domain,employees,plan,signup_at,trial_ends_at,deal_value,seats,region\n"
      "acme,\"Acme, Inc.\",acme.com,120,Trial,2024-02-20,2024-03-05,12000.5,10,EMEA\n"
      "quiet,Quiet Co,quiet.io,5000,trial,2024-02-25,,,,\n"
      "acme,dup,,,,,,,,\n"
      "bad,Bad,,many,,,,,,\n");
  ingest.begin_file("comms.csv", {FileKind::communications});
  ingest.feed("account_id,timestamp,channel,sentiment\nacme,2024-03-01T10:00:00Z,email,positive\n"
              "acme,2024-03-01T11:00:00Z,email,positive\nacme,2024-03-02,meeting,-0.4\nquiet,2024-03-02,chat,meh\n");
  const Aggregates a = ingest.finish();
  ASSERT_EQ(a.accounts.size(), 2u);  // acme, quiet (no events: still scored); bad was rejected
  const AccountRecord& acme = a.accounts[a.find_account("acme")];
  EXPECT_TRUE(acme.in_accounts_file);
  EXPECT_EQ(acme.info.name, "Acme, Inc.");
  EXPECT_EQ(acme.info.employees, 120);
  EXPECT_EQ(acme.info.plan, Plan::trial);
  EXPECT_EQ(format_millis(*acme.info.trial_ends_at), "2024-03-05T00:00:00.000Z");
  EXPECT_DOUBLE_EQ(acme.info.deal_value, 12000.5);
  const AccountRecord& quiet = a.accounts[a.find_account("quiet")];
  EXPECT_FALSE(quiet.first_event_at.has_value());
  EXPECT_EQ(rejected(a, IngestErrorCode::duplicate_account), 1u);
  EXPECT_EQ(rejected(a, IngestErrorCode::invalid_number), 1u);
  EXPECT_EQ(rejected(a, IngestErrorCode::invalid_value), 1u);
  ASSERT_EQ(a.communications.size(), 2u);
  EXPECT_EQ(a.communications[0].count, 2u);
  EXPECT_EQ(a.communications[0].sentiment, Sentiment::positive);
  EXPECT_EQ(a.communications[1].sentiment, Sentiment::negative);
  EXPECT_EQ(a.channels, (std::vector<std::string>{"email", "meeting"}));
}

TEST(Ingest, EveryRejectedRowIsCountedAndTheFirstOnesKept) {
  std::string text = "timestamp,account_id,event\n";
  for (int i = 0; i < 250; ++i) text += "nope,a,e\n";
  const Aggregates a = ingest_text(text);
  EXPECT_EQ(a.report.rejected, 250u);
  EXPECT_EQ(a.report.issues.size(), 100u);
  EXPECT_EQ(a.report.issues_not_kept, 150u);
  EXPECT_EQ(a.report.issues[99].line, 101u);
}

TEST(Aggregates, JsonAndDayCountCsvRoundTrip) {
  const Aggregates a = ingest_text(generated_csv(2000, true));
  const json j = aggregates_to_json(a);
  EXPECT_EQ(aggregates_to_json(aggregates_from_json(json::parse(j.dump()))), j);
  const Aggregates from_csv = aggregates_from_day_counts_csv(day_counts_to_csv(a));
  EXPECT_EQ(from_csv.account_days.size(), a.account_days.size());
  EXPECT_EQ(from_csv.user_days.size(), a.user_days.size());
  EXPECT_EQ(day_counts_to_csv(from_csv).size(), day_counts_to_csv(a).size());
  EXPECT_THROW(aggregates_from_day_counts_csv("level,entity_id,account_id,event,day,count\nteam,a,a,e,2024-01-01,1\n"),
               std::invalid_argument);
}

}  // namespace
}  // namespace pqlscope
