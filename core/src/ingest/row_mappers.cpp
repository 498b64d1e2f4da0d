#include "row_mappers.hpp"

#include <charconv>
#include <cmath>

#include "pqlscope/aggregate/hash.hpp"
#include "pqlscope/io/text.hpp"
#include "lazy_record_view.hpp"

namespace pqlscope {
namespace {

// Role indices, in the order of roles_of() (field_mapping.cpp).
enum EventRole : size_t { kTimestamp, kAccount, kUser, kEvent, kMessageId, kType, kCount };
enum AccountRole : size_t {
  kAccId, kName, kDomain, kEmployees, kPlan, kSignup, kTrialEnds, kConverted, kDealValue,
  kSeats, kOwner, kIndustry, kRegion, kDealSize
};
enum CommRole : size_t { kCommAccount, kCommUser, kCommTime, kChannel, kSentiment };

IngestErrorCode timestamp_error(TimestampStatus status) {
  switch (status) {
    case TimestampStatus::empty: return IngestErrorCode::missing_timestamp;
    case TimestampStatus::unknown_format: return IngestErrorCode::unknown_timestamp_format;
    case TimestampStatus::invalid_date:
    case TimestampStatus::invalid_time: return IngestErrorCode::invalid_timestamp;
    case TimestampStatus::ambiguous_date: return IngestErrorCode::ambiguous_date;
    case TimestampStatus::conflicting_date_order: return IngestErrorCode::conflicting_date_order;
    case TimestampStatus::out_of_range:
    case TimestampStatus::ok: break;
  }
  return IngestErrorCode::timestamp_out_of_range;
}

std::string quoted(std::string_view text) {
  std::string out = "'";
  out.append(text.substr(0, 60));
  if (text.size() > 60) out += "...";
  return out + "'";
}

bool parse_double(std::string_view text, double& out) {
  text = trim(text);
  if (text.empty()) return false;
  // from_chars for double is missing from libc++ 14: strtod on a bounded copy instead.
  std::string copy(text);
  char* end = nullptr;
  out = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size() && std::isfinite(out);
}

bool parse_count(std::string_view text, int64_t& out) {
  double value;
  if (!parse_double(text, value) || value < 0 || value != std::floor(value) || value > 1e15) return false;
  out = static_cast<int64_t>(value);
  return true;
}

bool parse_sentiment(std::string_view text, Sentiment& out) {
  text = trim(text);
  if (text.empty()) { out = Sentiment::unknown; return true; }
  for (std::string_view w : {"positive", "pos", "+", "good", "happy", "promoter"}) {
    if (iequals(text, w)) { out = Sentiment::positive; return true; }
  }
  for (std::string_view w : {"negative", "neg", "-", "bad", "angry", "detractor"}) {
    if (iequals(text, w)) { out = Sentiment::negative; return true; }
  }
  for (std::string_view w : {"neutral", "neu", "0", "mixed", "passive"}) {
    if (iequals(text, w)) { out = Sentiment::neutral; return true; }
  }
  double score;
  if (parse_double(text, score)) {  // a sentiment score: its sign decides
    out = score > 0 ? Sentiment::positive : score < 0 ? Sentiment::negative : Sentiment::neutral;
    return true;
  }
  return false;
}

}  // namespace

size_t role_index(FileKind kind, std::string_view role) {
  const auto& roles = roles_of(kind);
  for (size_t i = 0; i < roles.size(); ++i) {
    if (roles[i].role == role) return i;
  }
  return roles.size();
}

RowMapper::RowMapper(FileKind kind, const FieldMapping& mapping, EventAggregator& aggregator)
    : kind_(kind), aggregator_(aggregator) {
  if (mapping.epoch_unit != EpochUnit::undecided) {
    for (auto& parser : time_parsers_) parser.set_epoch_unit(mapping.epoch_unit);
  }
  for (auto& parser : time_parsers_) parser.set_date_order(mapping.date_order);
}

void RowMapper::set_source_rules(std::string row_type, EpochScale timestamp_scale) {
  row_type_ = std::move(row_type);
  timestamp_scale_ = timestamp_scale;
}

template <class View>
RowOutcome RowMapper::map(const View& row, const RowContext& context, const Reject& reject) {
  switch (kind_) {
    case FileKind::events: return map_event(row, context, reject);
    case FileKind::accounts: return map_account(row, reject);
    case FileKind::communications: return map_communication(row, reject);
  }
  return RowOutcome::rejected;
}

bool RowMapper::read_time(const FieldValue& value, size_t role, bool required, int64_t& out,
                          bool& present, const Reject& reject) {
  present = value.present && !trim(value.text).empty();
  if (!present) {
    if (required) reject(IngestErrorCode::missing_timestamp, &value, role, "the row has no timestamp");
    return !required;
  }
  const std::string_view text =
      kind_ == FileKind::events && role == kTimestamp ? scaled_epoch(value.text, timestamp_scale_, scaled_) : value.text;
  const ParsedTimestamp parsed = time_parsers_[role].parse(text);
  if (parsed.status != TimestampStatus::ok) {
    FieldValue at = value;
    at.offset += parsed.error_offset;
    reject(timestamp_error(parsed.status), &at, role,
           std::string(describe(parsed.status)) + ": " + quoted(value.text));
    return false;
  }
  out = parsed.millis;
  return true;
}

template <class View>
RowOutcome RowMapper::map_event(const View& row, const RowContext& context,
                                const Reject& reject) {
  FieldValue type = row.get(kType);
  if (!row_type_.empty()) type = FieldValue{row_type_, true, 0};
  std::string_view event = trim(row.get(kEvent).text);
  const std::string_view account = trim(row.get(kAccount).text);
  const std::string_view user = trim(row.get(kUser).text);
  if (type.present) {
    // Segment / RudderStack call types: only track (and page / screen views) are events.
    const std::string_view t = trim(type.text);
    if (iequals(t, "group")) {
      if (account.empty() || user.empty()) {
        reject(IngestErrorCode::missing_entity, nullptr, kAccount,
               "a group call needs both a user and a group id");
        return RowOutcome::rejected;
      }
      aggregator_.add_membership(user, account);
      return RowOutcome::skipped;
    }
    if (iequals(t, "identify") || iequals(t, "alias")) return RowOutcome::skipped;
    if (event.empty() && iequals(t, "page")) event = "page_viewed";
    if (event.empty() && iequals(t, "screen")) event = "screen_viewed";
  }
  if (event.empty()) {
    const FieldValue value = row.get(kEvent);
    reject(IngestErrorCode::missing_event_name, &value, kEvent, "the row has no event name");
    return RowOutcome::rejected;
  }
  int64_t millis = 0;
  bool has_time = false;
  if (!read_time(row.get(kTimestamp), kTimestamp, true, millis, has_time, reject)) return RowOutcome::rejected;
  if (account.empty() && user.empty()) {
    reject(IngestErrorCode::missing_entity, nullptr, kUser, "the row names neither a user nor an account");
    return RowOutcome::rejected;
  }
  // A rollup row (Pendo's num_events) stands for that many events; no count column: one.
  int64_t count = 1;
  const FieldValue count_value = row.get(kCount);
  if (count_value.present && !trim(count_value.text).empty()) {
    if (!parse_count(count_value.text, count) || count > kMaxRowCount) {
      reject(IngestErrorCode::invalid_number, &count_value, kCount,
             "expected an event count from 0 to " + std::to_string(kMaxRowCount) + ", got " + quoted(count_value.text));
      return RowOutcome::rejected;
    }
    if (count == 0) return RowOutcome::skipped;
  }
  // A duplicate is the same message id with the same event name, anywhere in the input; a row
  // without an id is a duplicate only when identical rows are dropped (docs/ingest.md).
  const std::string_view id = trim(row.get(kMessageId).text);
  EventKey key;
  if (!id.empty()) {
    key = {EventKey::Kind::message_id, hash_bytes(id, hash_bytes(event, 1))};
  } else if (aggregator_.drops_identical_rows()) {
    key = {EventKey::Kind::row_text, hash_bytes(context.raw, 2)};
  }
  // Queued: whether it was added or a duplicate is known at settle_queued() (event_queue.cpp).
  if (aggregator_.queue_event(millis, account, user, event, key, static_cast<uint64_t>(count)) ==
      EventAggregator::QueueResult::queued) {
    return RowOutcome::queued;
  }
  const FieldValue value = row.get(kEvent);
  reject(IngestErrorCode::too_many_event_names, &value, kEvent,
         "more than " + std::to_string(EventAggregator::kMaxEventNames) +
             " distinct event names: is the event column really the event name?");
  return RowOutcome::rejected;
}

template <class View>
RowOutcome RowMapper::map_account(const View& row, const Reject& reject) {
  const FieldValue id_value = row.get(kAccId);
  const std::string_view id = trim(id_value.text);
  if (id.empty()) {
    reject(IngestErrorCode::missing_account_id, &id_value, kAccId, "the row has no account id");
    return RowOutcome::rejected;
  }
  // Read everything first, so that a rejected row leaves no half-written account behind.
  AccountInfo info;
  auto text = [&](size_t role) { return std::string(trim(row.get(role).text)); };
  info.name = text(kName);
  info.domain = text(kDomain);
  info.plan_label = text(kPlan);
  info.plan = parse_plan(info.plan_label);
  info.owner = text(kOwner);
  info.industry = text(kIndustry);
  info.region = text(kRegion);
  info.deal_size = text(kDealSize);
  for (size_t role : {kEmployees, kSeats}) {
    const FieldValue value = row.get(role);
    if (trim(value.text).empty()) continue;
    int64_t n;
    if (!parse_count(value.text, n)) {
      reject(IngestErrorCode::invalid_number, &value, role, "expected a whole number, got " + quoted(value.text));
      return RowOutcome::rejected;
    }
    (role == kEmployees ? info.employees : info.seats) = n;
  }
  const FieldValue deal = row.get(kDealValue);
  if (!trim(deal.text).empty() && !parse_double(deal.text, info.deal_value)) {
    reject(IngestErrorCode::invalid_number, &deal, kDealValue, "expected a number, got " + quoted(deal.text));
    return RowOutcome::rejected;
  }
  for (size_t role : {kSignup, kTrialEnds, kConverted}) {
    int64_t millis = 0;
    bool present = false;
    if (!read_time(row.get(role), role, false, millis, present, reject)) return RowOutcome::rejected;
    if (!present) continue;
    (role == kSignup ? info.signup_at : role == kTrialEnds ? info.trial_ends_at : info.converted_at) = millis;
  }
  bool already = false;
  AccountInfo& stored = aggregator_.account_info(id, already);
  if (already) {
    reject(IngestErrorCode::duplicate_account, &id_value, kAccId,
           "account " + quoted(id) + " appears twice in the accounts file; the first row is kept");
    return RowOutcome::rejected;
  }
  stored = std::move(info);
  return RowOutcome::accepted;
}

template <class View>
RowOutcome RowMapper::map_communication(const View& row, const Reject& reject) {
  const FieldValue account_value = row.get(kCommAccount);
  const std::string_view account = trim(account_value.text);
  if (account.empty()) {
    reject(IngestErrorCode::missing_account_id, &account_value, kCommAccount,
           "a communication needs the account it belongs to");
    return RowOutcome::rejected;
  }
  int64_t millis = 0;
  bool present = false;
  if (!read_time(row.get(kCommTime), kCommTime, true, millis, present, reject)) return RowOutcome::rejected;
  const FieldValue sentiment_value = row.get(kSentiment);
  Sentiment sentiment = Sentiment::unknown;
  if (!parse_sentiment(sentiment_value.text, sentiment)) {
    reject(IngestErrorCode::invalid_value, &sentiment_value, kSentiment,
           "expected positive, neutral, negative or a score, got " + quoted(sentiment_value.text));
    return RowOutcome::rejected;
  }
  std::string_view channel = trim(row.get(kChannel).text);
  if (channel.empty()) channel = "other";
  aggregator_.add_communication(account, millis, channel, sentiment);
  return RowOutcome::accepted;
}

template RowOutcome RowMapper::map(const CsvRecordView&, const RowContext&, const Reject&);
template RowOutcome RowMapper::map(const JsonRecordView&, const RowContext&, const Reject&);
template RowOutcome RowMapper::map(const LazyJsonRecordView&, const RowContext&, const Reject&);

}  // namespace pqlscope
