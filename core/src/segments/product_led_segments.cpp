// Product-led-sales segments, docs/scoring.md §3: top free/trial accounts (engagement x fit),
// self-serve ready for Enterprise, enterprise low seat penetration / low enterprise-feature use,
// opportunistic, dead zone.
#include <algorithm>
#include <cmath>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "rules.hpp"
#include "segments/format.hpp"

namespace pqlscope::segments_detail {
namespace {

std::string fit_phrase(const FitResult& fit) {
  if (fit.criteria_set == 0) return "fit 1 (no ICP criteria set)";
  return "fit " + pct(100.0 * fit.score) + " (" + std::to_string(fit.criteria_met) + " of " +
         std::to_string(fit.criteria_set) + " ICP criteria)";
}

}  // namespace

void add_product_led_segments(const RuleContext& ctx, std::vector<Segment>& out) {
  const ProductLedSegments& p = ctx.model.segments.product_led;
  const uint32_t n = static_cast<uint32_t>(ctx.facts.size());

  Segment top{"top_accounts", "Top free and trial accounts", SegmentGroup::product_led,
              "the " + std::to_string(p.top_accounts) +
                  " trial or free accounts with the highest engagement x ICP fit (score > 0)",
              "engagement x fit, descending", {}};
  Segment ready{"ready_for_enterprise", "Self-serve accounts ready for Enterprise", SegmentGroup::product_led,
                "self-serve account with engagement >= " + num(p.ready_min_engagement) + " and adoption >= " +
                    pct(p.ready_min_adoption),
                "engagement, descending", {}};
  Segment seats{"enterprise_low_seats", "Enterprise accounts with low seat penetration", SegmentGroup::product_led,
                "enterprise account whose monthly active users / seats (else employees) < " +
                    pct(p.low_seat_penetration),
                "seat penetration, ascending", {}};
  Segment features{"enterprise_low_features", "Enterprise accounts with low enterprise-feature use",
                   SegmentGroup::product_led,
                   "enterprise account using < " + pct(p.low_enterprise_feature_adoption) + " of the " +
                       std::to_string(p.enterprise_features.size()) + " enterprise features in the adoption window",
                   "enterprise-feature adoption, ascending", {}};
  Segment opportunistic{"opportunistic", "Opportunistic: good fit, low usage", SegmentGroup::product_led,
                        "trial, free or self-serve account that meets every ICP criterion (at least one set) "
                        "with engagement < " + num(p.opportunistic_max_engagement),
                        "engagement, ascending", {}};
  Segment dead{"dead_zone", "Dead zone", SegmentGroup::product_led,
               "account (not churned) with adoption < " + pct(p.dead_zone_max_adoption) + " and at most " +
                   std::to_string(p.dead_zone_max_employees) + " employees",
               "adoption, ascending", {}};

  for (uint32_t a = 0; a < n; ++a) {
    const AccountFacts& f = ctx.facts[a];
    if (!f.exists) continue;
    const AccountInfo& info = ctx.aggregates.accounts[a].info;
    const double engagement = ctx.engagement(a);
    const double adoption = ctx.adoption(a);

    if (is_prospect(f.stage)) {
      const double score = engagement * f.fit.score;
      if (score > 0) {
        top.members.push_back({a, score, {}});  // the reason for the kept few, below
      }
    }
    if (f.stage == Stage::self_serve && engagement >= p.ready_min_engagement && !std::isnan(adoption) &&
        adoption >= p.ready_min_adoption) {
      ready.members.push_back({a, engagement,
                               "self-serve, engagement " + num(engagement) + " >= " + num(p.ready_min_engagement) +
                                   ", adoption " + pct(adoption) + " >= " + pct(p.ready_min_adoption)});
    }
    if (f.stage == Stage::enterprise) {
      const double pen = ctx.metrics.seat_penetration[a];
      if (!std::isnan(pen) && pen < p.low_seat_penetration) {
        const bool by_seats = info.seats > 0;
        const int64_t base = by_seats ? info.seats : info.employees;
        seats.members.push_back({a, pen,
                                 "enterprise, " + std::to_string(ctx.metrics.account_activity[a].mau) +
                                     " monthly active users / " + std::to_string(base) +
                                     (by_seats ? " seats" : " employees") + " = " + pct(pen) + " < " +
                                     pct(p.low_seat_penetration)});
      }
      const double fa = f.enterprise_feature_adoption;
      if (!std::isnan(fa) && fa < p.low_enterprise_feature_adoption) {
        features.members.push_back({a, fa,
                                    "enterprise, " + std::to_string(f.enterprise_features_used) + " of " +
                                        std::to_string(p.enterprise_features.size()) + " enterprise features used in " +
                                        days(ctx.metrics.adoption_window_days) + " = " + pct(fa) + " < " +
                                        pct(p.low_enterprise_feature_adoption)});
      }
    }
    if ((is_prospect(f.stage) || f.stage == Stage::self_serve) && f.fit.fits &&
        engagement < p.opportunistic_max_engagement) {
      opportunistic.members.push_back({a, engagement,
                                       std::string(to_string(f.stage)) + ", meets all " +
                                           std::to_string(f.fit.criteria_set) + " ICP criteria, engagement " +
                                           num(engagement) + " < " + num(p.opportunistic_max_engagement)});
    }
    if (f.stage != Stage::churned && !std::isnan(adoption) && adoption < p.dead_zone_max_adoption &&
        info.employees >= 0 && info.employees <= p.dead_zone_max_employees) {
      dead.members.push_back({a, adoption,
                              "adoption " + pct(adoption) + " < " + pct(p.dead_zone_max_adoption) + " at " +
                                  std::to_string(info.employees) + " employees <= " +
                                  std::to_string(p.dead_zone_max_employees)});
    }
  }

  // Every prospect with a score is a candidate; only the top N are kept, so only they are fully
  // ordered and given a reason.
  sort_top_members(top.members, true, ctx.aggregates, static_cast<std::size_t>(std::max(0, p.top_accounts)));
  for (std::size_t i = 0; i < top.members.size(); ++i) {
    SegmentMember& m = top.members[i];
    m.reason = "engagement " + num(ctx.engagement(m.account)) + " x " + fit_phrase(ctx.facts[m.account].fit) +
               " = " + num(m.value) + ", rank " + std::to_string(i + 1) + " of " + std::to_string(p.top_accounts);
  }
  sort_members(ready.members, true, ctx.aggregates);
  sort_members(seats.members, false, ctx.aggregates);
  sort_members(features.members, false, ctx.aggregates);
  sort_members(opportunistic.members, false, ctx.aggregates);
  sort_members(dead.members, false, ctx.aggregates);
  out.push_back(std::move(top));
  out.push_back(std::move(ready));
  out.push_back(std::move(seats));
  out.push_back(std::move(features));
  out.push_back(std::move(opportunistic));
  out.push_back(std::move(dead));
}

}  // namespace pqlscope::segments_detail
