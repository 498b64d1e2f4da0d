#include "chunk_exchange.hpp"

#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <type_traits>

namespace pqlscope {
namespace {

constexpr uint32_t kMagic = 0x31524350;  // "PCR1" little-endian: pqlscope chunk run, version 1

class Writer {
 public:
  template <class T>
  void pod(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::size_t at = out.size();
    out.resize(at + sizeof(T));
    std::memcpy(out.data() + at, &v, sizeof(T));
  }
  void str(const std::string& s) {
    pod<uint64_t>(s.size());
    out.append(s);
  }
  template <class T>
  void opt(const std::optional<T>& v) {
    pod<uint8_t>(v.has_value());
    if (v) pod(*v);
  }
  template <class T>
  void pods(const std::vector<T>& v) {
    pod<uint64_t>(v.size());
    const std::size_t at = out.size();
    out.resize(at + v.size() * sizeof(T));
    if (!v.empty()) std::memcpy(out.data() + at, v.data(), v.size() * sizeof(T));
  }
  void log(const DayLog& log) {
    pod<uint64_t>(log.size());
    log.for_each_span([&](std::span<const DayCount> span) {
      const std::size_t n = span.size() * sizeof(DayCount);
      const std::size_t at = out.size();
      out.resize(at + n);
      std::memcpy(out.data() + at, span.data(), n);
    });
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
  T pod() {
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  std::string str() {
    const uint64_t n = pod<uint64_t>();
    return std::string(take(n), static_cast<std::size_t>(n));
  }
  template <class T>
  std::optional<T> opt() {
    if (pod<uint8_t>() == 0) return std::nullopt;
    return pod<T>();
  }
  template <class T>
  std::vector<T> pods() {
    const uint64_t n = pod<uint64_t>();
    if (n > in_.size() / sizeof(T)) bad();
    std::vector<T> v(static_cast<std::size_t>(n));
    if (n > 0) std::memcpy(v.data(), take(n * sizeof(T)), v.size() * sizeof(T));
    return v;
  }
  void log(DayLog& log) {
    const uint64_t n = pod<uint64_t>();
    if (n > in_.size() / sizeof(DayCount)) bad();
    const char* p = take(n * sizeof(DayCount));
    for (uint64_t i = 0; i < n; ++i) {
      DayCount d;
      std::memcpy(&d, p + i * sizeof(DayCount), sizeof(DayCount));
      log.push_back(d);
    }
  }
  bool at_end() const { return at_ == in_.size(); }
  [[noreturn]] static void bad() { throw std::invalid_argument("a Worker's chunk result is truncated or not of this build"); }

 private:
  const char* take(uint64_t n) {
    if (n > in_.size() - at_) bad();
    const char* p = in_.data() + at_;
    at_ += static_cast<std::size_t>(n);
    return p;
  }
  std::string_view in_;
  std::size_t at_ = 0;
};

void write_mapping(Writer& w, const FileMappingExplanation& m) {
  w.str(m.guessed.kind);
  w.pod<uint8_t>(m.guessed.confident);
  w.str(m.guessed.reason);
  w.str(m.source);
  w.str(m.source_name);
  w.str(m.source_reason);
  w.pod<uint64_t>(m.roles.size());
  for (const RoleChoice& r : m.roles) {
    w.str(r.role);
    w.str(r.field);
    w.pod(r.reason);
    w.str(r.detail);
  }
  w.str(m.timestamp_format);
  w.str(m.date_order);
  w.str(m.date_order_reason);
  w.str(m.row_rule);
  w.pod<uint64_t>(m.fields.size());
  for (const std::string& f : m.fields) w.str(f);
  w.pod(m.sampled_records);
}

void read_mapping(Reader& r, FileMappingExplanation& m) {
  m.guessed.kind = r.str();
  m.guessed.confident = r.pod<uint8_t>() != 0;
  m.guessed.reason = r.str();
  m.source = r.str();
  m.source_name = r.str();
  m.source_reason = r.str();
  m.roles.resize(static_cast<std::size_t>(r.pod<uint64_t>()));
  for (RoleChoice& c : m.roles) {
    c.role = r.str();
    c.field = r.str();
    c.reason = r.pod<ChoiceReason>();
    c.detail = r.str();
  }
  m.timestamp_format = r.str();
  m.date_order = r.str();
  m.date_order_reason = r.str();
  m.row_rule = r.str();
  m.fields.resize(static_cast<std::size_t>(r.pod<uint64_t>()));
  for (std::string& f : m.fields) f = r.str();
  m.sampled_records = r.pod<uint64_t>();
}

void write_report(Writer& w, const IngestReport& rep) {
  w.pod<uint64_t>(rep.files.size());
  for (const FileSummary& f : rep.files) {
    w.str(f.name);
    w.str(f.kind);
    w.str(f.format);
    for (uint64_t v : {f.bytes, f.rows, f.accepted, f.rejected, f.duplicates, f.skipped, f.protocol_messages}) w.pod(v);
    w.str(f.same_as);
    w.pod<uint8_t>(f.copy_skipped);
    write_mapping(w, f.mapping);
    w.str(f.encoding);
    w.str(f.delimiter);
  }
  w.pod<uint64_t>(rep.rejected_by_code.size());
  for (uint64_t v : rep.rejected_by_code) w.pod(v);
  w.pod<uint64_t>(rep.issues.size());
  for (const IngestIssue& i : rep.issues) {
    w.pod(i.code);
    w.str(i.file);
    w.pod(i.line);
    w.pod(i.column);
    w.pod(i.byte_offset);
    w.str(i.field);
    w.str(i.message);
  }
  for (uint64_t v : {rep.issues_not_kept, rep.bytes, rep.rows, rep.events, rep.duplicates, rep.identical_rows,
                     rep.rejected, rep.skipped, rep.copies_skipped, rep.reopened_days, rep.unattributed_users}) {
    w.pod(v);
  }
}

void read_report(Reader& r, IngestReport& rep) {
  rep.files.resize(static_cast<std::size_t>(r.pod<uint64_t>()));
  for (FileSummary& f : rep.files) {
    f.name = r.str();
    f.kind = r.str();
    f.format = r.str();
    for (uint64_t* v : {&f.bytes, &f.rows, &f.accepted, &f.rejected, &f.duplicates, &f.skipped, &f.protocol_messages}) *v = r.pod<uint64_t>();
    f.same_as = r.str();
    f.copy_skipped = r.pod<uint8_t>() != 0;
    read_mapping(r, f.mapping);
    f.encoding = r.str();
    f.delimiter = r.str();
  }
  if (r.pod<uint64_t>() != rep.rejected_by_code.size()) Reader::bad();
  for (uint64_t& v : rep.rejected_by_code) v = r.pod<uint64_t>();
  rep.issues.resize(static_cast<std::size_t>(r.pod<uint64_t>()));
  for (IngestIssue& i : rep.issues) {
    i.code = r.pod<IngestErrorCode>();
    i.file = r.str();
    i.line = r.pod<uint64_t>();
    i.column = r.pod<uint64_t>();
    i.byte_offset = r.pod<uint64_t>();
    i.field = r.str();
    i.message = r.str();
  }
  for (uint64_t* v : {&rep.issues_not_kept, &rep.bytes, &rep.rows, &rep.events, &rep.duplicates, &rep.identical_rows,
                      &rep.rejected, &rep.skipped, &rep.copies_skipped, &rep.reopened_days, &rep.unattributed_users}) {
    *v = r.pod<uint64_t>();
  }
}

void write_account(Writer& w, const AccountRecord& a) {
  const AccountInfo& i = a.info;
  w.str(a.id);
  w.pod<uint8_t>(a.in_accounts_file);
  w.str(i.name);
  w.str(i.domain);
  w.pod(i.employees);
  w.pod(i.plan);
  w.str(i.plan_label);
  w.opt(i.signup_at);
  w.opt(i.trial_ends_at);
  w.opt(i.converted_at);
  w.pod(i.deal_value);
  w.pod(i.seats);
  w.str(i.owner);
  w.str(i.industry);
  w.str(i.region);
  w.str(i.deal_size);
  w.opt(a.first_event_at);
  w.opt(a.last_event_at);
  w.pod(a.events);
}

void read_account(Reader& r, AccountRecord& a) {
  AccountInfo& i = a.info;
  a.id = r.str();
  a.in_accounts_file = r.pod<uint8_t>() != 0;
  i.name = r.str();
  i.domain = r.str();
  i.employees = r.pod<int64_t>();
  i.plan = r.pod<Plan>();
  i.plan_label = r.str();
  i.signup_at = r.opt<int64_t>();
  i.trial_ends_at = r.opt<int64_t>();
  i.converted_at = r.opt<int64_t>();
  i.deal_value = r.pod<double>();
  i.seats = r.pod<int64_t>();
  i.owner = r.str();
  i.industry = r.str();
  i.region = r.str();
  i.deal_size = r.str();
  a.first_event_at = r.opt<int64_t>();
  a.last_event_at = r.opt<int64_t>();
  a.events = r.pod<uint64_t>();
}

}  // namespace

std::string chunk_run_to_bytes(const ChunkRun& run) {
  Writer w;
  w.pod(kMagic);
  w.pod(run.begin);
  w.pod(run.end);
  w.pod(run.line_ends);
  w.pod(run.identical_rows);
  w.pod<uint8_t>(run.stopped);
  w.str(run.error);
  w.pods(run.trace.days);
  w.pod<uint64_t>(run.trace.cap);
  w.pod<uint8_t>(run.trace.overflow);
  w.pods(run.ids.mixed_members());
  w.pods(run.rows.mixed_members());
  write_report(w, run.report);
  const Aggregates& a = run.part.aggregates;
  w.pod<uint64_t>(a.event_names.size());
  for (const std::string& e : a.event_names) w.str(e);
  w.pod<uint64_t>(a.accounts.size());
  for (const AccountRecord& acc : a.accounts) write_account(w, acc);
  w.pod<uint64_t>(a.users.size());
  for (const UserRecord& u : a.users) {
    w.str(u.id);
    w.pod(u.account);
    w.pod(u.first_event_at);
    w.pod(u.last_event_at);
    w.pod(u.events);
    w.pod<uint8_t>(u.in_several_accounts);
  }
  w.log(a.account_days);
  w.log(a.user_days);
  w.pod<uint64_t>(a.channels.size());
  for (const std::string& c : a.channels) w.str(c);
  w.pods(a.communications);
  w.log(run.part.unattributed);
  w.pods(run.part.unattributed_totals);
  return std::move(w.out);
}

ReceivedChunk chunk_run_from_bytes(std::string_view bytes) {
  Reader r(bytes);
  ReceivedChunk out;
  ChunkRun& run = out.run;
  if (r.pod<uint32_t>() != kMagic) Reader::bad();
  run.begin = r.pod<uint64_t>();
  run.end = r.pod<uint64_t>();
  run.line_ends = r.pod<uint64_t>();
  run.identical_rows = r.pod<uint64_t>();
  run.stopped = r.pod<uint8_t>() != 0;
  run.error = r.str();
  run.trace.days = r.pods<uint16_t>();
  run.trace.cap = static_cast<std::size_t>(r.pod<uint64_t>());
  run.trace.overflow = r.pod<uint8_t>() != 0;
  out.ids = r.pods<uint64_t>();
  out.rows = r.pods<uint64_t>();
  read_report(r, run.report);
  Aggregates& a = run.part.aggregates;
  a.event_names.resize(static_cast<std::size_t>(r.pod<uint64_t>()));
  for (std::string& e : a.event_names) e = r.str();
  const uint64_t accounts = r.pod<uint64_t>();
  if (accounts > bytes.size()) Reader::bad();
  a.accounts.resize(static_cast<std::size_t>(accounts));
  for (AccountRecord& acc : a.accounts) read_account(r, acc);
  const uint64_t users = r.pod<uint64_t>();
  if (users > bytes.size()) Reader::bad();
  a.users.resize(static_cast<std::size_t>(users));
  for (UserRecord& u : a.users) {
    u.id = r.str();
    u.account = r.pod<uint32_t>();
    u.first_event_at = r.pod<int64_t>();
    u.last_event_at = r.pod<int64_t>();
    u.events = r.pod<uint64_t>();
    u.in_several_accounts = r.pod<uint8_t>() != 0;
  }
  r.log(a.account_days);
  r.log(a.user_days);
  a.channels.resize(static_cast<std::size_t>(r.pod<uint64_t>()));
  for (std::string& c : a.channels) c = r.str();
  a.communications = r.pods<CommunicationCount>();
  r.log(run.part.unattributed);
  run.part.unattributed_totals = r.pods<UnattributedTotals>();
  if (!r.at_end()) Reader::bad();
  return out;
}

}  // namespace pqlscope
