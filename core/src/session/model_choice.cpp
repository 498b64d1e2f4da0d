#include "pqlscope/session/model_choice.hpp"

#include <utility>

#include "pqlscope/aggregate/event_stats.hpp"
#include "pqlscope/model/starter.hpp"

namespace pqlscope {
namespace {

std::string invalid_model_message(const ModelValidation& validation) {
  std::string message = "the model is not valid:\n" + validation.to_string();
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

}  // namespace

InvalidModelError::InvalidModelError(ModelValidation validation)
    : std::runtime_error(invalid_model_message(validation)), validation_(std::move(validation)) {}

Model suggested_model(const Aggregates& aggregates) {
  return starter_model(event_name_stats(aggregates), StarterOptions{aggregates.accounts.size()});
}

Model choose_model(const Aggregates& aggregates, std::optional<Model> given, std::optional<int32_t> as_of_day) {
  Model model = given ? std::move(*given) : suggested_model(aggregates);
  if (as_of_day) model.as_of_day = as_of_day;
  return model;
}

std::optional<Model> model_from_text(std::string_view text) {
  if (text.empty()) return std::nullopt;
  ModelParseResult parsed = try_parse_model(text);
  if (!parsed.validation.ok()) throw InvalidModelError(std::move(parsed.validation));
  return std::move(parsed.model);
}

}  // namespace pqlscope
