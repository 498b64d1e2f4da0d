#include "pqlscope/aggregate/aggregates_io.hpp"

#include <charconv>
#include <stdexcept>
#include <unordered_map>

#include "pqlscope/aggregate/event_aggregator.hpp"
#include "pqlscope/io/csv_writer.hpp"
#include "pqlscope/io/text.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope {
namespace {

using json = nlohmann::json;

json optional_time(const std::optional<int64_t>& t) { return t ? json(format_millis(*t)) : json(nullptr); }

json day_counts_json(const DayLog& counts) {
  json rows = json::array();
  for (const DayCount& d : counts) rows.push_back({d.entity, d.event, d.day, d.count});
  return rows;
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::invalid_argument("aggregates" + path + ": " + what);
}

const json& member(const json& object, const char* key, const std::string& path) {
  if (!object.is_object() || !object.contains(key)) fail(path + "/" + key, "missing");
  return object.at(key);
}

std::optional<int64_t> read_time(const json& value, const std::string& path) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) fail(path, "expected an ISO-8601 string or null");
  TimestampParser parser;
  const ParsedTimestamp t = parser.parse(value.get<std::string>());
  if (t.status != TimestampStatus::ok) fail(path, describe(t.status));
  return t.millis;
}

DayLog read_day_counts(const json& rows, const std::string& path, size_t entities, size_t events) {
  if (!rows.is_array()) fail(path, "expected an array of [entity, event, day, count]");
  DayLog out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const json& r = rows[i];
    const std::string at = path + "/" + std::to_string(i);
    if (!r.is_array() || r.size() != 4) fail(at, "expected [entity, event, day, count]");
    for (const json& v : r) {
      if (!v.is_number_unsigned()) fail(at, "expected non-negative integers");
    }
    const uint64_t entity = r[0], event = r[1], day = r[2], count = r[3];
    if (entity >= entities) fail(at, "entity index out of range");
    if (event >= events) fail(at, "event index out of range");
    if (day > static_cast<uint64_t>(kMaxSupportedDay)) fail(at, "day out of range");
    if (count == 0 || count > UINT32_MAX) fail(at, "count must be 1..4294967295");
    out.push_back({static_cast<uint32_t>(entity), static_cast<uint16_t>(event),
                   static_cast<uint16_t>(day), static_cast<uint32_t>(count)});
  }
  sort_and_merge(out);
  return out;
}

}  // namespace

json aggregates_to_json(const Aggregates& a) {
  json out;
  out["format"] = "pqlscope-aggregates";
  out["version"] = a.version;
  out["event_names"] = a.event_names;
  json accounts = json::array();
  for (const AccountRecord& r : a.accounts) {
    json info = {{"name", r.info.name},
                 {"domain", r.info.domain},
                 {"employees", r.info.employees >= 0 ? json(r.info.employees) : json(nullptr)},
                 {"plan", plan_name(r.info.plan)},
                 {"plan_label", r.info.plan_label},
                 {"signup_at", optional_time(r.info.signup_at)},
                 {"trial_ends_at", optional_time(r.info.trial_ends_at)},
                 {"converted_at", optional_time(r.info.converted_at)},
                 {"deal_value", std::isnan(r.info.deal_value) ? json(nullptr) : json(r.info.deal_value)},
                 {"seats", r.info.seats >= 0 ? json(r.info.seats) : json(nullptr)},
                 {"owner", r.info.owner},
                 {"industry", r.info.industry},
                 {"region", r.info.region},
                 {"deal_size", r.info.deal_size}};
    accounts.push_back({{"id", r.id},
                        {"in_accounts_file", r.in_accounts_file},
                        {"first_event_at", optional_time(r.first_event_at)},
                        {"last_event_at", optional_time(r.last_event_at)},
                        {"events", r.events},
                        {"info", std::move(info)}});
  }
  out["accounts"] = std::move(accounts);
  json users = json::array();
  for (const UserRecord& u : a.users) {
    users.push_back({{"id", u.id},
                     {"account", u.account == kNoAccount ? json(nullptr) : json(u.account)},
                     {"first_event_at", u.events ? json(format_millis(u.first_event_at)) : json(nullptr)},
                     {"last_event_at", u.events ? json(format_millis(u.last_event_at)) : json(nullptr)},
                     {"events", u.events},
                     {"in_several_accounts", u.in_several_accounts}});
  }
  out["users"] = std::move(users);
  out["account_days"] = day_counts_json(a.account_days);
  out["user_days"] = day_counts_json(a.user_days);
  out["channels"] = a.channels;
  json comms = json::array();
  for (const CommunicationCount& c : a.communications) {
    comms.push_back({c.account, c.day, c.channel, sentiment_name(c.sentiment), c.count});
  }
  out["communications"] = std::move(comms);
  return out;
}

Aggregates aggregates_from_json(const json& in) {
  Aggregates a;
  if (!in.is_object()) fail("", "expected a JSON object");
  if (member(in, "format", "") != "pqlscope-aggregates") fail("/format", "expected \"pqlscope-aggregates\"");
  const json& version = member(in, "version", "");
  if (version != kAggregatesVersion) fail("/version", "unsupported version (this build reads 1)");
  a.event_names = member(in, "event_names", "").get<std::vector<std::string>>();
  const json& accounts = member(in, "accounts", "");
  for (size_t i = 0; i < accounts.size(); ++i) {
    const std::string p = "/accounts/" + std::to_string(i);
    const json& r = accounts[i];
    AccountRecord rec;
    rec.id = member(r, "id", p).get<std::string>();
    rec.in_accounts_file = r.value("in_accounts_file", false);
    rec.first_event_at = read_time(r.value("first_event_at", json(nullptr)), p + "/first_event_at");
    rec.last_event_at = read_time(r.value("last_event_at", json(nullptr)), p + "/last_event_at");
    rec.events = r.value("events", uint64_t{0});
    if (r.contains("info")) {
      const json& info = r["info"];
      rec.info.name = info.value("name", "");
      rec.info.domain = info.value("domain", "");
      rec.info.employees = info.value("employees", json(nullptr)).is_null() ? -1 : info["employees"].get<int64_t>();
      rec.info.plan_label = info.value("plan_label", "");
      rec.info.plan = parse_plan(info.value("plan", ""));
      rec.info.signup_at = read_time(info.value("signup_at", json(nullptr)), p + "/info/signup_at");
      rec.info.trial_ends_at = read_time(info.value("trial_ends_at", json(nullptr)), p + "/info/trial_ends_at");
      rec.info.converted_at = read_time(info.value("converted_at", json(nullptr)), p + "/info/converted_at");
      rec.info.deal_value = info.value("deal_value", json(nullptr)).is_null() ? std::nan("") : info["deal_value"].get<double>();
      rec.info.seats = info.value("seats", json(nullptr)).is_null() ? -1 : info["seats"].get<int64_t>();
      rec.info.owner = info.value("owner", "");
      rec.info.industry = info.value("industry", "");
      rec.info.region = info.value("region", "");
      rec.info.deal_size = info.value("deal_size", "");
    }
    a.accounts.push_back(std::move(rec));
  }
  const json& users = member(in, "users", "");
  for (size_t i = 0; i < users.size(); ++i) {
    const std::string p = "/users/" + std::to_string(i);
    const json& r = users[i];
    UserRecord u;
    u.id = member(r, "id", p).get<std::string>();
    const json account = r.value("account", json(nullptr));
    if (!account.is_null()) {
      if (!account.is_number_unsigned() || account.get<uint64_t>() >= a.accounts.size()) {
        fail(p + "/account", "expected an index into accounts");
      }
      u.account = account.get<uint32_t>();
    }
    u.events = r.value("events", uint64_t{0});
    u.first_event_at = read_time(r.value("first_event_at", json(nullptr)), p + "/first_event_at").value_or(0);
    u.last_event_at = read_time(r.value("last_event_at", json(nullptr)), p + "/last_event_at").value_or(0);
    u.in_several_accounts = r.value("in_several_accounts", false);
    a.users.push_back(std::move(u));
  }
  a.account_days = read_day_counts(member(in, "account_days", ""), "/account_days", a.accounts.size(), a.event_names.size());
  a.user_days = read_day_counts(member(in, "user_days", ""), "/user_days", a.users.size(), a.event_names.size());
  a.channels = in.value("channels", std::vector<std::string>{});
  const json comms = in.value("communications", json::array());
  for (size_t i = 0; i < comms.size(); ++i) {
    const json& c = comms[i];
    const std::string p = "/communications/" + std::to_string(i);
    if (!c.is_array() || c.size() != 5) fail(p, "expected [account, day, channel, sentiment, count]");
    const std::string sentiment = c[3].get<std::string>();
    Sentiment s = Sentiment::unknown;
    for (Sentiment candidate : {Sentiment::positive, Sentiment::neutral, Sentiment::negative}) {
      if (sentiment == sentiment_name(candidate)) s = candidate;
    }
    if (c[0].get<uint64_t>() >= a.accounts.size()) fail(p, "account index out of range");
    if (c[2].get<uint64_t>() >= a.channels.size()) fail(p, "channel index out of range");
    a.communications.push_back({c[0].get<uint32_t>(), c[1].get<uint16_t>(), c[2].get<uint8_t>(), s,
                                c[4].get<uint32_t>()});
  }
  return a;
}

}  // namespace pqlscope
