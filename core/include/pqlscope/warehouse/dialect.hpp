// The SQL dialects `pqlscope sql` writes for, and everything that differs between them, in one
// table (dialects.cpp): the generator itself has no per-dialect branches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pqlscope::warehouse {

struct DialectSpec {
  std::string_view name;
  // Templates: {x} is replaced by an SQL expression.
  std::string_view epoch_ms;   // milliseconds since 1970 (UTC) of a TIMESTAMP value
  std::string_view int_div;    // {x} divided by {y}, a whole number (both are >= 0 here)
  std::string_view text_type;  // for CAST(... AS text)
  std::string_view int_type;
  // Appended to a text ORDER BY key so that it compares bytes, as pqlscope does.
  std::string_view byte_order;
  char quote_open;   // identifier quotes, used only for names that need them
  char quote_close;
  // A JSON member as text: prefix + each key (key_template, {k} = the key) joined by key_sep +
  // suffix; {j} in the prefix is the JSON column.
  std::string_view json_prefix;
  std::string_view json_key;
  std::string_view json_key_sep;
  std::string_view json_suffix;
  // The member of a repeated key/value struct (GA4's event_params); empty: not supported.
  std::string_view param_value;  // {j} the array column, {k} the key
};

// All dialects, in the order `pqlscope sql --help` lists them.
const std::vector<DialectSpec>& dialects();
// nullptr when unknown.
const DialectSpec* find_dialect(std::string_view name);

}  // namespace pqlscope::warehouse
