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

// Timestamps: the column's day/month order is what the mapping fixes or, else, what the
// sample's values prove as a whole (date_order_from_sample), so that ambiguous values ahead of
// the proving one count as fitting, as they will parse when the rows are mapped.
Stats measure(const SampleField& field, ValueRule rule, EpochScale scale, DateOrder fixed_order) {
  Stats s;
  TimestampParser parser;
  if (rule == ValueRule::timestamp) {
    parser.set_date_order(fixed_order);
    if (fixed_order == DateOrder::undecided) parser.seed_date_order(date_order_from_sample(field.values).order);
  }
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
      case ValueRule::event_name: ok = !looks_like_json_container(v); break;
      case ValueRule::identifier: ok = !looks_like_json_container(v); break;
      case ValueRule::text: break;
    }
    if (ok) ++s.fit;
    else if (s.misfit.empty()) s.misfit = v.substr(0, 40);
  }
  if (rule == ValueRule::event_name) {
    // Snowplow's `event` column holds event types. Only the column as a whole tells: page_view
    // is both a type and a fine event name, but a column of nothing but types, some of them
    // the generic `unstruct` / `struct`, names no events (their names are in event_name).
    bool all_types = s.non_empty > 0;
    bool generic = false;
    for (const std::string& v : field.values) {
      if (v.empty()) continue;
      all_types = all_types && is_snowplow_event_type(v);
      generic = generic || iequals(v, "unstruct") || iequals(v, "struct");
    }
    if (all_types && generic) {
      s.fit = 0;
      for (const std::string& v : field.values) {
        if (iequals(v, "unstruct") || iequals(v, "struct")) { s.misfit = v; break; }
      }
    }
  }
  return s;
}

std::string why_not(const SampleField& field, const Stats& s, ValueRule rule, size_t rows) {
  if (s.non_empty == 0) return "'" + field.path + "' is empty in the " + std::to_string(rows) + " sampled records";
  if (rule == ValueRule::event_name && s.fit == 0 && is_snowplow_event_type(s.misfit)) {
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

std::string first_value(const SampleField& field) {
  for (const std::string& v : field.values) {
    if (!v.empty()) return v;
  }
  return "";
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

// A candidate present in the sample, with its rank in the candidate order and its values' fit.
struct Candidate {
  const SampleField* field;
  size_t rank;
  Stats stats;
};

// The role's candidate names: the source's own columns first, then the generic names. An
// empty list from the source means that no column fills the role in that source.
std::vector<std::string_view> candidate_order(FileKind kind, const RoleSpec& spec, const SourceProfile& source,
                                              size_t& from_source, bool& source_says_none) {
  std::vector<std::string_view> ordered;
  source_says_none = false;
  if (kind == FileKind::events) {
    for (const auto& entry : source.candidates) {
      if (entry.first != spec.role) continue;
      source_says_none = source_says_none || entry.second.empty();
      ordered.insert(ordered.end(), entry.second.begin(), entry.second.end());
    }
  }
  from_source = ordered.size();
  if (source_says_none) return ordered;
  for (std::string_view c : spec.candidates) {
    bool seen = false;
    for (std::string_view o : ordered) seen = seen || iequals(o, c);
    if (!seen) ordered.push_back(c);
  }
  return ordered;
}

// 1. the first candidate whose values fit; 2. a count column whose values are mostly counts;
// 3. the first with values at all (its rows are rejected with their reason); 4. when every
// candidate is empty in the sample, the first (its rows are rejected and counted, later rows
// may have values). Steps 3-4 are skipped where a wrong guess would change what a row means.
const Candidate* pick(const std::vector<Candidate>& present, std::string_view role, ValueRule rule) {
  for (const Candidate& c : present) {
    if (c.stats.fits()) return &c;
  }
  if (role == role::count) {
    for (const Candidate& c : present) {
      if (c.stats.fit * 2 > c.stats.non_empty) return &c;
    }
    return nullptr;
  }
  if (rule == ValueRule::call_type) return nullptr;
  for (const Candidate& c : present) {
    if (c.stats.non_empty > 0) return &c;
  }
  return present.empty() ? nullptr : &present.front();
}

// Group types are named by each product (PostHog's `$groups`, Amplitude's `groups`: company,
// organization, workspace, project, ...): after the named candidates, the account may be any
// group type found in the sample, in the sample's field order.
void add_group_paths(const SampleTable& sample, std::vector<std::string_view>& ordered) {
  for (const SampleField& f : sample.fields()) {
    const std::string_view path = f.path;
    std::string lower(path);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const size_t at = lower.rfind("groups.");
    if (at == std::string_view::npos) continue;
    const bool named_groups = at == 0 || path[at - 1] == '.' || (path[at - 1] == '$' && (at == 1 || path[at - 2] == '.'));
    // One level below the groups object: its value is the group's key (or its first key).
    if (!named_groups || path.find('.', at + 7) != std::string_view::npos || path.size() == at + 7) continue;
    bool seen = false;
    for (std::string_view o : ordered) seen = seen || iequals(o, path);
    if (!seen) ordered.push_back(path);
  }
}

void append(std::string& list, const std::string& item) { list += (list.empty() ? "" : "; ") + item; }

// A time role's day/month order, decided from its chosen field's sampled values (or fixed by
// the mapping), said in the role's detail and, for the file, in the explanation.
void decide_date_order(const SampleField& field, const FieldMapping& mapping, bool events_timestamp,
                       size_t role, RoleChoice& choice, RoleDetection& out) {
  const DateOrderEvidence evidence = date_order_from_sample(field.values);
  if (evidence.slash_dates == 0) return;
  std::string reason;
  DateOrder order = evidence.order;
  if (mapping.date_order != DateOrder::undecided) {
    order = mapping.date_order;
    reason = std::string(order == DateOrder::day_first ? "day/month" : "month/day") + ": chosen by you (--date-order " +
             date_order_name(order) + ")";
  } else {
    reason = evidence.reason();
    out.date_orders[role] = evidence.order;
  }
  choice.detail += "; " + reason;
  if (events_timestamp) {
    if (order != DateOrder::undecided) {
      out.timestamp_format = order == DateOrder::day_first ? "day/month date" : "month/day date";
    }
  }
  if (events_timestamp || out.date_order_reason.empty()) {
    out.date_order = order;
    out.date_order_reason = choice.role + ": " + reason;
  }
}

}  // namespace

RoleDetection detect_roles(FileKind kind, const FieldMapping& mapping, const SampleTable& sample,
                           const SourceProfile& source) {
  RoleDetection out;
  const size_t rows = sample.rows();
  out.date_orders.assign(roles_of(kind).size(), DateOrder::undecided);
  for (const RoleSpec& spec : roles_of(kind)) {
    const size_t role_at = out.bindings.size();
    RoleBinding binding;
    const ValueRule rule = rule_of(spec.role);
    const bool events_timestamp = spec.role == role::timestamp && kind == FileKind::events;
    const EpochScale scale = events_timestamp ? source.timestamp_scale : EpochScale::as_parsed;
    auto explicit_it = mapping.fields.find(spec.role);
    if (explicit_it != mapping.fields.end()) {
      const std::string& path = explicit_it->second;
      RoleChoice choice{std::string(spec.role), path, ChoiceReason::chosen_by_you, "--map " + std::string(spec.role) + "=" + path};
      const SampleField* f = find_explicit(sample, path, binding);
      if (f != nullptr) {
        const Stats s = measure(*f, rule, scale, mapping.date_order);
        if (!s.fits()) choice.detail += "; note: " + why_not(*f, s, rule, rows);
        if (events_timestamp) out.timestamp_format = timestamp_style(first_value(*f));
        if (rule == ValueRule::timestamp) decide_date_order(*f, mapping, events_timestamp, role_at, choice, out);
      }
      if (sample.csv()) {
        if (f == nullptr) split_explicit_csv(sample, path, binding);
        if (binding.column < 0) append(out.missing, std::string(spec.role) + " (mapped to '" + path + "')");
      } else {
        binding.json_paths = {path};
      }
      out.choices.push_back(std::move(choice));
      out.bindings.push_back(std::move(binding));
      continue;
    }
    size_t from_source = 0;
    bool source_says_none = false;
    std::vector<std::string_view> ordered = candidate_order(kind, spec, source, from_source, source_says_none);
    if (kind == FileKind::events && spec.role == role::account && !source_says_none) add_group_paths(sample, ordered);
    std::vector<Candidate> present;
    for (size_t i = 0; i < ordered.size(); ++i) {
      const SampleField* f = sample.find(ordered[i]);
      bool duplicate = false;
      for (const Candidate& c : present) duplicate = duplicate || c.field == f;
      if (f != nullptr && !duplicate) present.push_back(Candidate{f, i, measure(*f, rule, scale, mapping.date_order)});
    }
    const Candidate* chosen = pick(present, spec.role, rule);
    std::string passed_over;  // the candidates named before the chosen one, and why they lost
    for (const Candidate& c : present) {
      if (chosen != nullptr && c.rank >= chosen->rank) break;
      append(passed_over, why_not(*c.field, c.stats, rule, rows));
    }
    if (chosen != nullptr) {
      RoleChoice choice{std::string(spec.role), chosen->field->path, ChoiceReason::header_name, ""};
      if (chosen->rank < from_source) {
        choice.reason = ChoiceReason::known_source;
        choice.detail = source.name + " column; ";
      } else if (!passed_over.empty()) {
        choice.reason = ChoiceReason::values;
      }
      choice.detail += std::to_string(chosen->stats.fit) + " of " + std::to_string(rows) + " sampled values " +
                       rule_words(rule);
      if (chosen->stats.non_empty < rows) {
        choice.detail += " (" + std::to_string(rows - chosen->stats.non_empty) + " empty)";
      }
      if (!passed_over.empty()) choice.detail += "; passed over: " + passed_over;
      binding.column = chosen->field->column;
      binding.subpath = chosen->field->subpath;
      if ((spec.role == role::user || spec.role == role::event || events_timestamp) && sample.csv()) {
        // Rows without the chosen id (anonymous visitors) read the next id column; rows without
        // a name the next name column (Snowplow: event_name empty -> the event type); rows
        // without the chosen time the next time column (Snowplow: derived_tstamp ->
        // collector_tstamp; Segment tables: timestamp -> original_timestamp).
        for (const Candidate& c : present) {
          const bool usable = spec.role == role::event ? c.stats.non_empty > 0 : c.stats.fits();
          if (&c != chosen && usable && c.field->subpath.empty() && chosen->field->subpath.empty()) {
            binding.fallback_column = c.field->column;
            choice.detail += "; rows without it use '" + c.field->path + "'";
            break;
          }
        }
      }
      if (events_timestamp) {
        out.timestamp_format = scale == EpochScale::microseconds ? "epoch microseconds (" + source.name + ")"
                                                                 : timestamp_style(first_value(*chosen->field));
      }
      if (rule == ValueRule::timestamp) decide_date_order(*chosen->field, mapping, events_timestamp, role_at, choice, out);
      out.choices.push_back(std::move(choice));
    } else if (sample.csv() && spec.required && !(source_says_none && !source.row_type.empty())) {
      std::string tried;
      for (std::string_view c : ordered) tried += " " + std::string(c);
      append(out.missing, std::string(spec.role) + " (tried" + tried + ")" + (passed_over.empty() ? "" : ": " + passed_over));
    }
    if (!sample.csv()) {
      // JSON records differ in their fields: the chosen path first, then the other candidates,
      // except those whose sampled values do not fit the role (Snowplow's `event` type).
      if (chosen != nullptr) binding.json_paths.push_back(chosen->field->path);
      for (std::string_view name : ordered) {
        const SampleField* f = sample.find(name);
        bool skip = chosen != nullptr && f == chosen->field;
        for (const Candidate& c : present) skip = skip || (c.field == f && c.stats.non_empty > 0 && !c.stats.fits());
        if (!skip) binding.json_paths.emplace_back(name);
      }
    }
    out.bindings.push_back(std::move(binding));
  }
  if (kind == FileKind::events && sample.csv() && out.bindings[role_index(kind, role::account)].column < 0 &&
      out.bindings[role_index(kind, role::user)].column < 0) {
    append(out.missing, "account or user");
  }
  return out;
}

}  // namespace pqlscope
