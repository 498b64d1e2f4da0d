// Reading the model document: the optional `calibration` section (docs/model.md), the logistic
// model `pqlscope calibrate` fits. null or absent: not calibrated.
#include <cmath>
#include <limits>

#include "model/model_json_reader.hpp"

namespace pqlscope::model_json_detail {

void Reader::read_calibration(const json& value, const std::string& path, CalibrationModel& out) {
  if (value.is_null()) {
    out = CalibrationModel{};
    return;
  }
  if (!object_at(value, path)) return;
  check_keys(value, path, {"intercept", "weights", "l2", "accounts", "converted"});
  constexpr double kBig = 1e6;  // a weight beyond this is a broken fit, not a model
  out.fitted = true;
  if (!find(value, "intercept")) error(child(path, "intercept"), "required (the fitted intercept)");
  read_number(value, "intercept", path, out.intercept, -kBig, kBig);
  if (const json* weights = find(value, "weights")) {
    const std::string at = child(path, "weights");
    if (!weights->is_object()) {
      expected(at, "an object mapping event names to weights", *weights);
    } else {
      out.weights.clear();
      for (auto it = weights->begin(); it != weights->end(); ++it) {
        double weight = 0;
        read_number(*weights, it.key(), at, weight, -kBig, kBig);
        out.weights[it.key()] = weight;
      }
    }
  }
  read_number(value, "l2", path, out.l2, 0, kBig);
  int64_t count = out.accounts;
  if (read_integer(value, "accounts", path, count, 0, std::numeric_limits<uint32_t>::max())) {
    out.accounts = static_cast<uint32_t>(count);
  }
  count = out.converted;
  if (read_integer(value, "converted", path, count, 0, std::numeric_limits<uint32_t>::max())) {
    out.converted = static_cast<uint32_t>(count);
  }
  if (out.converted > out.accounts) {
    error(child(path, "converted"), "more converted accounts than accounts");
  }
}

}  // namespace pqlscope::model_json_detail
