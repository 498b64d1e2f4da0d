// The outcomes CSV reader (pqlscope's CsvReader underneath).
#include "pqlscope/segments/outcomes.hpp"

#include <optional>

#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/text.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

std::optional<bool> parse_converted(std::string_view text) {
  text = trim(text);
  for (std::string_view w : {"yes", "y", "true", "t", "1", "won", "converted", "closed_won"})
    if (iequals(text, w)) return true;
  for (std::string_view w : {"no", "n", "false", "f", "0", "lost", "not_converted", "closed_lost", "churned"})
    if (iequals(text, w)) return false;
  return std::nullopt;
}

int find_column(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (iequals(trim(header[i]), name)) return static_cast<int>(i);
    }
  }
  return -1;
}

class OutcomeSink : public CsvSink {
 public:
  explicit OutcomeSink(OutcomesReadResult& out) : out_(out) {}

  void on_record(const CsvRecord& record) override {
    if (failed_) return;
    if (!have_header_) {
      std::vector<std::string> header(record.fields.begin(), record.fields.end());
      account_ = find_column(header, {"account_id", "account", "id", "group_id", "company_id"});
      converted_ = find_column(header, {"converted", "outcome", "won", "is_converted", "label"});
      date_ = find_column(header, {"date", "converted_at", "closed_at", "outcome_date", "decided_at"});
      have_header_ = true;
      if (account_ < 0 || converted_ < 0) {
        failed_ = true;
        out_.errors.push_back(std::string("line 1: the header needs ") +
                              (account_ < 0 ? "an account column (account_id, account, id, ...)" : "") +
                              (account_ < 0 && converted_ < 0 ? " and " : "") +
                              (converted_ < 0 ? "a converted column (converted, outcome, won, ...)" : ""));
      }
      return;
    }
    const std::string where = "line " + std::to_string(record.line) + ": ";
    if (record.fields.size() == 1 && trim(record.fields[0]).empty()) return;  // blank line
    auto field = [&](int i) -> std::string_view {
      return i >= 0 && static_cast<std::size_t>(i) < record.fields.size() ? trim(record.fields[i]) : std::string_view();
    };
    Outcome o;
    o.account = std::string(field(account_));
    if (o.account.empty()) {
      out_.errors.push_back(where + "account: empty");
      return;
    }
    const auto converted = parse_converted(field(converted_));
    if (!converted) {
      out_.errors.push_back(where + "converted: expected yes or no, got \"" + std::string(field(converted_)) + "\"");
      return;
    }
    o.converted = *converted;
    if (date_ >= 0 && !field(date_).empty()) {
      const ParsedTimestamp t = parser_.parse(field(date_));
      if (t.status != TimestampStatus::ok) {
        out_.errors.push_back(where + "date: " + describe(t.status) + " \"" + std::string(field(date_)) + "\"");
        return;
      }
      o.at = t.millis;
    }
    out_.outcomes.push_back(std::move(o));
  }

  void on_csv_error(const CsvRecord& record, IngestErrorCode, size_t, std::string message, bool) override {
    out_.errors.push_back("line " + std::to_string(record.line) + ": " + message);
  }

 private:
  OutcomesReadResult& out_;
  TimestampParser parser_;
  bool have_header_ = false;
  bool failed_ = false;
  int account_ = -1, converted_ = -1, date_ = -1;
};

}  // namespace

OutcomesReadResult read_outcomes_csv(std::string_view text, char delimiter) {
  OutcomesReadResult out;
  OutcomeSink sink(out);
  CsvReader::Options options;
  options.delimiter = delimiter;
  CsvReader reader(options, sink);
  reader.feed(text);
  reader.finish();
  return out;
}

}  // namespace pqlscope
