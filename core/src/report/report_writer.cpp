#include "pqlscope/report/report_writer.hpp"

#include <algorithm>
#include <ostream>

#include "pqlscope/report/history_json.hpp"
#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {

using ojson = nlohmann::ordered_json;

ReportWriter::ReportWriter(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                           ReportOptions options, ojson extra)
    : aggregates_(aggregates),
      model_(model),
      result_(result),
      options_(options),
      extra_(std::move(extra)),
      json_(options.pretty) {}

void ReportWriter::members(const ojson& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    json_.key(it.key());
    json_.value(it.value());
  }
}

bool ReportWriter::next(std::string& out, size_t batch) {
  if (batch == 0) batch = 1;
  json_.set_output(out);
  switch (phase_) {
    case Phase::head:
      json_.begin_object();
      members(report_head_json(aggregates_, model_, result_));
      memberships_ = result_.segments.memberships();
      json_.key("accounts");
      json_.begin_array();
      phase_ = Phase::accounts;
      return true;
    case Phase::accounts: {
      const size_t size = aggregates_.accounts.size();
      const size_t stop = std::min(size, next_index_ + batch);
      for (; next_index_ < stop; ++next_index_) {
        write_account_report(json_, aggregates_, model_, result_, next_index_, memberships_[next_index_], options_);
      }
      if (next_index_ >= size) {
        json_.end_array();
        memberships_ = {};
        next_index_ = 0;
        phase_ = Phase::sections;
      }
      if (size > 0) return true;
      [[fallthrough]];
    }
    case Phase::sections:
      members(report_sections_json(aggregates_, model_, result_));
      phase_ = options_.include_users ? Phase::users : Phase::history;
      if (options_.include_users) {
        json_.key("users");
        json_.begin_array();
      }
      return true;
    case Phase::users: {
      const size_t size = aggregates_.users.size();
      const size_t stop = std::min(size, next_index_ + batch);
      for (; next_index_ < stop; ++next_index_) {
        write_user_report(json_, aggregates_, model_, result_, next_index_, options_);
      }
      if (next_index_ >= size) {
        json_.end_array();
        phase_ = Phase::history;
      }
      if (size > 0) return true;
      [[fallthrough]];
    }
    case Phase::history:
      phase_ = Phase::extra;
      if (options_.include_history) {
        if (options_.history_source) write_history_member(json_, aggregates_, options_.history_source(), options_.history_users);
        else write_history_member(json_, aggregates_, compute_report_history(aggregates_, model_, result_, options_), options_.history_users);
        return true;
      }
      [[fallthrough]];
    case Phase::extra:
      members(extra_);
      phase_ = Phase::end;
      if (!extra_.empty()) return true;
      [[fallthrough]];
    case Phase::end:
      json_.end_object();
      out += '\n';
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
