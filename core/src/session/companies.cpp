// The company level of a scoring and its page queries (session/companies.hpp).
#include "pqlscope/session/companies.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

std::string lower(std::string_view text) {
  std::string s(text);
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

[[noreturn]] void bad(const std::string& key, const std::string& why) {
  throw std::invalid_argument("company query: \"" + key + "\": " + why);
}

std::size_t read_index(const json& value, const std::string& key) {
  if (!value.is_number_unsigned()) bad(key, "expected a non-negative integer");
  return value.get<std::size_t>();
}

const std::string& display_name(const AccountRecord& r) { return r.info.name.empty() ? r.id : r.info.name; }

}  // namespace

CompanyScoring::CompanyScoring(const Aggregates& accounts, const Model& model, int32_t as_of_day)
    : rollup_(rollup_aggregates(accounts, model.rollup)), model_(std::make_unique<Model>(model)) {
  model_->as_of_day = as_of_day;
  result_ = score_without_alerts(rollup_.companies, *model_);
  memberships_ = result_.segments.memberships();
}

uint32_t CompanyScoring::find(std::string_view id) const { return rollup_.companies.find_account(id); }

CompanyQuery company_query_from_json(std::string_view text) {
  json document;
  try {
    document = text.empty() ? json::object() : json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(std::string("company query: not JSON: ") + e.what());
  }
  if (!document.is_object()) throw std::invalid_argument("company query: expected a JSON object");
  CompanyQuery q;
  for (const auto& [key, value] : document.items()) {
    if (key == "sort") {
      const std::string sort = value.is_string() ? value.get<std::string>() : "";
      if (std::find_if(std::begin(kCompanySortKeys), std::end(kCompanySortKeys),
                       [&](const char* k) { return sort == k; }) == std::end(kCompanySortKeys)) {
        std::string keys;
        for (const char* k : kCompanySortKeys) keys += std::string(keys.empty() ? "" : ", ") + k;
        bad(key, "expected one of " + keys);
      }
      q.sort = sort;
    } else if (key == "descending" || key == "several") {
      if (!value.is_boolean()) bad(key, "expected true or false");
      (key == "descending" ? q.descending : q.several_only) = value.get<bool>();
    } else if (key == "offset") {
      q.offset = read_index(value, key);
    } else if (key == "limit") {
      q.limit = read_index(value, key);
      if (q.limit > 5000) bad(key, "at most 5000");
    } else if (key == "search") {
      if (!value.is_string()) bad(key, "expected a string");
      q.search = lower(value.get<std::string>());
    } else {
      bad(key, "unknown key (sort, descending, offset, limit, several, search)");
    }
  }
  return q;
}

ojson company_json(const CompanyScoring& c, uint32_t company) {
  const Aggregates& ag = c.companies();
  if (company >= ag.accounts.size()) throw std::out_of_range("company index out of range: " + std::to_string(company));
  ojson element = account_report_json(ag, c.model(), c.result(), company, c.memberships()[company], ReportOptions{});
  element["index"] = company;
  element["workspaces"] = c.rollup().member_count(company);
  return element;
}

ojson companies_page_json(const CompanyScoring& c, const CompanyQuery& q) {
  const Aggregates& ag = c.companies();
  const LevelMetrics& m = c.result().metrics.accounts;
  std::vector<uint32_t> matches;
  uint32_t several = 0;
  for (uint32_t i = 0; i < ag.accounts.size(); ++i) {
    const bool many = c.rollup().member_count(i) >= 2;
    several += many;
    if (q.several_only && !many) continue;
    if (!q.search.empty() && lower(ag.accounts[i].id).find(q.search) == std::string::npos &&
        lower(ag.accounts[i].info.name).find(q.search) == std::string::npos) {
      continue;
    }
    matches.push_back(i);
  }
  // Numbers: NaN sorts last in either direction; texts by byte order; ties by company id.
  // The keys are read once, not per comparison.
  const bool by_name = q.sort == "name";
  std::vector<double> key(by_name ? 0 : ag.accounts.size());
  if (!by_name) {
    for (uint32_t i : matches) {
      key[i] = q.sort == "eng"          ? m.latest_score(i)
               : q.sort == "act"        ? m.activation_rate[i]
               : q.sort == "workspaces" ? static_cast<double>(c.rollup().member_count(i))
                                        : c.result().segments.accounts[i].deal_value.value;
    }
  }
  std::sort(matches.begin(), matches.end(), [&](uint32_t x, uint32_t y) {
    if (by_name) {
      const std::string& a = display_name(ag.accounts[x]);
      const std::string& b = display_name(ag.accounts[y]);
      if (a != b) return q.descending ? a > b : a < b;
    } else {
      const double a = key[x], b = key[y];
      if (std::isnan(a) != std::isnan(b)) return std::isnan(b);
      if (!std::isnan(a) && a != b) return q.descending ? a > b : a < b;
    }
    // Ids are unique but for a keyless account named like another company's key: the index
    // decides then, so libstdc++ and libc++ give the same order.
    if (ag.accounts[x].id != ag.accounts[y].id) return ag.accounts[x].id < ag.accounts[y].id;
    return x < y;
  });
  ojson rows = ojson::array();
  for (std::size_t k = q.offset; k < matches.size() && k < q.offset + q.limit; ++k) rows.push_back(company_json(c, matches[k]));
  return {{"enabled", c.model().rollup.enabled},
          {"key", c.model().rollup.key},
          {"workspaces", c.rollup().company_of_account.size()},
          {"companies", ag.accounts.size()},
          {"several", several},
          {"total", matches.size()},
          {"offset", q.offset},
          {"rows", std::move(rows)}};
}

}  // namespace pqlscope
