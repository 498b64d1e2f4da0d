// The company level of a scoring (docs/segments.md "Workspace rollup"): the session's accounts
// rolled up by the model's rollup key and scored with the same model on the same as-of day, so
// that a page or the package shows both levels: each company with its workspaces. Built on the
// first company query after a scoring, never by the scoring itself (a re-score for a chart does
// not pay for it).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pqlscope/model/model.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/segments/rollup.hpp"

namespace pqlscope {

class CompanyScoring {
 public:
  // `accounts` must outlive nothing here: the rollup copies what it needs. as_of_day: the
  // account scoring's, so both levels are scored the same day.
  CompanyScoring(const Aggregates& accounts, const Model& model, int32_t as_of_day);
  const Rollup& rollup() const { return rollup_; }
  const Aggregates& companies() const { return rollup_.companies; }
  const Model& model() const { return *model_; }
  const ScoreResult& result() const { return result_; }
  const std::vector<std::vector<uint16_t>>& memberships() const { return memberships_; }
  // The company index of an id, or kNoAccount.
  uint32_t find(std::string_view id) const;

 private:
  Rollup rollup_;
  std::unique_ptr<Model> model_;  // on the heap: the result's persona rules point into it
  ScoreResult result_;
  std::vector<std::vector<uint16_t>> memberships_;  // segment indices per company
};

// Sort keys of a company page, typed once: the engine's vocabulary lists them.
inline constexpr const char* kCompanySortKeys[] = {"eng", "act", "workspaces", "name", "deal"};

struct CompanyQuery {
  std::string sort = "eng";   // one of kCompanySortKeys
  bool descending = true;
  std::size_t offset = 0;
  std::size_t limit = 100;    // at most 5000
  bool several_only = false;  // only companies of 2 or more workspaces
  std::string search;         // case-insensitive substring of the company id or name
};

// Parses {"sort", "descending", "offset", "limit", "several", "search"} (every key optional);
// throws std::invalid_argument naming a bad key or value.
CompanyQuery company_query_from_json(std::string_view text);

// {enabled, key, workspaces, companies, several, total, offset, rows: [company]}: a company is
// the report "accounts" element of the company level plus "index" and "workspaces" (count).
// Sorted by the key, n/a last, ties by company id. total counts the matches.
nlohmann::ordered_json companies_page_json(const CompanyScoring& companies, const CompanyQuery& query);
// One company's report element (as in a page).
nlohmann::ordered_json company_json(const CompanyScoring& companies, uint32_t company);

}  // namespace pqlscope
