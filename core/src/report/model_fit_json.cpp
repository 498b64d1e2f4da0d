// The calibration report as JSON: held-out AUC and lift before / after, weights, persona odds,
// the changes in words. Numbers rounded like the report's (4 decimals, NaN -> null).
#include "pqlscope/report/model_fit_json.hpp"

#include <cmath>

#include "pqlscope/report/report.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;

ojson number(double value) {
  if (std::isnan(value) || std::isinf(value)) return nullptr;
  const double r = round4(value);
  if (r == std::floor(r) && std::fabs(r) < 9e15) return static_cast<int64_t>(r);
  return r;
}

ojson scores_json(const HeldOutScores& s) {
  ojson lift = ojson::array();
  for (const LiftRow& r : s.lift) {
    lift.push_back({{"decile", r.decile}, {"accounts", r.accounts}, {"converted", r.converted},
                    {"rate", number(r.rate)}, {"lift", number(r.lift)}, {"min_score", number(r.min_score)},
                    {"max_score", number(r.max_score)}});
  }
  return {{"auc", {{"conversion_probability", number(s.conversion_probability)},
                   {"engagement", number(s.engagement)},
                   {"trial_engagement", number(s.trial_engagement)},
                   {"activation", number(s.activation)}}},
          {"lift", std::move(lift)}};
}

}  // namespace

ojson model_fit_json(const ModelFitReport& f) {
  ojson weights = ojson::array();
  for (const EventWeight& w : f.weights) {
    weights.push_back({{"event", w.event}, {"weight", number(w.weight)}, {"accounts", w.accounts},
                       {"converted", w.converted}, {"events", w.events}, {"importance", w.importance}});
  }
  ojson personas = ojson::array();
  for (const PersonaOdds& p : f.personas) {
    personas.push_back({{"persona", to_string(p.persona)}, {"accounts", p.accounts}, {"converted", p.converted},
                        {"before", number(p.before)}, {"after", number(p.after)}});
  }
  return {{"report", "pqlscope-calibration"},
          {"version", 1},
          {"outcomes", f.outcomes},
          {"matched", f.matched},
          {"duplicates", f.duplicates},
          {"unmatched", f.unmatched},
          {"split", {{"held_out_percent", f.options.held_out_percent},
                     {"rule", "FNV-1a 64 of the account id, mod 100, below held_out_percent"},
                     {"fit", {{"accounts", f.fit_accounts}, {"converted", f.fit_converted}}},
                     {"held_out", {{"accounts", f.held_out_accounts}, {"converted", f.held_out_converted}}}}},
          {"dated_conversions", f.dated_conversions},
          {"fit", {{"l2", number(f.options.l2)}, {"iterations", f.iterations}, {"converged", f.converged},
                   {"intercept", number(f.model.calibration.intercept)},
                   {"persona_prior_strength", number(f.options.persona_prior_strength)}}},
          {"before", scores_json(f.before)},
          {"after", scores_json(f.after)},
          {"weights", std::move(weights)},
          {"personas", std::move(personas)},
          {"changes", f.changes}};
}

}  // namespace pqlscope
