#include "pqlscope/aggregate/aggregates.hpp"

#include "pqlscope/io/text.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {

const char* plan_name(Plan plan) {
  switch (plan) {
    case Plan::unknown: return "unknown";
    case Plan::trial: return "trial";
    case Plan::free: return "free";
    case Plan::self_serve: return "self_serve";
    case Plan::enterprise: return "enterprise";
    case Plan::churned: return "churned";
  }
  return "unknown";
}

Plan parse_plan(std::string_view text) {
  text = trim(text);
  for (std::string_view w : {"trial", "trialing", "trialling", "in_trial"}) if (iequals(text, w)) return Plan::trial;
  for (std::string_view w : {"free", "freemium", "free_plan", "starter_free"}) if (iequals(text, w)) return Plan::free;
  for (std::string_view w : {"self_serve", "self-serve", "selfserve", "pro", "team", "paid", "business", "starter", "growth", "premium"})
    if (iequals(text, w)) return Plan::self_serve;
  for (std::string_view w : {"enterprise", "ent"}) if (iequals(text, w)) return Plan::enterprise;
  for (std::string_view w : {"churned", "cancelled", "canceled", "lost", "inactive"}) if (iequals(text, w)) return Plan::churned;
  return Plan::unknown;
}

const char* sentiment_name(Sentiment sentiment) {
  switch (sentiment) {
    case Sentiment::unknown: return "unknown";
    case Sentiment::positive: return "positive";
    case Sentiment::neutral: return "neutral";
    case Sentiment::negative: return "negative";
  }
  return "unknown";
}

std::optional<int32_t> Aggregates::first_day() const {
  std::optional<int32_t> day;
  if (!account_days.empty()) day = account_days.front().day;
  if (!user_days.empty() && (!day || user_days.front().day < *day)) day = user_days.front().day;
  return day;
}

std::optional<int32_t> Aggregates::last_day() const {
  std::optional<int32_t> day;
  if (!account_days.empty()) day = account_days.back().day;
  if (!user_days.empty() && (!day || user_days.back().day > *day)) day = user_days.back().day;
  return day;
}

std::optional<int64_t> Aggregates::last_event_at() const {
  std::optional<int64_t> last;
  for (const AccountRecord& a : accounts) {
    if (a.last_event_at && (!last || *a.last_event_at > *last)) last = a.last_event_at;
  }
  for (const UserRecord& u : users) {
    if (u.events > 0 && (!last || u.last_event_at > *last)) last = u.last_event_at;
  }
  return last;
}

uint32_t Aggregates::find_account(std::string_view id) const {
  for (uint32_t i = 0; i < accounts.size(); ++i) {
    if (accounts[i].id == id) return i;
  }
  return kNoAccount;
}

uint32_t Aggregates::find_event(std::string_view name) const {
  for (uint32_t i = 0; i < event_names.size(); ++i) {
    if (event_names[i] == name) return i;
  }
  return UINT32_MAX;
}

}  // namespace pqlscope
