// The aggregates: everything the score stage needs, and nothing that grows with the number of
// events. This is the interchange point of pqlscope: the ingest stage produces it from files,
// a data warehouse can produce it with SQL (docs/aggregates.md), and every model is applied
// to it without re-reading any file.
//
// Sizes grow with distinct accounts, users, event names and (entity, event, day) groups.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pqlscope/aggregate/day_log.hpp"
#include "pqlscope/io/ingest_report.hpp"

namespace pqlscope {

inline constexpr int kAggregatesVersion = 1;
inline constexpr uint32_t kNoAccount = UINT32_MAX;

enum class Plan : uint8_t { unknown, trial, free, self_serve, enterprise, churned };
const char* plan_name(Plan plan);
// Recognises the usual words: "trial", "free", "pro"/"team"/"self_serve"/"paid",
// "enterprise", "churned"/"cancelled"; anything else is unknown.
Plan parse_plan(std::string_view text);

enum class Sentiment : uint8_t { unknown, positive, neutral, negative };
const char* sentiment_name(Sentiment sentiment);

// Firmographics from the optional accounts file. Missing values stay empty / NaN / -1.
struct AccountInfo {
  std::string name;
  std::string domain;
  int64_t employees = -1;
  Plan plan = Plan::unknown;
  std::string plan_label;  // the file's own word ("Pro", "Team")
  std::optional<int64_t> signup_at;       // UTC ms
  std::optional<int64_t> trial_ends_at;
  std::optional<int64_t> converted_at;
  double deal_value = std::nan("");
  int64_t seats = -1;
  std::string owner;
  std::string industry;
  std::string region;
  std::string deal_size;  // explicit small / mid / large, when the file has it
};

struct AccountRecord {
  std::string id;
  bool in_accounts_file = false;
  AccountInfo info;
  // Over the same events as its account_days: those that named it and its users' events that
  // named no account (docs/aggregates.md, "Account totals").
  std::optional<int64_t> first_event_at;  // UTC ms; none when the account has no events
  std::optional<int64_t> last_event_at;
  uint64_t events = 0;
};

struct UserRecord {
  std::string id;
  uint32_t account = kNoAccount;  // the first account the user was seen with
  int64_t first_event_at = 0;
  int64_t last_event_at = 0;
  uint64_t events = 0;
  bool in_several_accounts = false;
};

// Communications per (account, day, channel, sentiment). Channels are interned.
struct CommunicationCount {
  uint32_t account;
  uint16_t day;
  uint8_t channel;
  Sentiment sentiment;
  uint32_t count;

  friend bool operator==(const CommunicationCount&, const CommunicationCount&) = default;
};

struct Aggregates {
  int version = kAggregatesVersion;
  std::vector<std::string> event_names;
  std::vector<AccountRecord> accounts;
  std::vector<UserRecord> users;
  // Sorted by (day, entity, event), one entry per group: a window of days is one slice.
  // Stored in chunks (day_log.hpp): read them as spans with for_each_span in hot loops.
  DayLog account_days;
  DayLog user_days;
  std::vector<std::string> channels;
  std::vector<CommunicationCount> communications;  // sorted by (account, day, channel, sentiment)
  IngestReport report;

  // Days spanned by events (both empty when there are none).
  std::optional<int32_t> first_day() const;
  std::optional<int32_t> last_day() const;
  std::optional<int64_t> last_event_at() const;
  uint32_t find_account(std::string_view id) const;  // linear; for tools and tests
  uint32_t find_event(std::string_view name) const;
};

}  // namespace pqlscope
