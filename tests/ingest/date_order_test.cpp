// Spreadsheet dates with slashes: the day/month order of a column is decided from its sampled
// values before any row is mapped, so rows ahead of the first value that proves the order are
// read in that order, not rejected as ambiguous. Expected days worked out by hand: '01/03/2024'
// is 1 March day-first and 3 January month-first; '13/03/2024' can only be 13 March.
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

// "day event count" per account row of the aggregates, in their order.
std::string days(const Aggregates& a) {
  std::string out;
  for (const DayCount& d : a.account_days) {
    out += format_day(d.day) + " " + a.event_names[d.event] + " " + std::to_string(d.count) + "\n";
  }
  return out;
}

uint64_t rejected(const Aggregates& a, IngestErrorCode code) {
  return a.report.rejected_by_code[static_cast<size_t>(code)];
}

Aggregates ingest_in_chunks(const std::string& bytes, size_t chunk, FileOptions options = {}) {
  Ingestor ingest;
  ingest.begin_file("sheet.csv", options);
  const size_t step = chunk == 0 ? bytes.size() : chunk;
  for (size_t at = 0; at < bytes.size(); at += step) ingest.feed(std::string_view(bytes).substr(at, step));
  return ingest.finish();
}

TEST(DateOrderTest, ALaterValueInTheSampleDecidesDayFirst) {
  const std::string csv =
      "timestamp,account_id,event\n"
      "01/03/2024 09:00,acme,login\n"
      "02/03/2024 09:00,acme,login\n"
      "13/03/2024 09:00,acme,export\n";
  for (size_t chunk : {0, 1, 7}) {
    const Aggregates a = ingest_in_chunks(csv, chunk);
    EXPECT_EQ(a.report.rejected, 0u) << chunk;
    EXPECT_EQ(days(a), "2024-03-01 login 1\n2024-03-02 login 1\n2024-03-13 export 1\n") << chunk;
    const FileMappingExplanation& m = a.report.files[0].mapping;
    EXPECT_EQ(m.date_order, "dmy");
    EXPECT_NE(m.date_order_reason.find("day/month"), std::string::npos) << m.date_order_reason;
    EXPECT_NE(m.date_order_reason.find("'13/03/2024 09:00'"), std::string::npos) << m.date_order_reason;
    EXPECT_EQ(m.timestamp_format, "day/month date");
  }
}

TEST(DateOrderTest, ALaterValueInTheSampleDecidesMonthFirst) {
  const std::string csv =
      "timestamp,account_id,event\n"
      "01/03/2024,acme,login\n"
      "3/13/2024 2:30 PM,acme,export\n";
  const Aggregates a = ingest_in_chunks(csv, 0);
  EXPECT_EQ(a.report.rejected, 0u);
  EXPECT_EQ(days(a), "2024-01-03 login 1\n2024-03-13 export 1\n");
  EXPECT_EQ(a.report.files[0].mapping.date_order, "mdy");
  EXPECT_NE(a.report.files[0].mapping.date_order_reason.find("month/day"), std::string::npos);
}

// JSON records decide the same way, from their sampled values.
TEST(DateOrderTest, JsonFieldDecidesFromItsSample) {
  const std::string lines =
      "{\"timestamp\": \"04/05/2024\", \"account_id\": \"acme\", \"event\": \"login\"}\n"
      "{\"timestamp\": \"25/05/2024\", \"account_id\": \"acme\", \"event\": \"login\"}\n";
  const Aggregates a = ingest_in_chunks(lines, 0);
  EXPECT_EQ(a.report.rejected, 0u);
  EXPECT_EQ(days(a), "2024-05-04 login 1\n2024-05-25 login 1\n");
  EXPECT_EQ(a.report.files[0].mapping.date_order, "dmy");
}

// A sample holding both orders decides nothing: the values are read as they stream (the first
// proof holds, the contradicting value is rejected), and the explanation says why.
TEST(DateOrderTest, BothOrdersInTheSampleDecideNothing) {
  const std::string csv =
      "timestamp,account_id,event\n"
      "01/03/2024,acme,login\n"
      "13/03/2024,acme,login\n"
      "03/14/2024,acme,login\n";
  const Aggregates a = ingest_in_chunks(csv, 0);
  EXPECT_EQ(rejected(a, IngestErrorCode::ambiguous_date), 1u);
  EXPECT_EQ(rejected(a, IngestErrorCode::conflicting_date_order), 1u);
  EXPECT_EQ(days(a), "2024-03-13 login 1\n");
  EXPECT_EQ(a.report.files[0].mapping.date_order, "");
  EXPECT_NE(a.report.files[0].mapping.date_order_reason.find("both orders"), std::string::npos);
}

// No sampled value can tell: the rows stay ambiguous_date (the flag decides), and the
// explanation names --date-order; with the flag, it says the order was chosen by the user.
TEST(DateOrderTest, UndecidedSampleKeepsAskingForTheFlag) {
  const std::string csv =
      "timestamp,account_id,event\n"
      "01/03/2024,acme,login\n"
      "02/03/2024,acme,login\n";
  const Aggregates a = ingest_in_chunks(csv, 0);
  EXPECT_EQ(rejected(a, IngestErrorCode::ambiguous_date), 2u);
  EXPECT_EQ(a.report.files[0].mapping.date_order, "");
  EXPECT_NE(a.report.files[0].mapping.date_order_reason.find("--date-order"), std::string::npos);

  FileOptions mdy;
  mdy.mapping.date_order = DateOrder::month_first;
  const Aggregates b = ingest_in_chunks(csv, 0, mdy);
  EXPECT_EQ(b.report.rejected, 0u);
  EXPECT_EQ(days(b), "2024-01-03 login 1\n2024-02-03 login 1\n");
  EXPECT_EQ(b.report.files[0].mapping.date_order, "mdy");
  EXPECT_NE(b.report.files[0].mapping.date_order_reason.find("chosen by you"), std::string::npos);
}

// Past the sample (200 records), the order is still proven as the column streams: the rows
// before the proof are ambiguous, the proof and the rows after it are read.
TEST(DateOrderTest, AProofAfterTheSampleStillHoldsForLaterRows) {
  std::string csv = "timestamp,account_id,event\n";
  for (int i = 0; i < 200; ++i) csv += "01/02/2024,acme,login\n";
  csv += "20/02/2024,acme,login\n01/02/2024,acme,login\n";
  const Aggregates a = ingest_in_chunks(csv, 0);
  EXPECT_EQ(rejected(a, IngestErrorCode::ambiguous_date), 200u);
  EXPECT_EQ(days(a), "2024-02-01 login 1\n2024-02-20 login 1\n");
}

TEST(DateOrderTest, EvidenceCountsOnlyRealDatesOfOneOrder) {
  const DateOrderEvidence e = date_order_from_sample({"", "2024-03-01", "01/03/2024", "13/02/2024", "31/02/2024"});
  EXPECT_EQ(e.slash_dates, 3u);  // 31/02 is no date in either order: it proves nothing
  EXPECT_EQ(e.day_first, 1u);
  EXPECT_EQ(e.month_first, 0u);
  EXPECT_EQ(e.order, DateOrder::day_first);
  EXPECT_EQ(date_order_from_sample({"2024-03-01"}).reason(), "");
  EXPECT_EQ(date_order_from_sample({"01.03.2024"}).slash_dates, 0u);  // dots are day-first anyway
}

}  // namespace
}  // namespace pqlscope
