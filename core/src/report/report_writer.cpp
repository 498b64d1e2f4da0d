#include "pqlscope/report/report_writer.hpp"

#include <algorithm>
#include <exception>
#include <ostream>

#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/report/batch_share.hpp"
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

namespace {

void write_members(JsonWriter& json, const ojson& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    json.key_text(it.key());
    json.value(it.value());
  }
}

// A writer into `text` in the state of the report's writer after its first top-level member
// (one object open, something written in it): what it writes next starts with the separator.
JsonWriter after_first_member(bool pretty, RenderedText& text) {
  JsonWriter json(pretty);
  std::string opening;  // the '{' of the report, written by the report's own writer
  json.set_output(opening);
  json.begin_object();
  json.count_written(1);
  json.set_output(text);
  return json;
}

// Batches per thread in one window: two balance uneven batches; more made the window outgrow
// the cache (each byte is written once into a piece and copied once into `out`) and cost more
// CPU than the fewer thread starts saved (docs/performance.md, "The report").
constexpr size_t kBatchesPerThread = 2;
}  // namespace

ReportWriter::~ReportWriter() {
  if (options_.batch_share != nullptr) options_.batch_share->stop();
}

void ReportWriter::members(const ojson& object) { write_members(json_, object); }

// Appends text rendered apart (report_sections_text / report_history_text) after what this
// writer has written: it then stands where the text ends, inside the report's object.
// Handed over instead (hand_over_rendered_texts), it ends the piece: what follows it in the
// report is written by the next call.
void ReportWriter::append_rendered(std::string& out, const RenderedText& text) {
  json_.flush();
  if (hand_over_rendered_) {
    rendered_after_ = text;
    return;
  }
  for (const std::string& block : text) out += block;
}

RenderedText report_sections_text(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                                  bool pretty) {
  RenderedText text;
  JsonWriter json = after_first_member(pretty, text);
  write_report_sections(json, aggregates, model, result);
  json.flush();
  return text;
}

RenderedText report_history_text(const Aggregates& aggregates, const ReportHistory& history, bool pretty,
                                 bool users) {
  RenderedText text;
  JsonWriter json = after_first_member(pretty, text);
  write_history_member(json, aggregates, history, users);
  json.flush();
  return text;
}

// Elements [next_index_, ...) of the open array, as many as one call writes. One thread: `batch`
// straight into `out`. More: a window of batches, each rendered by a writer continuing this
// one's array, the first straight into `out` (no other job touches it), the others into their
// own strings appended in order: the bytes are those of one thread.
template <class Write>
void ReportWriter::write_elements(std::string& out, size_t size, size_t batch, const Write& write) {
  if (options_.batch_share != nullptr) {
    shared_elements(out, size, batch, write);
    return;
  }
  if (options_.threads <= 1) {
    const size_t stop = std::min(size, next_index_ + batch);
    for (; next_index_ < stop; ++next_index_) write(json_, next_index_);
    return;
  }
  json_.flush();  // its bytes precede the batches' in `out`
  const size_t begin = next_index_;
  const size_t count = std::min((size - begin + batch - 1) / batch, size_t{options_.threads} * kBatchesPerThread);
  if (pieces_.size() < count) pieces_.resize(count);
  std::vector<std::exception_ptr> failures(count);
  run_on_threads(count, options_.threads, [&](size_t k) {
    try {
      const size_t from = begin + k * batch;
      const size_t to = std::min(size, from + batch);
      std::string& text = k == 0 ? out : pieces_[k];
      if (k != 0) text.clear();
      JsonWriter writer = json_.continued(from - begin);
      writer.set_output(text);
      for (size_t i = from; i < to; ++i) write(writer, i);
      writer.flush();
    } catch (...) {
      failures[k] = std::current_exception();  // an exception must not leave a worker thread
    }
  });
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (hand_over_rendered_) {
    if (count > 1) rendered_after_ = std::span<const std::string>(pieces_.data() + 1, count - 1);
  } else {
    for (size_t k = 1; k < count; ++k) out += pieces_[k];
  }
  next_index_ = std::min(size, begin + count * batch);
  json_.count_written(next_index_ - begin);
}

// One batch of the phase per call, the writer's own, after the helpers' batches that precede it
// (waited for); the call that finds every batch claimed takes the rest and ends the phase.
template <class Write>
void ReportWriter::shared_elements(std::string& out, size_t size, size_t batch, const Write& write) {
  if (next_index_ >= size) return;  // the phase has ended: the caller closes the array
  BatchShare& share = *options_.batch_share;
  json_.flush();  // its bytes precede the batches'
  if (!share.phase_open()) {
    phase_begin_ = next_index_;
    phase_batch_ = batch;
    phase_base_.emplace(json_.continued(0));
    share.open_phase((size - phase_begin_ + batch - 1) / batch, [this, write, batch, size](size_t k, std::string& text) {
      JsonWriter writer = phase_base_->continued(k * batch);
      writer.set_output(text);
      const size_t from = phase_begin_ + k * batch;
      for (size_t i = from, to = std::min(size, from + batch); i < to; ++i) write(writer, i);
      writer.flush();
    });
  }
  size_t handed = 0;
  if (const std::optional<size_t> k = share.claim()) {
    own_.clear();
    share.render(*k, own_);
    share.take_rendered(*k, handed_, handed);
    if (handed_.size() <= handed) handed_.resize(handed + 1);
    handed_[handed++].swap(own_);
    share.mark_written(*k + 1);
  } else {
    share.take_rendered((size - phase_begin_ + phase_batch_ - 1) / phase_batch_, handed_, handed);
    share.end_phase();
    json_.count_written(size - phase_begin_);
    next_index_ = size;
  }
  if (hand_over_rendered_) {
    rendered_after_ = std::span<const std::string>(handed_.data(), handed);
  } else {
    for (size_t i = 0; i < handed; ++i) out += handed_[i];
  }
}

bool ReportWriter::next(std::string& out, size_t batch) {
  if (batch == 0) batch = 1;
  rendered_after_ = {};
  json_.set_output(out);
  const bool more = next_piece(out, batch);
  json_.flush();
  return more;
}

bool ReportWriter::next_piece(std::string& out, size_t batch) {
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
      write_elements(out, size, batch, [&](JsonWriter& json, size_t e) {
        write_account_report(json, aggregates_, model_, result_, e, memberships_[e], options_);
      });
      if (!rendered_after_.empty()) return true;  // what follows the batches comes after them
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
      if (options_.sections_text_source) append_rendered(out, options_.sections_text_source());
      else write_report_sections(json_, aggregates_, model_, result_);
      phase_ = options_.include_users ? Phase::users_open : Phase::history;
      return true;
    case Phase::users_open:  // its own step: a handed-over sections text ends the piece before it
      json_.key("users");
      json_.begin_array();
      phase_ = Phase::users;
      [[fallthrough]];
    case Phase::users: {
      const size_t size = aggregates_.users.size();
      write_elements(out, size, batch, [&](JsonWriter& json, size_t e) {
        write_user_report(json, aggregates_, model_, result_, e, options_);
      });
      if (!rendered_after_.empty()) return true;  // what follows the batches comes after them
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
        if (options_.history_text_source) append_rendered(out, options_.history_text_source());
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
      json_.flush();
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
  writer.hand_over_rendered_texts();
  std::string piece;
  while (writer.next(piece)) {
    out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    piece.clear();
    for (const std::string& block : writer.rendered_after()) {
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
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
