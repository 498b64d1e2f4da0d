// Decides which column / field fills each role of a file, from the header names and the values
// of the sampled records, the recognised source and the user's explicit mapping; and explains
// each choice. Private to ingest.
#pragma once

#include <string>
#include <vector>

#include "column_sampling.hpp"
#include "record_view.hpp"
#include "pqlscope/ingest/field_mapping.hpp"
#include "pqlscope/io/mapping_explanation.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "source_recognition.hpp"

namespace pqlscope {

struct RoleDetection {
  std::vector<RoleBinding> bindings;  // one per role of the kind, in roles_of() order
  std::vector<RoleChoice> choices;    // the roles filled, with their reasons
  std::string missing;                // CSV: required roles nothing fills ("" when complete)
  std::string timestamp_format;
  // Per role (roles_of() order): the day/month order its sampled values proved, for the row
  // mapper's parser; undecided when they did not, or when the mapping fixes it.
  std::vector<DateOrder> date_orders;
  DateOrder date_order = DateOrder::undecided;  // the file's, for the explanation
  std::string date_order_reason;
};

RoleDetection detect_roles(FileKind kind, const FieldMapping& mapping, const SampleTable& sample,
                           const SourceProfile& source);

// What a file looks like from its sampled fields and values.
KindGuess guess_kind(const SampleTable& sample, const SourceProfile& source);

}  // namespace pqlscope
