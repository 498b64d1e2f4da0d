#include "pqlscope/io/mapping_explanation.hpp"

namespace pqlscope {

const char* choice_reason_name(ChoiceReason reason) {
  switch (reason) {
    case ChoiceReason::chosen_by_you: return "chosen_by_you";
    case ChoiceReason::known_source: return "known_source";
    case ChoiceReason::header_name: return "header_name";
    case ChoiceReason::values: return "values";
  }
  return "header_name";
}

}  // namespace pqlscope
