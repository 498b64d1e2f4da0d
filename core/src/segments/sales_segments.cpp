// Trial-phase (sales) segments, docs/scoring.md §3: new trials, PQLs, red-hot, soon-to-expire,
// activated-not-converted buckets.
#include <cmath>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "rules.hpp"
#include "segments/format.hpp"

namespace pqlscope::segments_detail {

void add_sales_segments(const RuleContext& ctx, std::vector<Segment>& out) {
  const TrialSegments& t = ctx.model.segments.trial;
  const DealSizeModel& d = ctx.model.deal_size;
  const int32_t as_of = ctx.metrics.as_of_day;
  const uint32_t n = static_cast<uint32_t>(ctx.facts.size());
  const int new_days = effective_new_trial_days(t);

  Segment fresh{"new_trials", "New trials", SegmentGroup::sales,
                "trial that signed up within the last " + days(new_days) + " (as-of day included)",
                "days since signup, ascending", {}};
  Segment pql{"pql", "Product-qualified leads", SegmentGroup::sales,
              "trial or free account with activation >= " + pct(d.pql_activation.small) + " (small), " +
                  pct(d.pql_activation.mid) + " (mid), " + pct(d.pql_activation.large) +
                  " (large), passing the firmographic filters",
              "activation, descending", {}};
  Segment red_hot{"red_hot", "Red-hot trials", SegmentGroup::sales,
                  "PQL whose engagement rose by more than " + num(t.red_hot_points) + " points since the previous window",
                  "engagement trend, descending", {}};
  Segment expiring{"soon_to_expire", "Trials about to expire", SegmentGroup::sales,
                   "trial ending within " + days(t.soon_to_expire_days) + " (0 = ends on the as-of day)",
                   "activation, descending", {}};

  std::vector<Segment> buckets;
  for (std::size_t i = 0; i < t.not_converted_buckets_days.size(); ++i) {
    const int lo = i == 0 ? 1 : t.not_converted_buckets_days[i - 1] + 1;
    const int hi = t.not_converted_buckets_days[i];
    const std::string b = std::to_string(hi);
    buckets.push_back({"not_converted_" + b, "Activated, not converted (" + b + " days)", SegmentGroup::sales,
                       (t.near_activation < 100 ? "activation >= " + pct(t.near_activation) + " (or every step done)"
                                                : std::string("every activation step done")) +
                           ", not converted, trial ended " + std::to_string(lo) + "-" + b + " days ago",
                       "days since the trial ended, ascending", {}});
  }

  for (uint32_t a = 0; a < n; ++a) {
    const AccountFacts& f = ctx.facts[a];
    if (!f.exists) continue;
    const double activation = ctx.activation(a);

    if (f.stage == Stage::trial) {
      const int32_t age = as_of - f.signup_day;
      if (age >= 0 && age < new_days) {  // events before a recorded signup: not new yet
        fresh.members.push_back({a, static_cast<double>(age),
                                 "signed up " + (age == 0 ? std::string("today") : days(age) + " ago") + " (" +
                                     format_day(f.signup_day) + "), within the new-trial window of " + days(new_days)});
      }
      if (f.trial_end_day != kNoDay) {
        const int32_t left = f.trial_end_day - as_of;
        if (left >= 0 && left <= t.soon_to_expire_days) {
          expiring.members.push_back(
              {a, activation,
               "trial ends " + (left == 0 ? std::string("today") : "in " + days(left)) + " (" +
                   format_day(f.trial_end_day) + ") <= " + days(t.soon_to_expire_days) + ", activation " +
                   pct(activation)});
        }
      }
    }

    if (is_prospect(f.stage) && f.pql.qualified()) {
      // Each reason built in one string (most members are here: format.hpp).
      std::string phrase;
      phrase.reserve(96);
      ctx.append_pql_phrase(phrase, a);
      const double trend = ctx.trend(a);
      if (!std::isnan(trend) && trend > t.red_hot_points) {
        const double now = ctx.engagement(a);
        std::string reason;
        reason.reserve(phrase.size() + 64);
        reason += "PQL (";
        reason += phrase;
        reason += "), engagement ";
        append_num(reason, now - trend);
        reason += " -> ";
        append_num(reason, now);
        reason += " (";
        append_points(reason, trend);
        reason += " > ";
        append_num(reason, t.red_hot_points);
        reason += ')';
        red_hot.members.push_back({a, trend, std::move(reason)});
      }
      if (!d.filters.regions.empty() || d.filters.min_employees || d.filters.max_employees) {
        phrase += ", passes the firmographic filters";
      }
      pql.members.push_back({a, activation, std::move(phrase)});
    }

    const bool converted = is_paid(f.stage) || f.converted_day != kNoDay;
    const int32_t activated = ctx.metrics.accounts.activated_day[a];
    // "Activated (or a significant way toward becoming Activated)": near_activation, percent.
    const bool near = !std::isnan(activation) && activation >= t.near_activation;
    if (!converted && (activated != kNoDay || near) && f.trial_end_day != kNoDay && f.trial_end_day < as_of) {
      const int32_t since = as_of - f.trial_end_day;
      int lo = 1;
      for (std::size_t i = 0; i < buckets.size(); ++i) {
        const int hi = t.not_converted_buckets_days[i];
        if (since >= lo && since <= hi) {
          std::string reason;
          reason.reserve(160);
          if (activated != kNoDay) {
            reason += "activated ";
            reason += format_day(activated);
            reason += " (every step done)";
          } else {
            reason += "activation ";
            append_pct(reason, activation);
            reason += " >= ";
            append_pct(reason, t.near_activation);
            reason += " (a significant way toward activation)";
          }
          reason += ", trial ended ";
          append_days(reason, since);
          reason += " ago (";
          reason += format_day(f.trial_end_day);
          reason += "), not converted (";
          reason += to_string(f.stage);
          reason += "): ";
          append_integer(reason, lo);
          reason += '-';
          append_integer(reason, hi);
          reason += " days bucket";
          buckets[i].members.push_back({a, static_cast<double>(since), std::move(reason)});
          break;
        }
        lo = hi + 1;
      }
    }
  }

  sort_members(fresh.members, false, ctx.aggregates);
  sort_members(pql.members, true, ctx.aggregates);
  sort_members(red_hot.members, true, ctx.aggregates);
  sort_members(expiring.members, true, ctx.aggregates);
  out.push_back(std::move(fresh));
  out.push_back(std::move(pql));
  out.push_back(std::move(red_hot));
  out.push_back(std::move(expiring));
  for (Segment& b : buckets) {
    sort_members(b.members, false, ctx.aggregates);
    out.push_back(std::move(b));
  }
}

}  // namespace pqlscope::segments_detail
