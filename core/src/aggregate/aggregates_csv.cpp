// Reading the long day-count table back: the form a warehouse produces with one GROUP BY.
#include <charconv>
#include <stdexcept>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/aggregate/string_interner.hpp"
#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/text.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

class DayCountTable final : public CsvSink {
 public:
  void on_record(const CsvRecord& r) override {
    if (!header_seen_) {
      header_seen_ = true;
      static const char* expected[] = {"level", "entity_id", "account_id", "event", "day", "count"};
      if (r.fields.size() != 6) fail(r.line, "expected the header level,entity_id,account_id,event,day,count");
      for (size_t i = 0; i < 6; ++i) {
        if (!iequals(trim(r.fields[i]), expected[i])) fail(r.line, std::string("expected column ") + expected[i]);
      }
      return;
    }
    if (r.fields.size() != 6) fail(r.line, "expected 6 columns");
    const std::string_view level = trim(r.fields[0]);
    const bool user = iequals(level, "user");
    if (!user && !iequals(level, "account")) fail(r.line, "level must be account or user");
    const std::string_view account = trim(r.fields[2]);
    TimestampParser parser;
    const ParsedTimestamp day = parser.parse(r.fields[4]);
    if (day.status != TimestampStatus::ok) fail(r.line, std::string("day: ") + describe(day.status));
    uint64_t count = 0;
    const std::string_view c = trim(r.fields[5]);
    if (std::from_chars(c.data(), c.data() + c.size(), count).ec != std::errc() || count == 0 ||
        count > UINT32_MAX) {
      fail(r.line, "count must be a whole number 1..4294967295");
    }
    const uint32_t event = events_.intern(trim(r.fields[3]));
    if (event >= EventAggregator::kMaxEventNames) fail(r.line, "too many event names");
    const DayCount entry{0, static_cast<uint16_t>(event), static_cast<uint16_t>(day_of_millis(day.millis)),
                         static_cast<uint32_t>(count)};
    if (user) {
      const uint32_t u = users_.intern(trim(r.fields[1]));
      if (u == user_accounts_.size()) user_accounts_.push_back(kNoAccount);
      if (!account.empty()) user_accounts_[u] = account_id(account);
      user_days_.push_back(entry);
      user_days_.back().entity = u;
    } else {
      account_days_.push_back(entry);
      account_days_.back().entity = account_id(trim(r.fields[1]));
    }
  }
  void on_csv_error(const CsvRecord& r, IngestErrorCode code, size_t, std::string message, bool) override {
    fail(r.line, std::string(error_code_name(code)) + ": " + message);
  }

  Aggregates build() {
    if (!header_seen_) fail(1, "empty file");
    Aggregates a;
    a.event_names = events_.names();
    a.accounts.resize(accounts_.size());
    for (uint32_t i = 0; i < accounts_.size(); ++i) a.accounts[i].id = std::string(accounts_.name(i));
    for (uint32_t i = 0; i < users_.size(); ++i) {
      UserRecord u;
      u.id = std::string(users_.name(i));
      u.account = user_accounts_[i];
      a.users.push_back(std::move(u));
    }
    sort_and_merge(account_days_);
    sort_and_merge(user_days_);
    // First / last seen and totals at day precision: the table has no finer time.
    for (const DayCount& d : account_days_) {
      AccountRecord& r = a.accounts[d.entity];
      const int64_t start = d.day * kMillisPerDay;
      if (!r.first_event_at || start < *r.first_event_at) r.first_event_at = start;
      if (!r.last_event_at || start > *r.last_event_at) r.last_event_at = start;
      r.events += d.count;
    }
    for (const DayCount& d : user_days_) {
      UserRecord& u = a.users[d.entity];
      const int64_t start = d.day * kMillisPerDay;
      if (u.events == 0 || start < u.first_event_at) u.first_event_at = start;
      if (u.events == 0 || start > u.last_event_at) u.last_event_at = start;
      u.events += d.count;
    }
    a.account_days = std::move(account_days_);
    a.user_days = std::move(user_days_);
    return a;
  }

 private:
  [[noreturn]] static void fail(uint64_t line, const std::string& what) {
    throw std::invalid_argument("line " + std::to_string(line) + ": " + what);
  }
  uint32_t account_id(std::string_view id) { return accounts_.intern(id); }

  bool header_seen_ = false;
  StringInterner events_, accounts_, users_;
  std::vector<uint32_t> user_accounts_;
  DayLog account_days_, user_days_;
};

}  // namespace

Aggregates aggregates_from_day_counts_csv(std::string_view csv) {
  DayCountTable table;
  CsvReader reader(CsvReader::Options{}, table);
  reader.feed(csv);
  reader.finish();
  return table.build();
}

}  // namespace pqlscope
