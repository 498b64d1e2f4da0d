// pqlscope-gen: accounts (plans, personas, sizes, trials), their users, names and domains.
#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace gen {

void Generator::make_accounts() {
  const int64_t N = o_.accounts;
  auto counts = allocate(N, kPlanShare, kNumPlans);
  std::vector<int> plans;
  for (int p = 0; p < kNumPlans; ++p)
    for (int64_t i = 0; i < counts[p]; ++i) plans.push_back(p);
  Rng pr(stream_seed(o_.seed, kTagPlans));
  shuffle(plans, pr);
  const int64_t n_trials = counts[kTrial];
  auto pcounts = allocate(n_trials, kPersonaShare, kNumPersonas);
  std::vector<int> personas;
  for (int p = 0; p < kNumPersonas; ++p)
    for (int64_t i = 0; i < pcounts[p]; ++i) personas.push_back(p);
  Rng rr(stream_seed(o_.seed, kTagPersonas));
  shuffle(personas, rr);

  std::vector<Account> acc(static_cast<size_t>(N));
  size_t next_persona = 0;
  for (int64_t i = 0; i < N; ++i) {
    Account& a = acc[static_cast<size_t>(i)];
    a.plan = plans[static_cast<size_t>(i)];
    if (a.plan == kTrial) a.persona = personas[next_persona++];
    Rng r(stream_seed(o_.seed, kTagAccount, static_cast<uint64_t>(i)));
    init_account(a, r);
  }
  // Ids in signup order, as a real product numbers its accounts.
  std::vector<uint32_t> order(acc.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return acc[x].signup_ts != acc[y].signup_ts ? acc[x].signup_ts < acc[y].signup_ts : x < y;
  });
  const int width = N > 99999 ? static_cast<int>(std::to_string(N).size()) : 5;
  accounts_.reserve(acc.size());
  for (uint32_t k = 0; k < order.size(); ++k) {
    accounts_.push_back(std::move(acc[order[k]]));
    accounts_.back().id = zero_pad("acc_", k + 1, width);
  }
}

// A second of the UTC day for a local time in working hours of the account's zone.
int Generator::session_second(Rng& r, int tz_min) const {
  const int hour = pick_weighted(r, kHourWeights);
  const int local = hour * 3600 + static_cast<int>(r.below(3600));
  int s = (local - tz_min * 60) % 86400;
  if (s < 0) s += 86400;
  return s;
}

void Generator::init_account(Account& a, Rng& r) {
  a.region = pick_weighted(r, std::array<int, 4>{45, 33, 15, 7});
  {
    const auto& tzs = kTzByRegion[a.region];
    std::vector<int> w;
    for (auto& t : tzs) w.push_back(t.weight);
    a.tz_min = tzs[static_cast<size_t>(pick_weighted(r, w))].minutes;
  }
  a.industry = static_cast<int>(r.below(std::size(kIndustries)));
  a.rate = r.lognormal1(0.7);
  a.trend = r.range_d(-0.3, 0.4);
  auto employees_mixture = [&]() -> int64_t {
    const double u = r.uniform();
    if (u < 0.70) return static_cast<int64_t>(r.log_uniform(2, 49.99));
    if (u < 0.92) return static_cast<int64_t>(r.log_uniform(50, 999.99));
    return static_cast<int64_t>(r.log_uniform(1000, 20000));
  };
  auto at_day = [&](int day_index) {  // a signup moment in local working hours
    return day_ts(day_index) + session_second(r, a.tz_min);
  };
  const int last_past_trial_day = E_ - 21;  // past trials: their trial ended before the window
  switch (a.plan) {
    case kEnterprise: {
      a.employees = static_cast<int64_t>(r.log_uniform(200, 60000));
      a.signup_ts = at_day(-static_cast<int>(r.range(150, 1500)));
      if (r.chance(0.5)) a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
      a.converted_ts = a.signup_ts + r.range(20, 120) * kDay + r.range(0, 36000);
      a.converted = true;
      break;
    }
    case kSelfServe: {
      a.employees = static_cast<int64_t>(r.log_uniform(2, 800));
      if (r.chance(0.4) && last_past_trial_day > 0) {
        a.signup_ts = at_day(static_cast<int>(r.range(0, last_past_trial_day)));
        a.period_trial = true;
      } else {
        a.signup_ts = at_day(-static_cast<int>(r.range(20, 1200)));
      }
      a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
      a.converted_ts = a.trial_end_ts + r.range(-7, 5) * kDay + r.range(-7200, 7200);
      a.converted = true;
      break;
    }
    case kFree: {
      a.employees = static_cast<int64_t>(r.log_uniform(1, 200));
      if (r.chance(0.5) && last_past_trial_day > 0) {
        a.signup_ts = at_day(static_cast<int>(r.range(0, last_past_trial_day)));
        a.period_trial = true;
      } else {
        a.signup_ts = at_day(-static_cast<int>(r.range(20, 900)));
      }
      a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
      a.rate *= 0.3;
      break;
    }
    case kChurned: {
      a.employees = static_cast<int64_t>(r.log_uniform(2, 2000));
      const int latest_churn = E_ - 10;
      if (r.chance(0.2) && E_ - 60 > 0) {
        a.signup_ts = at_day(static_cast<int>(r.range(0, std::max(0, E_ - 90))));
        a.period_trial = true;
      } else {
        a.signup_ts = at_day(-static_cast<int>(r.range(60, 1000)));
      }
      a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
      a.converted_ts = a.trial_end_ts + r.range(-5, 3) * kDay + r.range(-7200, 7200);
      a.converted = true;
      const int sd = static_cast<int>(floor_div(a.signup_ts, kDay) - start_day_);
      const int earliest = std::max(sd + kTrialDays + 20, 10);
      a.churn_day = latest_churn > earliest ? static_cast<int>(r.range(earliest, latest_churn)) : std::max(1, latest_churn);
      a.fade_start = a.churn_day - static_cast<int>(r.range(14, 45));
      a.rate *= 0.9;
      break;
    }
    case kTrial: {
      a.employees = employees_mixture();
      plan_trial_account(a, r);
      break;
    }
  }
  if (a.employees < 1) a.employees = 1;
  a.signup_day = static_cast<int>(floor_div(a.signup_ts, kDay) - start_day_);
  if (a.trial_end_ts != kNone) a.trial_end_day = static_cast<int>(floor_div(a.trial_end_ts, kDay) - start_day_);
  else a.trial_end_day = a.signup_day;

  // Money and ownership.
  auto round100 = [](double v) { return static_cast<int64_t>(v / 100.0 + 0.5) * 100; };
  auto potential = [&]() -> int64_t {
    if (a.employees < 50) return round100(r.range_d(1200, 9000));
    if (a.employees < 1000) return round100(r.range_d(9000, 60000));
    return round100(r.range_d(60000, 300000));
  };
  switch (a.plan) {
    case kTrial:
      a.deal_value = potential();
      a.owner = static_cast<int>(r.below(5));
      break;
    case kFree:
      a.deal_value = potential();
      a.owner = r.chance(0.3) ? static_cast<int>(r.below(5)) : -1;
      break;
    case kSelfServe:
    case kChurned:
      a.owner = 5 + static_cast<int>(r.below(5));
      break;
    case kEnterprise:
      a.owner = 5 + static_cast<int>(r.below(5));
      break;
  }
}

// Signup and persona-specific parameters of a current trial account.
void Generator::plan_trial_account(Account& a, Rng& r) {
  int ago_min = 1, ago_max = 20;
  switch (a.persona) {
    case kGoldenLead: case kSilentSuccess: ago_min = 4; ago_max = 18; break;
    case kContraryConverter: ago_min = 9; ago_max = 18; break;
    case kFizzler: ago_min = 12; ago_max = 20; break;
    case kPositiveProcrastinator: case kIncompatibleIgnoramus: case kHeartbreaker: ago_min = 8; ago_max = 20; break;
    default: break;
  }
  switch (a.persona) {
    case kGoldenLead: case kSilentSuccess: a.employees = static_cast<int64_t>(r.log_uniform(10, 3000)); break;
    case kContraryConverter: a.employees = static_cast<int64_t>(r.log_uniform(50, 2000)); break;
    case kPositiveProcrastinator: a.employees = static_cast<int64_t>(r.log_uniform(5, 500)); break;
    case kFizzler: a.employees = static_cast<int64_t>(r.log_uniform(5, 300)); break;
    case kIncompatibleIgnoramus: a.employees = static_cast<int64_t>(r.log_uniform(2, 200)); break;
    case kHeartbreaker: a.employees = static_cast<int64_t>(r.log_uniform(2000, 100000)); break;
    default: break;
  }
  ago_max = std::min(ago_max, E_);
  ago_min = std::min(ago_min, ago_max);
  const int sd = E_ - static_cast<int>(r.range(ago_min, ago_max));
  a.signup_ts = day_ts(sd) + session_second(r, a.tz_min);
  // A signup late in the UTC day would squeeze the first day: keep it before 20:00 UTC.
  if (a.signup_ts - day_ts(sd) > 20 * 3600) a.signup_ts = day_ts(sd) + 8 * 3600 + r.range(0, 36000);
  a.trial_end_ts = a.signup_ts + kTrialDays * kDay;
}

int Generator::small_users(Rng& r) const {
  static constexpr int w[10] = {30, 22, 15, 10, 7, 5, 4, 3, 2, 2};
  return 1 + pick_weighted(r, w);
}

void Generator::make_users() {
  const size_t N = accounts_.size();
  std::vector<int64_t> n(N);
  int64_t total = 0;
  std::vector<uint32_t> enterprise, selfserve;
  for (size_t i = 0; i < N; ++i) {
    Account& a = accounts_[i];
    Rng r(stream_seed(o_.seed, kTagUsers, i));
    int64_t k;
    switch (a.persona) {
      case kGoldenLead: k = r.range(2, 8); break;
      case kSilentSuccess: k = r.range(1, 6); break;
      case kContraryConverter: k = r.range(2, 6); break;
      case kPositiveProcrastinator: case kFizzler: k = r.range(1, 4); break;
      case kIncompatibleIgnoramus: case kHeartbreaker: k = r.range(1, 3); break;
      default:
        k = a.plan == kEnterprise ? static_cast<int64_t>(r.log_uniform(5, 49.99)) : small_users(r);
    }
    n[i] = k;
    total += k;
    if (a.plan == kEnterprise) enterprise.push_back(static_cast<uint32_t>(i));
    if (a.plan == kSelfServe) selfserve.push_back(static_cast<uint32_t>(i));
  }
  const double target = o_.users_per_account * static_cast<double>(N);
  double rest = target - static_cast<double>(total);
  Rng lr(stream_seed(o_.seed, kTagLarge));
  if (rest > 0) {
    // A few large accounts (50-500 users), enterprise first, absorb the remainder.
    std::vector<uint32_t> cand = enterprise;
    shuffle(cand, lr);
    std::vector<uint32_t> ss = selfserve;
    shuffle(ss, lr);
    cand.insert(cand.end(), ss.begin(), ss.end());
    size_t j = 0;
    while (rest >= 50.0 && j < cand.size()) {
      const uint32_t i = cand[j++];
      int64_t k = static_cast<int64_t>(lr.log_uniform(50, 500.99));
      if (static_cast<double>(k) > rest + static_cast<double>(n[i])) k = std::max<int64_t>(50, static_cast<int64_t>(rest) + n[i]);
      rest -= static_cast<double>(k - n[i]);
      n[i] = k;
      accounts_[i].large = true;
    }
  } else if (rest < 0) {
    const double f = target / static_cast<double>(total);
    for (size_t i = 0; i < N; ++i)
      if (accounts_[i].plan != kTrial) n[i] = std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(n[i]) * f + 0.5));
  }
  uint64_t total_users = 0;
  for (size_t i = 0; i < N; ++i) total_users += static_cast<uint64_t>(n[i]);
  if (total_users >= (1ull << 40)) die("too many users");
  users_.reserve(total_users);
  for (size_t i = 0; i < N; ++i) {
    Account& a = accounts_[i];
    a.first_user = static_cast<uint32_t>(users_.size());
    a.n_users = static_cast<uint32_t>(n[i]);
    Rng r(stream_seed(o_.seed, kTagUsers, i, 1));
    for (int64_t k = 0; k < n[i]; ++k) {
      User u{};
      u.account = static_cast<uint32_t>(i);
      const double mult = r.lognormal1(0.9);
      u.mult = static_cast<float>(mult);
      u.p_active = static_cast<float>(std::min(0.95, 0.15 + 0.45 * r.uniform() + 0.1 * std::min(mult, 3.0)));
      if (a.signup_day < 0) {
        u.join_day = (k == 0 || r.chance(0.85)) ? -1 : static_cast<int>(r.range(0, D_ - 1));
        if (a.plan == kChurned && u.join_day > a.fade_start) u.join_day = -1;
      } else {
        u.join_day = k == 0 ? a.signup_day : a.signup_day + static_cast<int>(r.exponential(6.0));
      }
      users_.push_back(u);
    }
    // Seats and ARR for paying (and formerly paying) accounts.
    const int64_t users = n[i];
    if (a.plan == kSelfServe || a.plan == kChurned) {
      a.seats = users + r.range(0, 3);
      a.deal_value = a.seats * 12 * (r.chance(0.6) ? 29 : 49);
    } else if (a.plan == kEnterprise) {
      const double over = r.chance(0.2) ? r.range_d(3.0, 5.0) : r.range_d(1.05, 1.6);
      a.seats = std::max<int64_t>(users + 1, static_cast<int64_t>(static_cast<double>(users) * over));
      a.deal_value = std::max<int64_t>(20000, a.seats * 12 * static_cast<int64_t>(r.range(45, 90)) / 100 * 100);
    }
  }
  const int width = total_users > 9999999 ? static_cast<int>(std::to_string(total_users).size()) : 7;
  user_ids_.reserve(total_users);
  for (uint64_t u = 0; u < total_users; ++u) user_ids_.push_back(zero_pad("u_", u + 1, width));
}

std::string Generator::tld(Rng& r, int region) const {
  static const char* na[] = {".com", ".com", ".com", ".io", ".ai", ".co"};
  static const char* emea[] = {".com", ".com", ".de", ".co.uk", ".fr", ".eu", ".nl", ".io"};
  static const char* apac[] = {".com", ".com", ".com.au", ".jp", ".in", ".sg"};
  static const char* latam[] = {".com", ".com.br", ".mx", ".com.ar"};
  switch (region) {
    case 0: return na[r.below(std::size(na))];
    case 1: return emea[r.below(std::size(emea))];
    case 2: return apac[r.below(std::size(apac))];
    default: return latam[r.below(std::size(latam))];
  }
}

std::string Generator::legal(Rng& r, int region) const {
  switch (region) {
    case 0: return kLegalNA[r.below(std::size(kLegalNA))];
    case 1: return kLegalEMEA[r.below(std::size(kLegalEMEA))];
    case 2: return kLegalAPAC[r.below(std::size(kLegalAPAC))];
    default: return kLegalLATAM[r.below(std::size(kLegalLATAM))];
  }
}

std::string Generator::unique_domain(const std::string& base, const std::string& t, Rng& r) {
  const std::string forms[] = {base, "get" + base, base + "hq", "try" + base, base + "app"};
  for (const auto& f : forms)
    if (domains_.insert(f + t).second) return f + t;
  for (;;) {
    const std::string d = base + std::to_string(r.range(2, 999)) + t;
    if (domains_.insert(d).second) return d;
  }
}

void Generator::make_names() {
  Rng r(stream_seed(o_.seed, kTagNames));
  std::vector<bool> special_used(std::size(kSpecialNames), false);
  for (size_t i = 0; i < accounts_.size(); ++i) {
    Account& a = accounts_[i];
    if (a.persona != kHeartbreaker && r.chance(0.04)) {
      // The next unused hand-written name of the account's region.
      bool got = false;
      for (size_t s = 0; s < std::size(kSpecialNames) && !got; ++s) {
        if (special_used[s] || kSpecialNames[s].region != a.region) continue;
        special_used[s] = true;
        if (names_.insert(kSpecialNames[s].name).second && domains_.insert(kSpecialNames[s].domain).second) {
          a.name = kSpecialNames[s].name;
          a.domain = kSpecialNames[s].domain;
          a.special_name = true;
          got = true;
        }
      }
      if (got) continue;
    }
    for (int attempt = 0;; ++attempt) {
      std::string name, slug;
      const bool big = a.persona == kHeartbreaker || (a.plan == kEnterprise && a.employees >= 5000 && r.chance(0.6));
      const Word& p = (a.region == 1 || a.region == 3) && r.chance(0.12)
                          ? kRegionalPrefixes[r.below(std::size(kRegionalPrefixes))]
                          : kPrefixes[r.below(std::size(kPrefixes))];
      const Word& c = kCores[r.below(std::size(kCores))];
      if (big) {
        const char* tail = kBigLogoTails[r.below(std::size(kBigLogoTails))];
        if (r.chance(0.5)) { name = std::string(p.text) + " " + tail; slug = p.slug; }
        else { name = std::string(p.text) + " " + c.text + " " + tail; slug = std::string(p.slug) + c.slug; }
      } else {
        const double u = r.uniform();
        if (u < 0.35) {  // Cobalt Analytics
          name = std::string(p.text) + " " + c.text;
          slug = std::string(p.slug) + c.slug;
        } else if (u < 0.55) {  // Blue Harbor Analytics
          const Word& q = kPrefixes[r.below(std::size(kPrefixes))];
          name = std::string(p.text) + " " + q.text + " " + c.text;
          slug = std::string(p.slug) + q.slug;
        } else if (u < 0.70) {  // Cedarloop
          const Word& t = kCompoundTails[r.below(std::size(kCompoundTails))];
          name = std::string(p.text) + t.text;
          slug = std::string(p.slug) + t.slug;
        } else if (u < 0.80) {  // Cedarloop Analytics
          const Word& t = kCompoundTails[r.below(std::size(kCompoundTails))];
          name = std::string(p.text) + t.text + " " + c.text;
          slug = std::string(p.slug) + t.slug;
        } else if (u < 0.97) {  // Cobalt Analytics GmbH / Cobalt Analytics, Inc.
          std::string l = legal(r, a.region);
          name = std::string(p.text) + " " + c.text + (l[0] == ',' ? "" : " ") + l;
          slug = std::string(p.slug) + c.slug;
        } else if (u < 0.995) {  // Harbor & Finch
          const Word& q = kPrefixes[r.below(std::size(kPrefixes))];
          name = std::string(p.text) + " & " + q.text;
          slug = std::string(p.slug) + q.slug;
        } else {
          name = std::string("The \"") + p.text + "\" " + c.text + " Company";
          slug = std::string(p.slug) + c.slug;
        }
      }
      if (attempt > 30) {  // appended piecewise: g++ 12 warns falsely (-Wrestrict) on " " + string
        name += ' ';
        name += std::to_string(attempt);
      }
      if (!names_.insert(name).second) continue;
      a.name = name;
      for (auto& ch : slug) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
      a.domain = unique_domain(slug, tld(r, a.region), r);
      break;
    }
  }
  // Workspaces of the same company: a few accounts share the domain of a bigger account.
  if (accounts_.size() >= 20) {
    Rng wr(stream_seed(o_.seed, kTagWorkspaces));
    std::vector<uint32_t> parents, children;
    for (uint32_t i = 0; i < accounts_.size(); ++i) {
      const Account& a = accounts_[i];
      if ((a.plan == kEnterprise || a.plan == kSelfServe) && !a.special_name) parents.push_back(i);
      else if ((a.persona == -1 || a.persona == kUnplanted) && !a.special_name) children.push_back(i);
    }
    shuffle(parents, wr);
    shuffle(children, wr);
    const size_t k = std::min({std::max<size_t>(3, accounts_.size() * 15 / 1000), parents.size(), children.size()});
    for (size_t j = 0; j < k; ++j) {
      Account& c = accounts_[children[j]];
      const Account& p = accounts_[parents[j]];
      c.parent = static_cast<int>(parents[j]);
      c.domain = p.domain;
      c.employees = p.employees;
      c.industry = p.industry;
      std::string name = p.name + " (" + kDepartments[wr.below(std::size(kDepartments))] + ")";
      while (!names_.insert(name).second) name += "*";
      c.name = name;
    }
  }
}

}  // namespace gen
