// Reproduces nlohmann's dump(2) layout by hand at the two levels that are streamed (the top-level
// object and its "accounts" / "users" arrays) and lets dump(2) format everything inside a
// member or an element, re-indented. Re-indenting is inserting spaces after every newline: the
// dump escapes newlines inside strings, so every raw newline is layout.
#include "pqlscope/report/report_writer.hpp"

#include <algorithm>
#include <ostream>

#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {

using ojson = nlohmann::ordered_json;

namespace {

void append_indented(std::string& out, const ojson& value, const char* indent) {
  const std::string text = value.dump(2, ' ', false, ojson::error_handler_t::replace);
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += indent;
  }
}

}  // namespace

ReportWriter::ReportWriter(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                           ReportOptions options, ojson extra)
    : aggregates_(aggregates), model_(model), result_(result), options_(options), extra_(std::move(extra)) {}

void ReportWriter::member(std::string& out, const std::string& key, const ojson& value) {
  out += first_member_ ? "{\n  " : ",\n  ";
  first_member_ = false;
  out += ojson(key).dump();
  out += ": ";
  append_indented(out, value, "  ");
}

void ReportWriter::open_array(std::string& out, const char* key, size_t size) {
  out += first_member_ ? "{\n  " : ",\n  ";
  first_member_ = false;
  out += ojson(key).dump();
  out += size == 0 ? ": []" : ": [\n    ";
}

void ReportWriter::array_element(std::string& out, const ojson& value, size_t index, size_t size) {
  append_indented(out, value, "    ");
  out += index + 1 < size ? ",\n    " : "\n  ]";
}

bool ReportWriter::next(std::string& out, size_t batch) {
  if (batch == 0) batch = 1;
  switch (phase_) {
    case Phase::head: {
      const ojson head = report_head_json(aggregates_, model_, result_);
      for (auto it = head.begin(); it != head.end(); ++it) member(out, it.key(), it.value());
      memberships_ = result_.segments.memberships();
      open_array(out, "accounts", aggregates_.accounts.size());
      phase_ = Phase::accounts;
      return true;
    }
    case Phase::accounts: {
      const size_t size = aggregates_.accounts.size();
      const size_t stop = std::min(size, next_index_ + batch);
      for (; next_index_ < stop; ++next_index_) {
        array_element(out, account_report_json(aggregates_, model_, result_, next_index_, memberships_[next_index_], options_),
                      next_index_, size);
      }
      if (next_index_ >= size) {
        memberships_ = {};
        next_index_ = 0;
        phase_ = Phase::sections;
      }
      if (size > 0) return true;
      [[fallthrough]];
    }
    case Phase::sections: {
      const ojson sections = report_sections_json(aggregates_, model_, result_);
      for (auto it = sections.begin(); it != sections.end(); ++it) member(out, it.key(), it.value());
      phase_ = options_.include_users ? Phase::users : Phase::extra;
      if (options_.include_users) open_array(out, "users", aggregates_.users.size());
      return true;
    }
    case Phase::users: {
      const size_t size = aggregates_.users.size();
      const size_t stop = std::min(size, next_index_ + batch);
      for (; next_index_ < stop; ++next_index_) {
        array_element(out, user_report_json(aggregates_, model_, result_, next_index_, options_), next_index_, size);
      }
      if (next_index_ >= size) phase_ = Phase::extra;
      if (size > 0) return true;
      [[fallthrough]];
    }
    case Phase::extra:
      for (auto it = extra_.begin(); it != extra_.end(); ++it) member(out, it.key(), it.value());
      phase_ = Phase::end;
      if (!extra_.empty()) return true;
      [[fallthrough]];
    case Phase::end:
      out += "\n}\n";
      phase_ = Phase::done;
      return true;
    case Phase::done:
      return false;
  }
  return false;
}

void write_report(std::ostream& out, const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                  const ReportOptions& options, const ojson& extra) {
  ReportWriter writer(aggregates, model, result, options, extra);
  std::string piece;
  while (writer.next(piece)) {
    out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    piece.clear();
  }
}

std::string report_text(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                        const ReportOptions& options) {
  ReportWriter writer(aggregates, model, result, options);
  std::string text;
  while (writer.next(text)) {
  }
  return text;
}

}  // namespace pqlscope
