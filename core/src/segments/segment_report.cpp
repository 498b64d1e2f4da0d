// The segments entry point: facts once, then each rule family, then personas and the forecast.
#include "pqlscope/segments/segment_report.hpp"

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/conversion.hpp"
#include "rules.hpp"

namespace pqlscope {

const Segment* SegmentReport::find(std::string_view id) const {
  for (const Segment& s : segments) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const UserSegment* SegmentReport::find_user_segment(std::string_view id) const {
  for (const UserSegment& s : user_segments) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::vector<std::string_view> SegmentReport::tags_of(uint32_t account) const {
  std::vector<std::string_view> tags;
  for (const Segment& s : segments) {
    if (s.contains(account)) tags.push_back(s.id);
  }
  return tags;
}

std::vector<std::vector<uint16_t>> SegmentReport::memberships() const {
  std::vector<std::vector<uint16_t>> out(accounts.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    for (const SegmentMember& m : segments[i].members) {
      if (m.account < out.size()) out[m.account].push_back(static_cast<uint16_t>(i));
    }
  }
  return out;
}

SegmentReport compute_segments(const Aggregates& aggregates, const Model& model, const Metrics& metrics,
                               const MetricsCache* cache, unsigned threads, const EarlierFacts* earlier) {
  return compute_segments_from_facts(aggregates, model, metrics,
                                     compute_account_facts(aggregates, model, metrics, cache, earlier), threads);
}

SegmentReport compute_segments_from_facts(const Aggregates& aggregates, const Model& model, const Metrics& metrics,
                                          std::vector<AccountFacts> facts, unsigned threads) {
  SegmentReport report;
  report.as_of_day = metrics.as_of_day;
  report.accounts = std::move(facts);
  const segments_detail::RuleContext ctx{aggregates, model, metrics, report.accounts};
  // The rule families and the personas read the facts and write outputs of their own: side by
  // side (each about a third of this function at 1M events, docs/performance-round-7.md).
  JobErrors errors(2);
  run_on_threads(2, threads, [&](std::size_t job) {
    errors.run(job, [&] {
      if (job == 0) {
        segments_detail::add_sales_segments(ctx, report.segments);
        segments_detail::add_product_led_segments(ctx, report.segments);
        segments_detail::add_customer_success_segments(ctx, report.segments, report.user_segments);
        segments_detail::add_signal_segments(ctx, report.segments, report.user_segments);
      } else {
        report.personas = compute_personas(model, metrics, report.accounts);
      }
    });
  });
  errors.rethrow_first();
  if (model.calibration.fitted) {
    apply_conversion_probability(aggregates, model, report.accounts, metrics.as_of_day, report.personas);
  }
  return report;
}

SegmentReport compute_segments_as_of(const Aggregates& aggregates, const Model& model, int32_t as_of_day) {
  const Metrics metrics = compute_metrics(aggregates, model, as_of_day);
  return compute_segments(aggregates, model, metrics);
}

}  // namespace pqlscope
