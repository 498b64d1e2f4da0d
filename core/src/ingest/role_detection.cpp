#include "role_detection.hpp"

#include <cstdlib>

#include "pqlscope/io/text.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "row_mappers.hpp"

namespace pqlscope {
namespace {

// What a role's values must look like.
enum class ValueRule : uint8_t { timestamp, number, decimal, call_type, event_name, identifier, text };

ValueRule rule_of(std::string_view role) {
  for (std::string_view r : {"timestamp", "signup_at", "trial_ends_at", "converted_at"}) {
    if (role == r) return ValueRule::timestamp;
  }
  for (std::string_view r : {"employees", "seats", "count"}) {
    if (role == r) return ValueRule::number;
  }
  if (role == "deal_value") return ValueRule::decimal;
  if (role == role::type) return ValueRule::call_type;
  if (role == role::event) return ValueRule::event_name;
  for (std::string_view r : {"account", "user", "message_id"}) {
    if (role == r) return ValueRule::identifier;
  }
  return ValueRule::text;
}

const char* rule_words(ValueRule rule) {
  switch (rule) {
    case ValueRule::timestamp: return "parse as timestamps";
    case ValueRule::number: return "are whole numbers";
    case ValueRule::decimal: return "are numbers";
    case ValueRule::call_type: return "are Segment call types";
    case ValueRule::event_name: return "look like event names";
    case ValueRule::identifier: return "look like ids";
    case ValueRule::text: return "are text";
  }
  return "fit";
}

struct Stats {
  size_t non_empty = 0;
  size_t fit = 0;
  std::string misfit;  // an example of a value that does not fit
  bool fits() const { return non_empty > 0 && fit * 10 >= non_empty * 9; }
};

Stats measure(const SampleField& field, ValueRule rule, EpochScale scale) {
  Stats s;
  TimestampParser parser;
  std::string buffer;
  for (const std::string& v : field.values) {
    if (v.empty()) continue;
    ++s.non_empty;
    bool ok = true;
    switch (rule) {
      case ValueRule::timestamp:
        ok = parser.parse(scaled_epoch(v, scale, buffer)).status == TimestampStatus::ok;
        break;
      case ValueRule::number: ok = is_whole_count(v); break;
      case ValueRule::decimal: {
        char* end = nullptr;
        std::strtod(v.c_str(), &end);
        ok = end == v.c_str() + v.size();
        break;
      }
      case ValueRule::call_type: ok = is_segment_call_type(v); break;
      case ValueRule::event_name: ok = !is_snowplow_event_type(v) && !looks_like_json_container(v); break;
      case ValueRule::identifier: ok = !looks_like_json_container(v); break;
      case ValueRule::text: break;
    }
    if (ok) ++s.fit;
    else if (s.misfit.empty()) s.misfit = v.substr(0, 40);
  }
  return s;
}

std::string why_not(const SampleField& field, const Stats& s, ValueRule rule, size_t rows) {
  if (s.non_empty == 0) return "'" + field.path + "' is empty in the " + std::to_string(rows) + " sampled records";
  if (rule == ValueRule::event_name && is_snowplow_event_type(s.misfit)) {
    return "'" + field.path + "' holds event types (e.g. '" + s.misfit + "'), not names";
  }
  return "only " + std::to_string(s.fit) + " of " + std::to_string(s.non_empty) + " values of '" + field.path +
         "' " + rule_words(rule) + " (e.g. '" + s.misfit + "')";
}

// CSV: an explicit name is a column, or a path inside a JSON column ("properties.$groups.company").
const SampleField* find_explicit(const SampleTable& sample, const std::string& path, RoleBinding& binding) {
  const SampleField* f = sample.find(path);
  if (f != nullptr) {
    binding.column = f->column;
    binding.subpath = f->subpath;
  }
  return f;
}

void split_explicit_csv(const SampleTable& sample, const std::string& path, RoleBinding& binding) {
  // Not in the sample: a path into a column whose JSON lacked it in the sampled rows.
  for (size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
    const SampleField* head = sample.find(path.substr(0, dot));
    if (head != nullptr && head->subpath.empty()) {
      binding.column = head->column;
      binding.subpath = path.substr(dot + 1);
      return;
    }
  }
}

}  // namespace

RoleDetection detect_roles(FileKind kind, const FieldMapping& mapping, const SampleTable& sample,
                           const SourceProfile& source) {
  RoleDetection out;
  const size_t rows = sample.rows();
  for (const RoleSpec& spec : roles_of(kind)) {
    RoleBinding binding;
    const ValueRule rule = rule_of(spec.role);
    const EpochScale scale = spec.role == role::timestamp && kind == FileKind::events ? source.timestamp_scale
                                                                                      : EpochScale::as_parsed;
    auto explicit_it = mapping.fields.find(spec.role);
    if (explicit_it != mapping.fields.end()) {
      const std::string& path = explicit_it->second;
      RoleChoice choice{std::string(spec.role), path, ChoiceReason::chosen_by_you, "--map " + std::string(spec.role) + "=" + path};
      const SampleField* f = find_explicit(sample, path, binding);
      if (f != nullptr) {
        const Stats s = measure(*f, rule, scale);
        if (!s.fits()) choice.detail += "; note: " + why_not(*f, s, rule, rows);
      }
      if (sample.csv()) {
        if (f == nullptr) split_explicit_csv(sample, path, binding);
        if (binding.column < 0) {
          out.missing += (out.missing.empty() ? "" : "; ") + std::string(spec.role) + " (mapped to '" + path + "')";
        }
      } else {
        binding.json_paths = {path};
      }
      if (spec.role == role::timestamp && f != nullptr) {
        for (const std::string& v : f->values) {
          if (!v.empty()) { out.timestamp_format = timestamp_style(v); break; }
        }
      }
      out.choices.push_back(std::move(choice));
      out.bindings.push_back(std::move(binding));
      continue;
    }
    // The candidates: the source's own columns first, then the generic names.
    std::vector<std::string_view> ordered;
    size_t from_source = 0;
    bool source_says_none = false;
    if (kind == FileKind::events) {
      for (const auto& [r, names] : source.candidates) {
        if (r != spec.role) continue;
        if (names.empty()) source_says_none = true;
        ordered.insert(ordered.end(), names.begin(), names.end());
      }
    }
    from_source = ordered.size();
    if (!source_says_none) {
      for (std::string_view c : spec.candidates) {
        bool seen = false;
        for (std::string_view o : ordered) seen = seen || iequals(o, c);
        if (!seen) ordered.push_back(c);
      }
    }
    const SampleField* chosen = nullptr;
    size_t chosen_rank = 0;
    Stats chosen_stats;
    std::string passed_over;
    std::vector<std::pair<const SampleField*, Stats>> present;
    for (size_t i = 0; i < ordered.size(); ++i) {
      const SampleField* f = sample.find(ordered[i]);
      if (f == nullptr) continue;
      bool duplicate = false;
      for (const auto& p : present) duplicate = duplicate || p.first == f;
      if (duplicate) continue;
      const Stats s = measure(*f, rule, scale);
      present.emplace_back(f, s);
      if (chosen == nullptr && s.fits()) {
        chosen = f;
        chosen_rank = i;
        chosen_stats = s;
      } else if (chosen == nullptr) {
        passed_over += (passed_over.empty() ? "" : "; ") + why_not(*f, s, rule, rows);
      }
    }
    // Nothing fits: the first column with values still beats none (its rows get rejected with
    // the reason), except where a wrong guess would change the meaning of the rows.
    // And when every candidate is empty in the sample, the first one is kept: its rows are
    // rejected with their own reason (missing_entity, ...), counted, and later rows may have values.
    const bool meaning_changes = rule == ValueRule::call_type || spec.role == role::count;
    // A count column is taken when most of its values are counts: its odd rows are rejected.
    for (size_t i = 0; i < ordered.size() && chosen == nullptr && spec.role == role::count; ++i) {
      const SampleField* f = sample.find(ordered[i]);
      if (f == nullptr) continue;
      const Stats s = measure(*f, rule, scale);
      if (s.fit * 2 > s.non_empty) {
        chosen = f;
        chosen_rank = i;
        chosen_stats = s;
      }
    }
    for (int pass = 0; pass < 2 && chosen == nullptr && !meaning_changes; ++pass) {
      for (size_t i = 0; i < ordered.size() && chosen == nullptr; ++i) {
        const SampleField* f = sample.find(ordered[i]);
        if (f == nullptr || (pass == 0 && f->non_empty == 0)) continue;
        chosen = f;
        chosen_rank = i;
        chosen_stats = measure(*f, rule, scale);
      }
    }
    if (chosen != nullptr) {
      RoleChoice choice{std::string(spec.role), chosen->path, ChoiceReason::header_name, ""};
      if (chosen_rank < from_source) {
        choice.reason = ChoiceReason::known_source;
        choice.detail = source.name + " column; ";
      } else if (!passed_over.empty()) {
        choice.reason = ChoiceReason::values;
      }
      choice.detail += std::to_string(chosen_stats.fit) + " of " + std::to_string(rows) + " sampled values " +
                       rule_words(rule);
      if (chosen_stats.non_empty < rows) choice.detail += " (" + std::to_string(rows - chosen_stats.non_empty) + " empty)";
      if (!passed_over.empty()) choice.detail += "; passed over: " + passed_over;
      binding.column = chosen->column;
      binding.subpath = chosen->subpath;
      const bool events_timestamp = spec.role == role::timestamp && kind == FileKind::events;
      if ((spec.role == role::user || spec.role == role::event || events_timestamp) && sample.csv()) {
        // Rows without the chosen id (anonymous visitors) fall back to the next id column; rows
        // without a name to the next name column (Snowplow: event_name empty -> the event type);
        // rows without the chosen time to the next time column (Snowplow: derived_tstamp ->
        // collector_tstamp; Segment: timestamp -> original_timestamp).
        for (const auto& [f, s] : present) {
          const bool usable = spec.role == role::event ? s.non_empty > 0 : s.fits();
          if (f != chosen && usable && f->subpath.empty() && chosen->subpath.empty()) {
            binding.fallback_column = f->column;
            choice.detail += "; rows without it use '" + f->path + "'";
            break;
          }
        }
      }
      if (spec.role == role::timestamp && kind == FileKind::events) {
        for (const std::string& v : chosen->values) {
          if (v.empty()) continue;
          out.timestamp_format = timestamp_style(v);
          if (scale == EpochScale::microseconds) out.timestamp_format = "epoch microseconds (" + source.name + ")";
          break;
        }
      }
      out.choices.push_back(std::move(choice));
    } else if (sample.csv() && spec.required && !(source_says_none && !source.row_type.empty())) {
      std::string tried;
      for (std::string_view c : ordered) tried += " " + std::string(c);
      out.missing += (out.missing.empty() ? "" : "; ") + std::string(spec.role) + " (tried" + tried + ")";
      if (!passed_over.empty()) out.missing += ": " + passed_over;
    }
    if (!sample.csv()) {
      // JSON records differ in their fields: the chosen path first, then the other candidates,
      // except those whose sampled values do not fit the role (Snowplow's `event` type).
      if (chosen != nullptr) binding.json_paths.push_back(chosen->path);
      for (std::string_view c : ordered) {
        const SampleField* f = sample.find(c);
        if (f == chosen && f != nullptr) continue;
        bool unfit = false;
        for (const auto& [pf, s] : present) unfit = unfit || (pf == f && s.non_empty > 0 && !s.fits());
        if (!unfit) binding.json_paths.emplace_back(c);
      }
    }
    out.bindings.push_back(std::move(binding));
  }
  if (kind == FileKind::events && sample.csv()) {
    const size_t account = role_index(kind, role::account);
    const size_t user = role_index(kind, role::user);
    if (out.bindings[account].column < 0 && out.bindings[user].column < 0) {
      out.missing += (out.missing.empty() ? "" : "; ") + std::string("account or user");
    }
  }
  return out;
}

}  // namespace pqlscope
