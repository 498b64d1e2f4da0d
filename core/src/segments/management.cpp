// Management views: signup cohorts, engagement by group, weekly active accounts (management.hpp).
#include "pqlscope/segments/management.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <limits>
#include <map>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/calendar.hpp"
#include "pqlscope/io/text.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The day an account started: its signup day, or its first event when that is earlier (the
// existence rule of the account facts: events before a recorded signup count).
int32_t start_day(const AccountRecord& record, const AccountFacts& facts) {
  int32_t day = facts.signup_day;
  if (record.first_event_at) {
    const int32_t first = day_of_millis(*record.first_event_at);
    if (day == kNoDay || first < day) day = first;
  }
  return day;
}

std::string month_of(int32_t day, int32_t& first_day) {
  int64_t year = 0;
  uint32_t month = 0, dom = 0;
  civil_from_days(day, year, month, dom);
  first_day = static_cast<int32_t>(days_from_civil(year, month, 1));
  char text[16];
  std::snprintf(text, sizeof text, "%04lld-%02u", static_cast<long long>(year), month);
  return text;
}

std::string fold(std::string_view text) {
  std::string s(trim(text));
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// Accounts grouped by a text field, case-insensitively; the first spelling names the group.
struct Grouper {
  struct Members {
    std::string value;
    std::vector<uint32_t> accounts;
  };
  std::map<std::string, Members> groups;
  void add(std::string_view value, uint32_t account) {
    Members& m = groups[fold(value)];
    if (m.accounts.empty()) m.value = std::string(trim(value));
    m.accounts.push_back(account);
  }
};

std::vector<EngagementGroup> summarise(const Grouper& grouper, const Metrics& metrics) {
  std::vector<EngagementGroup> out;
  std::vector<double> scores;
  for (const auto& [key, members] : grouper.groups) {
    EngagementGroup g;
    g.value = members.value;
    g.accounts = static_cast<uint32_t>(members.accounts.size());
    scores.clear();
    double activation_sum = 0;
    uint32_t with_checklist = 0;
    for (uint32_t a : members.accounts) {
      scores.push_back(metrics.accounts.latest_score(a));
      const double rate = metrics.accounts.activation_rate[a];
      if (!std::isnan(rate)) {
        activation_sum += rate;
        ++with_checklist;
      }
      g.active_week += metrics.account_activity[a].wau > 0;
    }
    std::sort(scores.begin(), scores.end());
    double sum = 0;
    for (double s : scores) sum += s;  // ascending order: the same sum on every platform
    g.mean_engagement = sum / static_cast<double>(scores.size());
    const std::size_t n = scores.size();
    g.median_engagement = n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
    g.mean_activation = with_checklist == 0 ? kNaN : activation_sum / with_checklist;
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const EngagementGroup& x, const EngagementGroup& y) {
    return x.accounts != y.accounts ? x.accounts > y.accounts : x.value < y.value;
  });
  return out;
}

std::vector<WeeklyActive> weekly_active(const Aggregates& ag, const Model& model, const std::vector<int32_t>& starts, int32_t as_of) {
  std::vector<WeeklyActive> weeks;
  const std::optional<int32_t> first = ag.first_day();
  if (!first || *first > as_of) return weeks;
  const std::size_t span = static_cast<std::size_t>(as_of - *first) / 7 + 1;
  const std::size_t count = std::min(span, kMaxActiveWeeks);
  weeks.resize(count);
  for (std::size_t k = 0; k < count; ++k) weeks[k].end_day = as_of - static_cast<int32_t>(7 * (count - 1 - k));
  std::vector<uint8_t> active_event(ag.event_names.size());
  for (std::size_t e = 0; e < ag.event_names.size(); ++e) active_event[e] = counts_as_active(model, ag.event_names[e]);
  // marks[a * count + k]: account a had an active home user in week k.
  std::vector<uint8_t> marks(ag.accounts.size() * count, 0);
  for (const DayCount& d : ag.user_days) {
    if (d.day > as_of || !active_event[d.event]) continue;
    const uint32_t a = ag.users[d.entity].account;
    if (a == kNoAccount) continue;
    const std::size_t back = static_cast<std::size_t>(as_of - d.day) / 7;  // weeks before the last
    if (back >= count) continue;
    marks[a * count + (count - 1 - back)] = 1;
  }
  for (std::size_t a = 0; a < ag.accounts.size(); ++a) {
    for (std::size_t k = 0; k < count; ++k) {
      weeks[k].active += marks[a * count + k];
      weeks[k].existing += starts[a] != kNoDay && starts[a] <= weeks[k].end_day;
    }
  }
  return weeks;
}

}  // namespace

ManagementReport compute_management(const Aggregates& ag, const Model& model, const Metrics& metrics,
                                    const SegmentReport& segments) {
  ManagementReport out;
  out.as_of_day = metrics.as_of_day;
  const std::size_t n = ag.accounts.size();
  std::vector<int32_t> starts(n, kNoDay);
  std::map<int32_t, SignupCohort> cohorts;  // by the month's first day
  std::map<int32_t, std::vector<double>> cohort_scores;
  Grouper plan, stage, industry, owner;
  for (uint32_t a = 0; a < n; ++a) {
    const AccountFacts& facts = segments.accounts[a];
    starts[a] = start_day(ag.accounts[a], facts);
    // The scoring's own rule: an account that has not started by the as-of day is left out.
    if (!facts.exists) continue;
    const AccountInfo& info = ag.accounts[a].info;
    plan.add(info.plan_label, a);
    stage.add(to_string(facts.stage), a);
    industry.add(info.industry, a);
    owner.add(info.owner, a);
    if (starts[a] == kNoDay) continue;
    int32_t first_day = 0;
    std::string month = month_of(starts[a], first_day);
    SignupCohort& c = cohorts[first_day];
    c.month = std::move(month);
    c.first_day = first_day;
    ++c.accounts;
    const double rate = metrics.accounts.activation_rate[a];
    if (!std::isnan(rate)) {
      ++c.with_checklist;
      c.mean_activation += rate;  // a sum until the end
    }
    c.activated += metrics.accounts.activated_day[a] != kNoDay;
    cohort_scores[first_day].push_back(metrics.accounts.latest_score(a));
  }
  int32_t as_of_month = 0;
  month_of(metrics.as_of_day, as_of_month);
  for (auto& [first_day, c] : cohorts) {
    c.mean_activation = c.with_checklist == 0 ? kNaN : c.mean_activation / c.with_checklist;
    std::vector<double>& scores = cohort_scores[first_day];
    std::sort(scores.begin(), scores.end());
    double sum = 0;
    for (double s : scores) sum += s;
    c.mean_engagement = sum / static_cast<double>(scores.size());
    if (first_day == as_of_month) out.this_month = out.cohorts.size();
    out.cohorts.push_back(std::move(c));
  }
  out.by_plan = summarise(plan, metrics);
  out.by_stage = summarise(stage, metrics);
  out.by_industry = summarise(industry, metrics);
  out.by_owner = summarise(owner, metrics);
  out.weekly_active = weekly_active(ag, model, starts, metrics.as_of_day);
  return out;
}

}  // namespace pqlscope
