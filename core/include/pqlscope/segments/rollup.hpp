// Workspace rollup (docs/scoring.md §3): accounts sharing the model's rollup key (the domain by
// default) form one company, and every metric is recomputed on the union of their data, not
// averaged: rollup_aggregates builds company-level Aggregates that compute_metrics /
// compute_segments score like any other.
//
// Rules (docs/segments.md "Workspace rollup"):
// - key: rollup.key names an accounts-file field: domain (normalised: lower case, without
//   scheme, "www." and path), name, owner, industry, region (trimmed, case-insensitive).
//   Accounts with an empty key stay companies of their own. rollup.enabled = false: every
//   account is its own company.
// - company id: the key value (the normalised domain); a lone account without a key keeps its id.
// - events: account DayCounts are re-indexed to the company and merged (counts summed);
//   users keep their data, their home account becomes its company; communications likewise.
// - info: name / owner / industry / region from the "primary" workspace (earliest signup, else
//   first event, else first listed) when set there, else the first member that has one;
//   employees = max; seats = sum of known; deal_value = sum of known (NaN if none);
//   signup_at = earliest; converted_at = earliest; trial_ends_at = latest;
//   plan = the most advanced: enterprise > self_serve > trial > free > churned > unknown
//   (plan_label from the member with that plan); deal_size column = the largest;
//   first / last event = min / max; events = sum; in_accounts_file = any.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct Rollup {
  Aggregates companies;                          // accounts = companies
  std::vector<uint32_t> company_of_account;      // per original account
  std::vector<uint32_t> member_offsets;          // companies + 1; CSR into members
  std::vector<uint32_t> members;                 // original account indices, ascending
  std::span<const uint32_t> members_of(uint32_t company) const {
    return {members.data() + member_offsets[company], member_count(company)};
  }
  std::size_t member_count(uint32_t company) const {
    return member_offsets[company + 1] - member_offsets[company];
  }
};

// The normalised key of one account ("" = no key). Throws std::invalid_argument for a key
// that is not one of: domain, name, owner, industry, region.
std::string rollup_key_of(const AccountInfo& info, std::string_view key);
// "https://www.Acme.com/path" -> "acme.com"; also strips a leading "user@" (an email).
std::string normalize_domain(std::string_view domain);

Rollup rollup_aggregates(const Aggregates& aggregates, const RollupModel& model);

}  // namespace pqlscope
