// The kind of a file (events, accounts, communications) from its sampled fields and values.
#include <memory>

#include "column_sampling.hpp"
#include "pqlscope/ingest/field_mapping.hpp"
#include "pqlscope/ingest/kind_guess.hpp"
#include "pqlscope/io/csv_reader.hpp"
#include "pqlscope/io/json_reader.hpp"
#include "pqlscope/io/text.hpp"
#include "role_detection.hpp"
#include "source_recognition.hpp"

namespace pqlscope {
namespace {

// The first of `names` present with values in the sample.
const SampleField* first_filled(const SampleTable& sample, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    const SampleField* f = sample.find(n);
    if (f != nullptr && f->non_empty > 0) return f;
  }
  return nullptr;
}

std::string quoted_list(const std::vector<const SampleField*>& fields) {
  std::string out;
  for (const SampleField* f : fields) out += (out.empty() ? "'" : ", '") + f->path + "'";
  return out;
}

// Collects the first records of a head of bytes into a SampleTable.
class HeadSampler final : public CsvSink, public JsonSink {
 public:
  explicit HeadSampler(SampleTable& sample) : sample_(sample) {}
  void on_record(const CsvRecord& record) override {
    if (sample_.rows() >= kSampleRecords) return;
    if (!header_) {
      header_ = true;
      std::vector<std::string> names(record.fields.begin(), record.fields.end());
      sample_.set_header(names);
      return;
    }
    sample_.add_csv_row(record.fields);
  }
  void on_csv_error(const CsvRecord&, IngestErrorCode, size_t, std::string, bool) override {}
  void on_json_record(const JsonRecord& record) override {
    if (sample_.rows() >= kSampleRecords) return;
    const auto object = nlohmann::json::parse(record.text, nullptr, false);
    if (!object.is_discarded() && object.is_object()) sample_.add_json_object(object);
  }
  void on_json_error(const JsonRecord&, IngestErrorCode, size_t, std::string, bool) override {}

 private:
  SampleTable& sample_;
  bool header_ = false;
};

}  // namespace

KindGuess guess_kind(const SampleTable& sample, const SourceProfile& source) {
  KindGuess guess;
  const SampleField* event = first_filled(sample, {"event_name", "event", "event_type", "event_text",
                                                   "event_table_name", "action", "feature_id", "page_id"});
  const SampleField* time = first_filled(sample, {"timestamp", "event_time", "time", "ts", "derived_tstamp",
                                                  "collector_tstamp", "event_timestamp", "properties.time",
                                                  "originalTimestamp", "received_at", "sent_at", "created_at", "date"});
  if (!source.id.empty()) {
    guess.kind = "events";
    guess.confident = true;
    guess.reason = "recognised as " + source.name + " (" + source.reason + ")";
    return guess;
  }
  if (event != nullptr) {
    guess.kind = "events";
    guess.confident = true;
    guess.reason = "has an event name ('" + event->path + "')" +
                   (time != nullptr ? " and a timestamp ('" + time->path + "')" : std::string());
    return guess;
  }
  std::vector<const SampleField*> firmographics;
  for (std::string_view n : {"domain", "website", "employees", "employee_count", "industry", "plan", "arr", "mrr",
                             "deal_value", "seats", "signup_at", "trial_ends_at", "company_name", "account_name"}) {
    const SampleField* f = sample.find(n);
    if (f != nullptr && f->non_empty > 0) firmographics.push_back(f);
  }
  const SampleField* id = first_filled(sample, {"account_id", "id", "group_id", "company_id", "groupId"});
  if (id != nullptr && firmographics.size() >= 2) {
    guess.kind = "accounts";
    guess.confident = true;
    guess.reason = "no event name; an account id ('" + id->path + "') and account facts (" +
                   quoted_list(firmographics) + ")";
    return guess;
  }
  const SampleField* channel = first_filled(sample, {"channel", "medium", "sentiment", "tone"});
  if (channel != nullptr && time != nullptr) {
    guess.kind = "communications";
    guess.confident = true;
    guess.reason = "no event name; a channel or sentiment ('" + channel->path + "') and a timestamp ('" +
                   time->path + "')";
    return guess;
  }
  guess.reason = "no event name, account facts or channel found; assumed events";
  return guess;
}

KindGuess guess_file_kind(std::string_view head) {
  SampleTable sample;
  HeadSampler sampler(sample);
  const InputFormat format = detect_format(head);
  // A head cut mid-record: the last, incomplete line is left out.
  std::string_view complete = head;
  const size_t last_newline = head.rfind('\n');
  if (last_newline != std::string_view::npos) complete = head.substr(0, last_newline + 1);
  if (format == InputFormat::csv || format == InputFormat::tsv) {
    CsvReader::Options o;
    o.delimiter = sniff_delimiter(head);  // as the ingest does (file_ingest.cpp)
    CsvReader reader(o, sampler);
    reader.feed(complete);
    reader.finish();
  } else {
    JsonRecordReader::Options o;
    o.layout = format == InputFormat::json_array ? JsonRecordReader::Layout::array : JsonRecordReader::Layout::lines;
    JsonRecordReader reader(o, sampler);
    reader.feed(complete);
    if (format != InputFormat::json_array) reader.finish();
  }
  sample.finish();
  return guess_kind(sample, recognise_source(sample));
}

}  // namespace pqlscope
