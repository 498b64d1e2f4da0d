// `pqlscope calibrate`: fit the model to outcomes (docs/segments.md "Fitting the model to
// outcomes"), print what changed and the held-out comparison, write the fitted model.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/model_fit_json.hpp"
#include "pqlscope/segments/model_fit.hpp"
#include "pqlscope/segments/outcomes.hpp"
#include "pqlscope/session/model_choice.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope::cli {
namespace {

const char* kCalibrateHelp =
    "usage: pqlscope calibrate <events...> --outcomes FILE --out model.json [options]\n"
    "\n"
    "Fits the model to what really converted: event weights by L2-regularised logistic\n"
    "regression on each account's event counts over its trial (signup to trial end, or to the\n"
    "day before the outcome's conversion date), and persona odds shrunk towards the seed's.\n"
    "Judged on held-out accounts (a fixed hash of the id): AUC and lift by decile, before and\n"
    "after. The fitted model scores with `pqlscope score --model`; its conversion_probability\n"
    "is the calibrated chance to convert.\n"
    "\n"
    "  --outcomes FILE       CSV of account_id,converted[,date] (docs/segments.md)\n"
    "  --out FILE            write the fitted model (JSON, docs/model.md `calibration`)\n"
    "  --model FILE          the seed model (default: a starter model from the data)\n"
    "  --report FILE         write the calibration report (JSON, docs/report.md)\n"
    "  --as-of YYYY-MM-DD    score the seed as of this day (default: the model's, else the last event's)\n"
    "  --l2 X                penalty on the standardised weights (default 1)\n"
    "  --held-out PERCENT    accounts held out for judging, 0-90 (default 30)\n"
    "  --prior-strength N    the seed's persona odds count as N accounts (default 10)\n"
    "  --accounts, --comms, --format, --map, --epoch, --date-order, --threads: as for ingest\n";

double number_option(Args& args, const std::string& name, double fallback, double lo, double hi) {
  const auto text = args.value(name);
  if (!text) return fallback;
  char* end = nullptr;
  const double v = std::strtod(text->c_str(), &end);
  if (text->empty() || *end != '\0' || !(v >= lo && v <= hi)) {
    throw UsageError(name + " takes a number from " + std::to_string(lo).substr(0, 4) + " to " +
                     std::to_string(hi).substr(0, 5) + ", got '" + *text + "'");
  }
  return v;
}

std::string auc(double v) {
  if (std::isnan(v)) return "  n/a";
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

void print_fit(const ModelFitReport& f) {
  std::printf("calibration: %u outcomes, %u matched an account (%u repeated, %zu unknown ids)\n", f.outcomes,
              f.matched, f.duplicates, f.unmatched.size());
  std::printf("  fit on %u accounts (%u converted), judged on %u held out (%u converted)\n", f.fit_accounts,
              f.fit_converted, f.held_out_accounts, f.held_out_converted);
  std::printf("held-out AUC                 before  after\n");
  std::printf("  conversion_probability      %s  %s\n", auc(f.before.conversion_probability).c_str(),
              auc(f.after.conversion_probability).c_str());
  std::printf("  engagement score            %s\n", auc(f.after.engagement).c_str());
  std::printf("  trial engagement (raw)      %s\n", auc(f.after.trial_engagement).c_str());
  std::printf("  activation                  %s\n", auc(f.after.activation).c_str());
  std::printf("held-out lift by decile (1 = highest scores): converted / accounts, lift\n");
  for (std::size_t d = 0; d < std::max(f.before.lift.size(), f.after.lift.size()); ++d) {
    auto cell = [&](const std::vector<LiftRow>& rows) {
      if (d >= rows.size()) return std::string();
      char b[64];
      std::snprintf(b, sizeof b, "%4u / %-4u %5.2f", rows[d].converted, rows[d].accounts, rows[d].lift);
      return std::string(b);
    };
    std::printf("  %2zu   before %s   after %s\n", d + 1, cell(f.before.lift).c_str(), cell(f.after.lift).c_str());
  }
  std::printf("what changed:\n");
  for (const std::string& c : f.changes) std::printf("  - %s\n", c.c_str());
}

}  // namespace

int calibrate_command(Args& args) {
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kCalibrateHelp, stdout);
    return 0;
  }
  InputFiles inputs = read_input_options(args);
  const IngestOptions options = read_ingest_options(args);
  const auto outcomes_path = args.value("--outcomes");
  const auto out = args.value("--out");
  const auto report_path = args.value("--report");
  const auto model_path = args.value("--model");
  const std::optional<int32_t> as_of_day = as_of_option(args);
  ModelFitOptions fit_options;
  fit_options.l2 = number_option(args, "--l2", fit_options.l2, 0, 1e6);
  fit_options.held_out_percent =
      static_cast<uint32_t>(number_option(args, "--held-out", fit_options.held_out_percent, 0, 90));
  fit_options.persona_prior_strength =
      number_option(args, "--prior-strength", fit_options.persona_prior_strength, 0, 1e6);
  inputs.events = args.rest();
  if (inputs.events.empty() && inputs.aggregates.empty()) throw UsageError("calibrate needs an events file (see --help)");
  if (!outcomes_path) throw UsageError("calibrate needs --outcomes FILE (see --help)");
  if (!out) throw UsageError("calibrate needs --out FILE for the fitted model (see --help)");

  std::optional<Model> given;
  if (model_path) given = load_model_file(*model_path);
  const std::vector<Outcome> outcomes = read_outcomes_file(*outcomes_path);
  if (outcomes.empty()) throw std::runtime_error(*outcomes_path + ": no outcome rows");

  Aggregates ingested = ingest_inputs(inputs, options);
  print_ingest_summary(ingested.report, 20);
  if (report_nothing_read(ingested.report)) return 1;
  Session session(std::move(ingested));
  if (!given) std::printf("no --model: the seed is a starter model suggested from the data\n");
  session.score(choose_model(session.aggregates(), std::move(given), as_of_day));
  const ScoreResult& result = session.full_result();
  const ModelFitReport fit = fit_model(session.aggregates(), session.model(), result.metrics, result.segments,
                                       outcomes, fit_options);
  print_fit(fit);
  write_text_file(*out, format_model(fit.model));
  std::printf("wrote the fitted model to %s\n", out->c_str());
  if (report_path) write_text_file(*report_path, model_fit_json(fit).dump(2) + "\n");
  return 0;
}

}  // namespace pqlscope::cli
