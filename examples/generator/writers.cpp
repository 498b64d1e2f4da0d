// pqlscope-gen: the output files: accounts, planted personas, communications, events.
#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "output.hpp"

namespace gen {

void Generator::write_accounts() {
  Writer w(std::filesystem::path(o_.out) / "accounts.csv");
  w.put("account_id,name,domain,employees,plan,signup_at,trial_ends_at,converted_at,deal_value,seats,owner,industry,region\n");
  auto opt = [&](int64_t v) { if (v != kNone) w.num(v); };
  for (const Account& a : accounts_) {
    w.put(a.id); w.ch(',');
    w.csv_field(a.name); w.ch(',');
    w.csv_field(a.domain); w.ch(',');
    w.num(a.employees); w.ch(',');
    w.put(kPlanNames[a.plan]); w.ch(',');
    w.put(iso(a.signup_ts)); w.ch(',');
    w.put(iso(a.trial_end_ts)); w.ch(',');
    w.put(iso(a.converted_ts)); w.ch(',');
    opt(a.deal_value); w.ch(',');
    opt(a.seats); w.ch(',');
    if (a.owner >= 0) w.csv_field(kOwners[a.owner]);
    w.ch(',');
    w.csv_field(kIndustries[a.industry]); w.ch(',');
    w.put(kRegions[a.region]); w.ch('\n');
  }
}

void Generator::write_personas() {
  Writer w(std::filesystem::path(o_.out) / "planted_personas.csv");
  w.put("account_id,persona\n");
  for (const Account& a : accounts_)
    if (a.plan == kTrial) {
      w.put(a.id); w.ch(',');
      w.put(kPersonaNames[a.persona]); w.ch('\n');
    }
}

void Generator::write_comms() {
  Writer w(std::filesystem::path(o_.out) / "communications.csv");
  w.put("account_id,user_id,timestamp,channel,sentiment\n");
  for (const Comm& c : comms_) {
    w.put(accounts_[c.account].id); w.ch(',');
    w.put(user_ids_[c.user]); w.ch(',');
    w.put(iso(c.ts)); w.ch(',');
    w.put(kChannelNames[c.channel]); w.ch(',');
    w.put(kSentimentNames[c.sentiment]); w.ch('\n');
  }
}

void Generator::uuid(uint64_t idx, char* out) const {
  const uint64_t h1 = stream_seed(o_.seed, kTagIds, idx);
  const uint64_t h2 = hash2(h1, idx);
  static const char* hex = "0123456789abcdef";
  char b[32];
  for (int i = 0; i < 16; ++i) { b[i] = hex[(h1 >> (60 - 4 * i)) & 15]; b[16 + i] = hex[(h2 >> (60 - 4 * i)) & 15]; }
  b[12] = '4';
  b[16] = hex[8 + ((h2 >> 60) & 3)];
  int j = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out[j++] = '-';
    out[j++] = b[i];
  }
}

uint64_t Generator::write_events() {
  std::unique_ptr<Writer> csv, nd;
  if (o_.csv) {
    csv = std::make_unique<Writer>(std::filesystem::path(o_.out) / "events.csv");
    csv->put("timestamp,account_id,user_id,event\n");
  }
  if (o_.ndjson) nd = std::make_unique<Writer>(std::filesystem::path(o_.out) / "events.ndjson");
  const int shape = o_.shape == "plain" ? 0 : o_.shape == "segment" ? 1 : o_.shape == "mixpanel" ? 2 : o_.shape == "amplitude" ? 3 : 4;
  std::vector<uint64_t> keys;
  uint64_t n = 0;
  char iso_ts[24], amp_ts[32], id[40];
  for (int t = 0; t < D_; ++t) {
    keys.clear();
    for (uint32_t ai = 0; ai < accounts_.size(); ++ai) account_day(ai, t, keys);
    std::sort(keys.begin(), keys.end());
    const int64_t base = day_ts(t);
    format_datetime(base, 'T', iso_ts);
    iso_ts[19] = 'Z';
    format_datetime(base, ' ', amp_ts);
    std::memcpy(amp_ts + 19, ".000000", 7);
    for (uint64_t k : keys) {
      const int sec = static_cast<int>(k >> 46);
      const uint32_t user = static_cast<uint32_t>((k >> 6) & ((1ull << 40) - 1));
      const int ev = static_cast<int>(k & 63);
      put2(iso_ts + 11, static_cast<unsigned>(sec / 3600));
      put2(iso_ts + 14, static_cast<unsigned>(sec / 60 % 60));
      put2(iso_ts + 17, static_cast<unsigned>(sec % 60));
      const std::string& acc = accounts_[users_[user].account].id;
      const std::string& uid = user_ids_[user];
      const char* evn = kEvents[ev].name;
      if (csv) {
        csv->put(iso_ts, 20); csv->ch(',');
        csv->put(acc); csv->ch(',');
        csv->put(uid); csv->ch(',');
        csv->put(evn, std::strlen(evn)); csv->ch('\n');
      }
      if (nd) {
        Writer& w = *nd;
        auto q = [&](std::string_view s) { w.ch('"'); w.put(s); w.ch('"'); };
        switch (shape) {
          case 0:
            w.put("{\"timestamp\":"); q({iso_ts, 20});
            w.put(",\"account_id\":"); q(acc);
            w.put(",\"user_id\":"); q(uid);
            w.put(",\"event\":"); q(evn);
            w.put("}\n");
            break;
          case 1:
            uuid(n, id);
            w.put("{\"type\":\"track\",\"event\":"); q(evn);
            w.put(",\"userId\":"); q(uid);
            w.put(",\"timestamp\":"); q({iso_ts, 20});
            w.put(",\"context\":{\"groupId\":"); q(acc);
            w.put("},\"messageId\":"); q({id, 36});
            w.put("}\n");
            break;
          case 2: {
            uuid(n, id);
            std::string ins;
            for (int i = 0; i < 36; ++i) if (id[i] != '-') ins.push_back(id[i]);
            w.put("{\"event\":"); q(evn);
            w.put(",\"properties\":{\"time\":"); w.num(base + sec);
            w.put(",\"distinct_id\":"); q(uid);
            w.put(",\"$insert_id\":"); q(ins);
            w.put(",\"company_id\":"); q(acc);
            w.put("}}\n");
            break;
          }
          case 3:
            uuid(n, id);
            std::memcpy(amp_ts + 11, iso_ts + 11, 8);
            w.put("{\"event_type\":"); q(evn);
            w.put(",\"user_id\":"); q(uid);
            w.put(",\"event_time\":"); q({amp_ts, 26});
            w.put(",\"groups\":{\"company\":"); q(acc);
            w.put("},\"insert_id\":"); q({id, 36});
            w.put("}\n");
            break;
          default:
            uuid(n, id);
            w.put("{\"event\":"); q(evn);
            w.put(",\"distinct_id\":"); q(uid);
            w.put(",\"timestamp\":"); q({iso_ts, 20});
            w.put(",\"uuid\":"); q({id, 36});
            w.put(",\"properties\":{\"$groups\":{\"company\":"); q(acc);
            w.put("}}}\n");
            break;
        }
      }
      ++n;
    }
    // A planning bug must never fill a disk: the total is planned to be close to --events.
    if (n > 2 * static_cast<uint64_t>(o_.events) + 5000000) die("internal error: event count runaway, stopping");
  }
  if (csv) { bytes_ += csv->bytes(); csv->close(); }
  if (nd) { bytes_ += nd->bytes(); nd->close(); }
  return n;
}

void Generator::summary(uint64_t n, double secs) const {
  std::array<int64_t, kNumPlans> plans{};
  std::array<int64_t, kNumPersonas> personas{};
  for (const Account& a : accounts_) {
    plans[static_cast<size_t>(a.plan)]++;
    if (a.persona >= 0) personas[static_cast<size_t>(a.persona)]++;
  }
  std::fprintf(stderr, "pqlscope-gen: seed %llu, %zu accounts, %zu users, %llu events (target %lld), %zu communications\n",
               static_cast<unsigned long long>(o_.seed), accounts_.size(), users_.size(),
               static_cast<unsigned long long>(n), static_cast<long long>(o_.events), comms_.size());
  std::fprintf(stderr, "  period %s .. %s (%d days); engagement P90 of the last 7 days: %.1f\n",
               iso(day_ts(0)).substr(0, 10).c_str(), iso(day_ts(E_)).substr(0, 10).c_str(), D_, p90_);
  std::fprintf(stderr, "  plans:");
  for (int p = 0; p < kNumPlans; ++p) std::fprintf(stderr, " %s=%lld", kPlanNames[p], static_cast<long long>(plans[static_cast<size_t>(p)]));
  std::fprintf(stderr, "\n  trial personas:");
  for (int p = 0; p < kNumPersonas; ++p) std::fprintf(stderr, " %s=%lld", kPersonaNames[p], static_cast<long long>(personas[static_cast<size_t>(p)]));
  std::fprintf(stderr, "\n  events written in %.2f s (%llu bytes) to %s\n", secs, static_cast<unsigned long long>(bytes_), o_.out.c_str());
}

}  // namespace gen
