// Fitting the model to outcomes: the split, the design matrix of trial-window counts, the
// logistic fit, the shrunk persona odds, and the before / after comparison on held-out accounts.
#include "pqlscope/segments/model_fit.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/segments/calibration.hpp"
#include "pqlscope/segments/conversion.hpp"
#include "pqlscope/segments/logistic_fit.hpp"
#include "pqlscope/segments/personas.hpp"
#include "segments/format.hpp"

namespace pqlscope {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Rounded so the model written to JSON is the model that was judged (and the same natively
// and in WebAssembly, whose exp / log may differ in the last bit).
double round_to(double v, double unit) { return std::round(v / unit) * unit; }

struct Labelled {
  uint32_t account;
  bool converted;
  bool held_out;
};

std::vector<LiftRow> lift_table(const std::vector<double>& score, const std::vector<uint8_t>& label,
                                const std::vector<std::string_view>& ids) {
  std::vector<std::size_t> order(score.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (score[x] != score[y]) return score[x] > score[y];
    return ids[x] < ids[y];
  });
  const std::size_t n = order.size();
  double positives = 0;
  for (uint8_t l : label) positives += l;
  const double base = n == 0 ? kNaN : positives / static_cast<double>(n);
  std::vector<LiftRow> rows;
  for (uint32_t d = 0; d < 10 && n > 0; ++d) {
    const std::size_t from = d * n / 10, to = (d + 1) * n / 10;
    if (from == to) continue;
    LiftRow r;
    r.decile = d + 1;
    r.max_score = score[order[from]];
    r.min_score = score[order[to - 1]];
    for (std::size_t i = from; i < to; ++i) {
      r.accounts += 1;
      r.converted += label[order[i]];
    }
    r.rate = static_cast<double>(r.converted) / r.accounts;
    r.lift = base > 0 ? r.rate / base : kNaN;
    rows.push_back(r);
  }
  return rows;
}

// Numbers in the words: "0.853", "+1.25", "2.38".
std::string fixed(double v, int digits, bool sign = false) {
  if (std::isnan(v)) return "n/a";
  char b[64];
  std::snprintf(b, sizeof b, sign ? "%+.*f" : "%.*f", digits, v);
  return b;
}
std::string percent_text(double p) { return segments_detail::pct(100 * p); }
std::string auc_text(double a) { return fixed(a, 3); }
std::string signed_text(double v) { return fixed(v, 2, true); }

}  // namespace

uint64_t fnv1a64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool is_held_out(std::string_view account_id, uint32_t held_out_percent) {
  return fnv1a64(account_id) % 100 < held_out_percent;
}

ModelFitReport fit_model(const Aggregates& aggregates, const Model& seed, const Metrics& metrics,
                         const SegmentReport& report, const std::vector<Outcome>& outcomes,
                         const ModelFitOptions& options) {
  ModelFitReport out;
  out.options = options;
  out.model = seed;
  out.outcomes = static_cast<uint32_t>(outcomes.size());
  const std::size_t accounts = aggregates.accounts.size();
  std::unordered_map<std::string_view, uint32_t> index;
  for (uint32_t a = 0; a < accounts; ++a) index.emplace(aggregates.accounts[a].id, a);

  // Join, split, and each account's trial window (ending the day before a dated conversion).
  std::vector<Labelled> rows;
  std::vector<uint8_t> seen(accounts, 0);
  std::vector<TrialWindow> windows(accounts);
  for (const Outcome& o : outcomes) {
    auto it = index.find(o.account);
    if (it == index.end()) {
      if (out.unmatched.size() < 100) out.unmatched.push_back(o.account);
      continue;
    }
    const uint32_t a = it->second;
    if (seen[a]) {
      ++out.duplicates;
      continue;
    }
    seen[a] = 1;
    ++out.matched;
    const AccountFacts& f = report.accounts[a];
    int32_t conversion_day = kNoDay;
    if (o.converted && o.at) {
      conversion_day = static_cast<int32_t>(day_of_millis(*o.at));
      ++out.dated_conversions;
    } else if (aggregates.accounts[a].info.converted_at) {
      conversion_day = static_cast<int32_t>(day_of_millis(*aggregates.accounts[a].info.converted_at));
    }
    windows[a] = trial_window(metrics.accounts.signup_day[a], f.trial_end_day, conversion_day, metrics.as_of_day);
    const bool held_out = is_held_out(aggregates.accounts[a].id, options.held_out_percent);
    rows.push_back({a, o.converted, held_out});
    (held_out ? out.held_out_accounts : out.fit_accounts) += 1;
    if (o.converted) (held_out ? out.held_out_converted : out.fit_converted) += 1;
  }
  if (out.fit_converted == 0 || out.fit_converted == out.fit_accounts) {
    throw std::invalid_argument("the fit part (" + std::to_string(out.fit_accounts) + " accounts matched, " +
                                std::to_string(out.fit_converted) +
                                " converted) needs converters and non-converters");
  }
  const std::vector<EventCounts> counts = trial_event_counts(aggregates, windows);

  // Features: the events most fit accounts did in their trial (at least min_event_accounts).
  const std::size_t names = aggregates.event_names.size();
  std::vector<uint32_t> reach(names, 0), reach_converted(names, 0);
  std::vector<uint64_t> volume(names, 0);
  for (const Labelled& r : rows) {
    if (r.held_out) continue;
    for (const auto& [e, n] : counts[r.account]) {
      reach[e] += 1;
      reach_converted[e] += r.converted ? 1 : 0;
      volume[e] += n;
    }
  }
  std::vector<uint16_t> features;
  for (std::size_t e = 0; e < names; ++e) {
    if (reach[e] >= options.min_event_accounts) features.push_back(static_cast<uint16_t>(e));
  }
  std::sort(features.begin(), features.end(), [&](uint16_t x, uint16_t y) {
    if (reach[x] != reach[y]) return reach[x] > reach[y];
    return aggregates.event_names[x] < aggregates.event_names[y];
  });
  if (features.size() > options.max_events) features.resize(options.max_events);
  std::vector<int> column(names, -1);
  for (std::size_t j = 0; j < features.size(); ++j) column[features[j]] = static_cast<int>(j);

  const std::size_t cols = features.size();
  std::vector<double> x(out.fit_accounts * cols, 0.0);
  std::vector<uint8_t> y;
  std::size_t i = 0;
  for (const Labelled& r : rows) {
    if (r.held_out) continue;
    for (const auto& [e, n] : counts[r.account]) {
      if (column[e] >= 0) x[i * cols + static_cast<std::size_t>(column[e])] = std::log1p(static_cast<double>(n));
    }
    y.push_back(r.converted ? 1 : 0);
    ++i;
  }
  LogisticOptions logistic_options;
  logistic_options.l2 = options.l2;
  const LogisticFit fit = fit_logistic(x, out.fit_accounts, cols, y, logistic_options);
  out.iterations = fit.iterations;
  out.converged = fit.converged;

  CalibrationModel& cal = out.model.calibration;
  cal = CalibrationModel{};
  cal.fitted = true;
  cal.intercept = round_to(fit.intercept, 1e-6);
  cal.l2 = options.l2;
  cal.accounts = out.fit_accounts;
  cal.converted = out.fit_converted;
  for (std::size_t j = 0; j < cols; ++j) {
    const double w = round_to(fit.weights[j], 1e-6);
    const uint16_t e = features[j];
    if (w != 0) cal.weights[aggregates.event_names[e]] = w;
    out.weights.push_back({aggregates.event_names[e], w, reach[e], reach_converted[e], volume[e],
                           importance_of(seed.engagement, aggregates.event_names[e])});
  }
  std::sort(out.weights.begin(), out.weights.end(), [](const EventWeight& p, const EventWeight& q) {
    if (std::fabs(p.weight) != std::fabs(q.weight)) return std::fabs(p.weight) > std::fabs(q.weight);
    return p.event < q.event;
  });

  // Persona odds: the fit accounts' conversion per persona, shrunk towards the seed's
  // probability by a beta prior worth persona_prior_strength accounts.
  std::vector<PersonaAssignment> assigned(accounts);
  std::array<PersonaOdds, kPersonaCount> odds{};
  for (const Labelled& r : rows) {
    assigned[r.account] = assign_persona(seed, metrics, report.accounts[r.account], r.account);
    if (r.held_out) continue;
    PersonaOdds& p = odds[static_cast<std::size_t>(assigned[r.account].persona)];
    p.accounts += 1;
    p.converted += r.converted ? 1 : 0;
  }
  const double m = options.persona_prior_strength;
  for (std::size_t k = 0; k < kPersonaCount; ++k) {
    PersonaOdds& p = odds[k];
    p.persona = static_cast<Persona>(k);
    p.before = seed.personas.probabilities[k];
    p.after = round_to((p.converted + m * p.before) / (p.accounts + m), 1e-4);
    out.model.personas.probabilities[k] = p.after;
    if (p.accounts > 0) out.personas.push_back(p);
  }

  // Held-out: before (the seed's conversion probability: its calibration, else the persona's)
  // and after (the fitted calibration), with engagement and activation for reference.
  const ConversionModel before_model(seed.calibration, aggregates.event_names);
  const ConversionModel after_model(cal, aggregates.event_names);
  std::vector<double> before, after, engagement, trial_engagement, activation;
  std::vector<uint8_t> label;
  std::vector<bool> label_bits;
  std::vector<std::string_view> ids;
  for (const Labelled& r : rows) {
    if (!r.held_out) continue;
    const uint32_t a = r.account;
    before.push_back(seed.calibration.fitted ? before_model.probability(counts[a]) : assigned[a].probability);
    after.push_back(after_model.probability(counts[a]));
    engagement.push_back(metrics.accounts.latest_score(a));
    double raw = 0;
    for (const auto& [e, n] : counts[a]) raw += importance_of(seed.engagement, aggregates.event_names[e]) * double(n);
    trial_engagement.push_back(raw);
    activation.push_back(metrics.accounts.activation_rate[a]);
    label.push_back(r.converted ? 1 : 0);
    label_bits.push_back(r.converted);
    ids.push_back(aggregates.accounts[a].id);
  }
  for (auto [scores, target] : {std::pair{&before, &out.before}, std::pair{&after, &out.after}}) {
    target->conversion_probability = auc(*scores, label_bits);
    target->engagement = auc(engagement, label_bits);
    target->trial_engagement = auc(trial_engagement, label_bits);
    target->activation = auc(activation, label_bits);
    target->lift = lift_table(*scores, label, ids);
  }

  // In words.
  std::vector<std::string>& c = out.changes;
  c.push_back("conversion probability: " +
              std::string(seed.calibration.fitted ? "was an earlier calibration" : "was the persona's odds") +
              "; now a logistic fit of " + std::to_string(cal.weights.size()) + " event weights on " +
              std::to_string(out.fit_accounts) + " accounts (" + std::to_string(out.fit_converted) +
              " converted), l2 " + segments_detail::num(options.l2));
  c.push_back("held-out AUC (" + std::to_string(out.held_out_accounts) + " accounts, " +
              std::to_string(out.held_out_converted) + " converted): " + auc_text(out.before.conversion_probability) +
              " before, " + auc_text(out.after.conversion_probability) + " after (engagement score " +
              auc_text(out.after.engagement) + ", trial engagement " + auc_text(out.after.trial_engagement) + ")");
  if (!out.after.lift.empty() && !out.before.lift.empty()) {
    c.push_back("top decile converts at " + percent_text(out.after.lift.front().rate) + " (lift " +
                fixed(out.after.lift.front().lift, 2) + "), was " +
                percent_text(out.before.lift.front().rate) + " (lift " +
                fixed(out.before.lift.front().lift, 2) + ")");
  }
  int listed = 0;
  for (const EventWeight& w : out.weights) {
    if (listed == 5 || std::fabs(w.weight) < 0.05) break;
    ++listed;
    c.push_back("event " + w.event + ": weight " + signed_text(w.weight) + " (doing it once multiplies the odds by " +
                fixed(std::exp(w.weight * std::log(2.0)), 2) + "; " +
                std::to_string(w.converted) + " of " + std::to_string(w.accounts) +
                " accounts that did it converted; engagement importance " + std::to_string(w.importance) + ")");
  }
  // The loudest events: volume is not conversion.
  std::vector<const EventWeight*> loud;
  for (const EventWeight& w : out.weights) loud.push_back(&w);
  std::sort(loud.begin(), loud.end(), [](const EventWeight* p, const EventWeight* q) {
    if (p->events != q->events) return p->events > q->events;
    return p->event < q->event;
  });
  for (std::size_t k = 0; k < loud.size() && k < 3; ++k) {
    c.push_back("loudest event " + std::to_string(k + 1) + ", " + loud[k]->event + " (" +
                std::to_string(loud[k]->events) + " events in the fit trials): weight " + signed_text(loud[k]->weight));
  }
  for (const PersonaOdds& p : out.personas) {
    if (p.after == p.before) continue;
    c.push_back("persona " + std::string(to_string(p.persona)) + ": odds " + percent_text(p.before) + " -> " +
                percent_text(p.after) + " (" + std::to_string(p.converted) + " of " + std::to_string(p.accounts) +
                " converted, prior worth " + segments_detail::num(m) + " accounts)");
  }
  c.push_back("activation checklist, thresholds and engagement importances: unchanged (the fit sets the "
              "conversion probability, not the usage scores)");
  return out;
}

}  // namespace pqlscope
