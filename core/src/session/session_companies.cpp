// The company level and the management views of a Session (session.hpp).
#include <stdexcept>
#include <string>

#include "pqlscope/report/management_json.hpp"
#include "pqlscope/segments/management.hpp"
#include "pqlscope/session/companies.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {

const CompanyScoring& Session::companies() {
  const ScoreResult& r = result();
  if (!companies_) companies_ = std::make_unique<CompanyScoring>(aggregates(), model(), r.as_of_day);
  return *companies_;
}

nlohmann::ordered_json Session::companies_json(const CompanyQuery& query) {
  return companies_page_json(companies(), query);
}

nlohmann::ordered_json Session::company_detail_json(std::string_view id) {
  const CompanyScoring& c = companies();
  const uint32_t company = c.find(id);
  if (company == kNoAccount) throw std::out_of_range("no company \"" + std::string(id) + "\"");
  const auto members = c.rollup().members_of(company);
  return {{"company", company_json(c, company)},
          {"workspaces", accounts_json(std::vector<size_t>(members.begin(), members.end()))}};
}

nlohmann::ordered_json Session::management_json() const {
  const ScoreResult& r = result();
  return pqlscope::management_json(compute_management(aggregates(), model(), r.metrics, r.segments));
}

}  // namespace pqlscope
