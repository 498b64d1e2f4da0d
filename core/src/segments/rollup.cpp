// Workspace rollup: company-level Aggregates from account-level ones (rules in rollup.hpp).
#include "pqlscope/segments/rollup.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {

std::string lower(std::string_view text) {
  std::string s(text);
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

int plan_rank(Plan plan) {
  switch (plan) {
    case Plan::unknown: return 0;
    case Plan::churned: return 1;
    case Plan::free: return 2;
    case Plan::trial: return 3;
    case Plan::self_serve: return 4;
    case Plan::enterprise: return 5;
  }
  return 0;
}

int size_rank(std::string_view text) {
  text = trim(text);
  if (iequals(text, "large") || iequals(text, "enterprise")) return 3;
  if (iequals(text, "mid") || iequals(text, "medium") || iequals(text, "mid-size")) return 2;
  if (!text.empty()) return 1;
  return 0;
}

template <typename T>
std::optional<T> min_opt(std::optional<T> a, std::optional<T> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}
template <typename T>
std::optional<T> max_opt(std::optional<T> a, std::optional<T> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

// Whether account x is a better "primary" workspace than y: earliest signup, else first event.
bool more_primary(const AccountRecord& x, const AccountRecord& y) {
  auto key = [](const AccountRecord& r) {
    return r.info.signup_at ? *r.info.signup_at : r.first_event_at ? *r.first_event_at : INT64_MAX;
  };
  // Equal times: the account id decides, not the input order (same data, same primary).
  return key(x) != key(y) ? key(x) < key(y) : x.id < y.id;
}

void fill(std::string& target, const std::string& value) {
  if (target.empty()) target = value;
}

}  // namespace

std::string normalize_domain(std::string_view domain) {
  std::string s = lower(trim(domain));
  if (auto p = s.find("://"); p != std::string::npos) s.erase(0, p + 3);
  if (auto p = s.find('@'); p != std::string::npos) s.erase(0, p + 1);
  if (auto p = s.find_first_of("/?#"); p != std::string::npos) s.resize(p);
  if (auto p = s.find(':'); p != std::string::npos) s.resize(p);  // port
  if (s.rfind("www.", 0) == 0) s.erase(0, 4);
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string rollup_key_of(const AccountInfo& info, std::string_view key) {
  if (key == "domain") return normalize_domain(info.domain);
  if (key == "name") return lower(trim(info.name));
  if (key == "owner") return lower(trim(info.owner));
  if (key == "industry") return lower(trim(info.industry));
  if (key == "region") return lower(trim(info.region));
  throw std::invalid_argument("rollup key \"" + std::string(key) +
                              "\" is not an accounts-file field pqlscope keeps (domain, name, owner, industry, region)");
}

Rollup rollup_aggregates(const Aggregates& in, const RollupModel& model) {
  const uint32_t n = static_cast<uint32_t>(in.accounts.size());
  Rollup out;
  out.company_of_account.assign(n, 0);

  // Companies in order of their first member account.
  std::vector<std::string> company_key;
  std::unordered_map<std::string, uint32_t> by_key;
  for (uint32_t a = 0; a < n; ++a) {
    const std::string key = model.enabled ? rollup_key_of(in.accounts[a].info, model.key) : std::string();
    if (key.empty()) {
      out.company_of_account[a] = static_cast<uint32_t>(company_key.size());
      company_key.push_back(std::string());
      continue;
    }
    auto [it, inserted] = by_key.emplace(key, static_cast<uint32_t>(company_key.size()));
    if (inserted) company_key.push_back(key);
    out.company_of_account[a] = it->second;
  }
  const uint32_t m = static_cast<uint32_t>(company_key.size());

  // Members (CSR), ascending account index within a company.
  out.member_offsets.assign(m + 1, 0);
  for (uint32_t a = 0; a < n; ++a) ++out.member_offsets[out.company_of_account[a] + 1];
  for (uint32_t c = 0; c < m; ++c) out.member_offsets[c + 1] += out.member_offsets[c];
  out.members.assign(n, 0);
  {
    std::vector<uint32_t> next(out.member_offsets.begin(), out.member_offsets.end() - 1);
    for (uint32_t a = 0; a < n; ++a) out.members[next[out.company_of_account[a]]++] = a;
  }

  Aggregates& agg = out.companies;
  agg.version = in.version;
  agg.event_names = in.event_names;
  agg.channels = in.channels;
  agg.report = in.report;
  agg.accounts.resize(m);
  for (uint32_t c = 0; c < m; ++c) {
    std::span<const uint32_t> members = out.members_of(c);
    // Primary member first, then the rest in index order.
    std::vector<uint32_t> order(members.begin(), members.end());
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t x, uint32_t y) { return more_primary(in.accounts[x], in.accounts[y]); });
    AccountRecord& r = agg.accounts[c];
    r.id = company_key[c].empty() ? in.accounts[members[0]].id : company_key[c];
    AccountInfo& info = r.info;
    if (model.key == "domain" && !company_key[c].empty()) info.domain = company_key[c];
    double deal = 0;
    bool any_deal = false;
    int64_t seats = 0;
    bool any_seats = false;
    int best_plan = -1, best_size = 0;
    for (uint32_t a : order) {
      const AccountRecord& src = in.accounts[a];
      const AccountInfo& s = src.info;
      r.in_accounts_file = r.in_accounts_file || src.in_accounts_file;
      r.first_event_at = min_opt(r.first_event_at, src.first_event_at);
      r.last_event_at = max_opt(r.last_event_at, src.last_event_at);
      r.events += src.events;
      fill(info.name, s.name);
      fill(info.domain, s.domain);
      fill(info.owner, s.owner);
      fill(info.industry, s.industry);
      fill(info.region, s.region);
      info.employees = std::max(info.employees, s.employees);
      if (plan_rank(s.plan) > best_plan) {
        best_plan = plan_rank(s.plan);
        info.plan = s.plan;
        info.plan_label = s.plan_label;
      }
      info.signup_at = min_opt(info.signup_at, s.signup_at);
      info.converted_at = min_opt(info.converted_at, s.converted_at);
      info.trial_ends_at = max_opt(info.trial_ends_at, s.trial_ends_at);
      if (std::isfinite(s.deal_value)) {
        deal += s.deal_value;
        any_deal = true;
      }
      if (s.seats >= 0) {
        seats += s.seats;
        any_seats = true;
      }
      if (size_rank(s.deal_size) > best_size) {
        best_size = size_rank(s.deal_size);
        info.deal_size = s.deal_size;
      }
    }
    info.deal_value = any_deal ? deal : std::nan("");
    info.seats = any_seats ? seats : -1;
  }

  agg.users = in.users;
  for (UserRecord& u : agg.users) {
    if (u.account != kNoAccount && u.account < n) u.account = out.company_of_account[u.account];
  }
  agg.user_days = in.user_days;
  agg.account_days = in.account_days;
  for (DayCount& d : agg.account_days) d.entity = out.company_of_account[d.entity];
  sort_and_merge(agg.account_days);

  agg.communications = in.communications;
  for (CommunicationCount& c : agg.communications) c.account = out.company_of_account[c.account];
  auto key = [](const CommunicationCount& c) { return std::tuple(c.account, c.day, c.channel, c.sentiment); };
  std::sort(agg.communications.begin(), agg.communications.end(),
            [&](const CommunicationCount& x, const CommunicationCount& y) { return key(x) < key(y); });
  std::size_t w = 0;
  for (std::size_t i = 0; i < agg.communications.size(); ++i) {
    if (w > 0 && key(agg.communications[w - 1]) == key(agg.communications[i])) {
      agg.communications[w - 1].count += agg.communications[i].count;
    } else {
      agg.communications[w++] = agg.communications[i];
    }
  }
  agg.communications.resize(w);
  return out;
}

}  // namespace pqlscope
