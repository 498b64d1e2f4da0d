// Management views (the seeds' "how are we doing" numbers), from one scoring:
// - signup cohorts: accounts by the month they started, with their average activation (the
//   as-of day's month is "this month's signups");
// - engagement by plan (the accounts file's own word), stage, industry and owner;
// - active accounts per week over the data's span, the last week ending at the as-of day.
// Rules and a worked example: docs/segments.md "Management views".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {

struct Aggregates;
struct Metrics;
struct Model;

struct SignupCohort {
  std::string month;              // "YYYY-MM" of the account's start day
  int32_t first_day = 0;          // the month's first day (days since 1970-01-01)
  uint32_t accounts = 0;
  uint32_t with_checklist = 0;    // accounts with an activation rate (account-level steps exist)
  double mean_activation = 0;     // percent over with_checklist; NaN when 0
  uint32_t activated = 0;         // accounts that completed every account-level step
  double mean_engagement = 0;     // latest engagement score, over all accounts of the cohort
};

struct EngagementGroup {
  std::string value;              // as first written ("" = not given)
  uint32_t accounts = 0;
  double mean_engagement = 0;
  double median_engagement = 0;   // mean of the two middle values for an even count
  double mean_activation = 0;     // NaN when no account of the group has a checklist
  uint32_t active_week = 0;       // accounts with an active user in the last 7 days
};

struct WeeklyActive {
  int32_t end_day = 0;            // the week is end_day - 6 .. end_day
  uint32_t active = 0;            // accounts with an active home user that week
  uint32_t existing = 0;          // accounts that had started by end_day
};

struct ManagementReport {
  int32_t as_of_day = 0;
  std::vector<SignupCohort> cohorts;        // oldest month first; months without signups left out
  std::optional<std::size_t> this_month;    // index of the as-of day's month in cohorts
  std::vector<EngagementGroup> by_plan, by_stage, by_industry, by_owner;  // most accounts first
  std::vector<WeeklyActive> weekly_active;  // oldest first; the last ends at the as-of day
};

// At most this many weeks of active accounts (five years), the latest ones.
inline constexpr std::size_t kMaxActiveWeeks = 260;

// Counts accounts that exist as of the scoring day (AccountFacts::exists).
ManagementReport compute_management(const Aggregates& aggregates, const Model& model, const Metrics& metrics,
                                    const SegmentReport& segments);

}  // namespace pqlscope
