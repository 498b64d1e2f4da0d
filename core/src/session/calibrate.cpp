// The package's calibrate(): outcomes text -> the fit report and the fitted model text.
#include "pqlscope/session/calibrate.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/model_fit_json.hpp"
#include "pqlscope/segments/outcomes.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {

ModelFitOptions model_fit_options_from_json(std::string_view options_json) {
  ModelFitOptions o;
  if (options_json.empty()) return o;
  const nlohmann::json doc = nlohmann::json::parse(options_json, nullptr, false);
  if (!doc.is_object()) throw std::invalid_argument("calibrate options: expected a JSON object");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    if (it->is_null()) continue;
    auto number = [&](double lo, double hi) {
      if (!it->is_number() || !(it->get<double>() >= lo && it->get<double>() <= hi)) {
        throw std::invalid_argument("calibrate options: " + key + " must be a number from " +
                                    std::to_string(static_cast<long long>(lo)) + " to " +
                                    std::to_string(static_cast<long long>(hi)));
      }
      return it->get<double>();
    };
    if (key == "l2") o.l2 = number(0, 1e6);
    else if (key == "held_out_percent") o.held_out_percent = static_cast<uint32_t>(std::lround(number(0, 90)));
    else if (key == "prior_strength") o.persona_prior_strength = number(0, 1e6);
    else throw std::invalid_argument("calibrate options: unknown key " + key + " (l2, held_out_percent, prior_strength)");
  }
  return o;
}

nlohmann::ordered_json calibrate_session(Session& session, std::string_view outcomes_csv,
                                         const ModelFitOptions& options) {
  const OutcomesReadResult read = read_outcomes_csv(outcomes_csv);
  if (!read.errors.empty()) {
    std::string all;
    for (const std::string& e : read.errors) all += "\n  outcomes: " + e;
    throw std::runtime_error("the outcomes file has problems:" + all);
  }
  if (read.outcomes.empty()) throw std::runtime_error("the outcomes file has no rows");
  const ScoreResult& result = session.full_result();
  ModelFitReport fit;
  try {
    fit = fit_model(session.aggregates(), session.model(), result.metrics, result.segments, read.outcomes, options);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());  // a data problem, not a programming one
  }
  nlohmann::ordered_json out;
  out["report"] = model_fit_json(fit);
  out["model"] = format_model(fit.model);
  return out;
}

}  // namespace pqlscope
