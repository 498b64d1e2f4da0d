// The day-count table: the form a warehouse produces with SQL (`pqlscope sql`), written and
// read back. Version 2 carries what makes scoring it identical to scoring the raw events
// (docs/aggregates.md, "CSV form"); version 1 is read at day precision.
#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/aggregate/merge.hpp"
#include "pqlscope/aggregate/string_interner.hpp"
#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/csv_writer.hpp"
#include "pqlscope/io/text.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

namespace level = day_count_level;

enum class Level : uint8_t { account, user, user_no_account, account_total, user_total, event_total };

bool header_is(std::string_view head, std::string_view header) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.size() < header.size() || !iequals(head.substr(0, header.size()), header)) return false;
  const std::string_view rest = head.substr(header.size());
  return rest.empty() || rest[0] == '\n' || rest[0] == '\r';
}

// Totals of one entity as the file gives them (a total row), or none.
struct Totals {
  bool present = false;
  uint64_t events = 0;
  std::optional<int64_t> first, last;
  bool several = false;
};

}  // namespace

bool starts_with_day_counts_header(std::string_view head) {
  return header_is(head, kDayCountsHeaderV2) || header_is(head, kDayCountsHeaderV1);
}

class DayCountsReader::Impl final : public CsvSink {
 public:
  explicit Impl(std::string name) : name_(std::move(name)), reader_(CsvReader::Options{}, *this) {}

  void feed(std::string_view bytes) {
    bytes_ += bytes.size();
    reader_.feed(bytes);
  }

  void on_record(const CsvRecord& r) override {
    if (columns_ == 0) return read_header(r);
    if (r.fields.size() == 1 && trim(r.fields[0]).empty()) return;  // a blank line
    if (r.fields.size() != columns_) fail(r.line, "expected " + std::to_string(columns_) + " columns");
    ++rows_;
    const Level lv = parse_level(r);
    const std::string_view entity = trim(r.fields[1]);
    const std::string_view account = trim(r.fields[2]);
    if (entity.empty()) fail(r.line, "entity_id is empty");
    if (lv == Level::event_total) {  // fixes the order of event names; its numbers are for people
      whole(r, 5, "count");
      if (events_.intern(entity) >= EventAggregator::kMaxEventNames) fail(r.line, "too many event names");
      return;
    }
    if (lv == Level::account_total || lv == Level::user_total) return read_totals(r, lv, entity, account);
    const std::string_view event = trim(r.fields[3]);
    if (event.empty()) fail(r.line, "event is empty");
    const uint64_t count = whole(r, 5, "count");
    if (count == 0 || count > UINT32_MAX) fail(r.line, "count must be a whole number 1..4294967295");
    const uint32_t event_id = events_.intern(event);
    if (event_id >= EventAggregator::kMaxEventNames) fail(r.line, "too many event names");
    const DayCount entry{0, static_cast<uint16_t>(event_id), static_cast<uint16_t>(parse_day(r)),
                         static_cast<uint32_t>(count)};
    switch (lv) {
      case Level::account:
        account_days_.push_back(entry);
        account_days_.back().entity = account_id(entity);
        events_total_ += count;
        break;
      case Level::user: {
        const uint32_t u = user_id(entity);
        // Version 1 names the user's account on its day rows; version 2 in its total row.
        if (columns_ == 6 && !account.empty()) user_homes_[u] = account_id(account);
        user_days_.push_back(entry);
        user_days_.back().entity = u;
        break;
      }
      default:
        unattributed_.push_back(entry);
        unattributed_.back().entity = user_id(entity);
        events_total_ += count;
        break;
    }
  }

  void on_csv_error(const CsvRecord& r, IngestErrorCode code, size_t, std::string message, bool) override {
    fail(r.line, std::string(error_code_name(code)) + ": " + message);
  }

  PartialAggregates finish_partial_aggregates() {
    reader_.finish();
    if (columns_ == 0) fail(1, "empty file: expected the header " + std::string(kDayCountsHeaderV2));
    if (rows_ == 0) fail(2, "no day counts after the header");
    Aggregates a;
    a.event_names = events_.names();
    sort_and_merge(account_days_);
    sort_and_merge(user_days_);
    sort_and_merge(unattributed_);
    build_accounts(a);
    build_users(a);
    std::vector<UnattributedTotals> unattributed_totals = build_unattributed_totals(a);
    a.account_days = std::move(account_days_);
    a.user_days = std::move(user_days_);
    a.report.bytes = bytes_;
    a.report.rows = rows_;
    a.report.events = events_total_;
    return PartialAggregates{std::move(a), std::move(unattributed_), std::move(unattributed_totals)};
  }

 private:
  [[noreturn]] void fail(uint64_t line, const std::string& what) const {
    throw std::invalid_argument(name_ + ": line " + std::to_string(line) + ": " + what);
  }

  void read_header(const CsvRecord& r) {
    std::string got;
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (i) got += ',';
      got += trim(r.fields[i]);
    }
    if (starts_with_day_counts_header(got)) {
      columns_ = r.fields.size();
      return;
    }
    fail(r.line, "expected the header " + std::string(kDayCountsHeaderV2) + " (or version 1: " +
                     std::string(kDayCountsHeaderV1) + ")");
  }

  Level parse_level(const CsvRecord& r) const {
    const std::string_view text = trim(r.fields[0]);
    if (iequals(text, level::account)) return Level::account;
    if (iequals(text, level::user)) return Level::user;
    if (columns_ > 6) {
      if (iequals(text, level::user_no_account)) return Level::user_no_account;
      if (iequals(text, level::account_total)) return Level::account_total;
      if (iequals(text, level::user_total)) return Level::user_total;
      if (iequals(text, level::event_total)) return Level::event_total;
      fail(r.line, "level must be account, user, user_no_account, account_total, user_total or event_total");
    }
    fail(r.line, "level must be account or user");
  }

  uint64_t whole(const CsvRecord& r, size_t column, const char* what) const {
    const std::string_view c = trim(r.fields[column]);
    uint64_t v = 0;
    if (c.empty() || std::from_chars(c.data(), c.data() + c.size(), v).ptr != c.data() + c.size()) {
      fail(r.line, std::string(what) + " must be a whole number, got '" + std::string(c) + "'");
    }
    return v;
  }

  std::optional<int64_t> millis(const CsvRecord& r, size_t column, const char* what) const {
    const std::string_view c = trim(r.fields[column]);
    if (c.empty()) return std::nullopt;
    int64_t v = 0;
    if (std::from_chars(c.data(), c.data() + c.size(), v).ptr != c.data() + c.size() ||
        day_of_millis(v) < kMinSupportedDay || day_of_millis(v) > kMaxSupportedDay) {
      fail(r.line, std::string(what) + " must be milliseconds since 1970 (UTC) up to 2149, got '" + std::string(c) + "'");
    }
    return v;
  }

  // Version 2: days since 1970-01-01 (what SQL computes from epoch milliseconds without any
  // time zone); version 1: a date.
  int32_t parse_day(const CsvRecord& r) const {
    const std::string_view c = trim(r.fields[4]);
    int64_t day = -1;
    if (columns_ > 6) {
      if (std::from_chars(c.data(), c.data() + c.size(), day).ptr != c.data() + c.size()) day = -1;
    } else {
      TimestampParser parser;
      const ParsedTimestamp parsed = parser.parse(c);
      if (parsed.status != TimestampStatus::ok) fail(r.line, std::string("day: ") + describe(parsed.status));
      day = day_of_millis(parsed.millis);
    }
    if (day < kMinSupportedDay || day > kMaxSupportedDay) {
      fail(r.line, "day must be a day number from 0 (1970-01-01) to " + std::to_string(kMaxSupportedDay) +
                       ", got '" + std::string(c) + "'");
    }
    return static_cast<int32_t>(day);
  }

  void read_totals(const CsvRecord& r, Level lv, std::string_view entity, std::string_view account) {
    Totals t;
    t.present = true;
    t.events = whole(r, 5, "count");
    t.first = millis(r, 6, "first_event_ms");
    t.last = millis(r, 7, "last_event_ms");
    if (t.first.has_value() != t.last.has_value() || (t.first && *t.first > *t.last)) {
      fail(r.line, "first_event_ms and last_event_ms must both be given, first <= last, or both be empty");
    }
    if (t.events > 0 && !t.first) fail(r.line, "an entity with events needs first_event_ms and last_event_ms");
    const std::string_view several = trim(r.fields[8]);
    if (lv == Level::user_total) {
      if (several == "1" || iequals(several, "true")) t.several = true;
      else if (!several.empty() && several != "0" && !iequals(several, "false")) fail(r.line, "in_several_accounts must be 0 or 1");
    }
    std::vector<Totals>& all = lv == Level::account_total ? account_totals_ : user_totals_;
    const uint32_t id = lv == Level::account_total ? account_id(entity) : user_id(entity);
    if (all[id].present) fail(r.line, "a second total row for '" + std::string(entity) + "'");
    all[id] = t;
    if (lv == Level::user_total && !account.empty()) user_homes_[id] = account_id(account);
  }

  uint32_t account_id(std::string_view id) {
    const uint32_t a = accounts_.intern(id);
    if (a == account_totals_.size()) account_totals_.emplace_back();
    return a;
  }
  uint32_t user_id(std::string_view id) {
    const uint32_t u = users_.intern(id);
    if (u == user_totals_.size()) {
      user_totals_.emplace_back();
      user_homes_.push_back(kNoAccount);
    }
    return u;
  }

  // Totals from the total rows; an entity without one gets them from its day rows, at day
  // precision (all that version 1 has).
  void build_accounts(Aggregates& a) {
    a.accounts.resize(accounts_.size());
    for (uint32_t i = 0; i < accounts_.size(); ++i) {
      a.accounts[i].id = std::string(accounts_.name(i));
      const Totals& t = account_totals_[i];
      a.accounts[i].events = t.events;
      a.accounts[i].first_event_at = t.first;
      a.accounts[i].last_event_at = t.last;
    }
    for (const DayCount& d : account_days_) {
      if (account_totals_[d.entity].present) continue;
      AccountRecord& r = a.accounts[d.entity];
      const int64_t start = d.day * kMillisPerDay;
      if (!r.first_event_at || start < *r.first_event_at) r.first_event_at = start;
      if (!r.last_event_at || start > *r.last_event_at) r.last_event_at = start;
      r.events += d.count;
    }
  }

  void build_users(Aggregates& a) {
    a.users.resize(users_.size());
    for (uint32_t i = 0; i < users_.size(); ++i) {
      UserRecord& u = a.users[i];
      const Totals& t = user_totals_[i];
      u.id = std::string(users_.name(i));
      u.account = user_homes_[i];
      u.events = t.events;
      u.first_event_at = t.first.value_or(0);
      u.last_event_at = t.last.value_or(0);
      u.in_several_accounts = t.several;
    }
    for (const DayCount& d : user_days_) {
      if (user_totals_[d.entity].present) continue;
      UserRecord& u = a.users[d.entity];
      const int64_t start = d.day * kMillisPerDay;
      if (u.events == 0 || start < u.first_event_at) u.first_event_at = start;
      if (u.events == 0 || start > u.last_event_at) u.last_event_at = start;
      u.events += d.count;
    }
  }

  // What finishing adds to each home account for its user's `user_no_account` rows (their
  // `account_total` counts only the events that named the account). The file has no times
  // for these events finer than the day: first is the start of their first day but no earlier
  // than the user's first event, last the start of their last day (no earlier than first);
  // a user with no home account has only these events, so its total row's times are exact.
  std::vector<UnattributedTotals> build_unattributed_totals(const Aggregates& a) const {
    std::vector<UnattributedTotals> totals(a.users.size());
    for (const DayCount& d : unattributed_) {
      UnattributedTotals& t = totals[d.entity];
      const int64_t start = d.day * kMillisPerDay;
      t.events += d.count;
      t.first = std::min(t.first, start);
      t.last = std::max(t.last, start);
    }
    for (size_t u = 0; u < totals.size(); ++u) {
      const Totals& user = user_totals_[u];
      UnattributedTotals& t = totals[u];
      if (t.events == 0 || !user.present || !user.first) continue;
      if (user_homes_[u] == kNoAccount) {
        t.first = *user.first;
        t.last = *user.last;
      } else {
        t.first = std::max(t.first, *user.first);
        t.last = std::max(t.last, t.first);
      }
    }
    return totals;
  }

  std::string name_;
  CsvReader reader_;
  size_t columns_ = 0;  // 0 until the header is read
  uint64_t bytes_ = 0, rows_ = 0, events_total_ = 0;
  StringInterner events_, accounts_, users_;
  std::vector<Totals> account_totals_, user_totals_;
  std::vector<uint32_t> user_homes_;
  DayLog account_days_, user_days_, unattributed_;
};

DayCountsReader::DayCountsReader(std::string name) : impl_(std::make_unique<Impl>(std::move(name))) {}
DayCountsReader::~DayCountsReader() = default;
void DayCountsReader::feed(std::string_view bytes) { impl_->feed(bytes); }
PartialAggregates DayCountsReader::finish_partial_aggregates() { return impl_->finish_partial_aggregates(); }
// Events that named a user but no account count for the user's home account (a user with none
// becomes an account of its own): the very step that ends raw ingest.
Aggregates DayCountsReader::finish() { return finish_partial(impl_->finish_partial_aggregates()); }

Aggregates aggregates_from_day_counts_csv(std::string_view csv) {
  DayCountsReader reader;
  reader.feed(csv);
  return reader.finish();
}

std::string day_counts_to_csv(const Aggregates& a) {
  std::string out = std::string(kDayCountsHeaderV2) + "\n";
  auto id = [&](std::string_view field) { append_csv_field(out, field); };
  auto time = [&](const std::optional<int64_t>& ms) {
    if (ms) out += std::to_string(*ms);
  };
  // Every event lands in exactly one account's day counts (events without an account in their
  // user's home account): their sum is the number of events of each name.
  std::vector<uint64_t> per_event(a.event_names.size(), 0);
  for (const DayCount& d : a.account_days) per_event[d.event] += d.count;
  for (size_t e = 0; e < a.event_names.size(); ++e) {
    out += level::event_total;
    out.push_back(',');
    id(a.event_names[e]);
    out += ",,,," + std::to_string(per_event[e]) + ",,,\n";
  }
  for (const AccountRecord& r : a.accounts) {
    out += level::account_total;
    out.push_back(',');
    id(r.id);
    out += ",,,," + std::to_string(r.events) + ',';
    time(r.first_event_at);
    out.push_back(',');
    time(r.last_event_at);
    out += ",\n";
  }
  for (const UserRecord& u : a.users) {
    out += level::user_total;
    out.push_back(',');
    id(u.id);
    out.push_back(',');
    if (u.account != kNoAccount) id(a.accounts[u.account].id);
    out += ",,," + std::to_string(u.events) + ',';
    if (u.events > 0) out += std::to_string(u.first_event_at) + ',' + std::to_string(u.last_event_at);
    else out.push_back(',');
    out += u.in_several_accounts ? ",1\n" : ",0\n";
  }
  auto rows = [&](std::string_view lv, const DayLog& counts, bool users) {
    for (const DayCount& d : counts) {
      out += lv;
      out.push_back(',');
      id(users ? a.users[d.entity].id : a.accounts[d.entity].id);
      out += ",,";
      id(a.event_names[d.event]);
      out += ',' + std::to_string(d.day) + ',' + std::to_string(d.count) + ",,,\n";
    }
  };
  rows(level::account, a.account_days, false);
  rows(level::user, a.user_days, true);
  return out;
}

}  // namespace pqlscope
