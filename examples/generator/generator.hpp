// pqlscope-gen: the generator. Its work is split by concern: accounts.cpp (accounts, users,
// names), trials.cpp (current trials and the daily activity model), calibration.cpp,
// communications.cpp, writers.cpp (the output files); main.cpp runs the steps in order.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "options.hpp"
#include "world.hpp"

namespace gen {

class Generator {
 public:
  explicit Generator(const Options& o);
  void run();

 private:
  // ---------------------------------------------------------------- accounts
  void make_accounts();
  int64_t day_ts(int day_index) const { return (start_day_ + day_index) * kDay; }
  int session_second(Rng& r, int tz_min) const;
  void init_account(Account& a, Rng& r);
  void plan_trial_account(Account& a, Rng& r);

  // ---------------------------------------------------------------- users
  int small_users(Rng& r) const;
  void make_users();

  // ---------------------------------------------------------------- names and domains
  std::string tld(Rng& r, int region) const;
  std::string legal(Rng& r, int region) const;
  std::string unique_domain(const std::string& base, const std::string& t, Rng& r);
  void make_names();

  // ---------------------------------------------------------------- current trials
  double wd_factor(int day) const { return (weekday(start_day_ + day) % 6 == 0) ? 0.35 : 1.0; }
  void plan_trials();

  // ---------------------------------------------------------------- activity model
  double lifecycle(const Account& a, int t) const;
  const Table& table_for(const Account& a, int t) const;
  static uint64_t key(int sec, uint32_t user, int ev);
  int after_signup(const Account& a, int t, int sec) const;
  template <class NextEvent>
  void session(const Account& a, int t, uint32_t user, int n, Rng& r, NextEvent&& next, std::vector<uint64_t>& out) const;
  void events_as_sessions(const Account& a, int t, uint32_t user, uint32_t n, const Table& tab, Rng& r,
                          std::vector<uint64_t>& out) const;
  void poisson_day(uint32_t ai, int t, std::vector<uint64_t>& out) const;
  std::vector<int> fill_budget(int64_t budget, Rng& r) const;
  void trial_day(uint32_t ai, int t, std::vector<uint64_t>& out) const;
  void account_day(uint32_t ai, int t, std::vector<uint64_t>& out) const;

  // ---------------------------------------------------------------- calibration
  double planted_p90(const std::vector<double>& others, double p0) const;
  double events_for_budget(int64_t B) const;
  double trial_events_estimate(double P) const;
  void calibrate();

  // ---------------------------------------------------------------- communications
  int64_t comm_time(Rng& r, const Account& a, int day, int64_t lo, int64_t hi) const;
  uint32_t comm_user(Rng& r, const Account& a, int day) const;
  void make_comms();

  // ---------------------------------------------------------------- writing
  void write_accounts();
  void write_personas();
  void write_comms();
  void uuid(uint64_t idx, char* out) const;  // 36 chars, RFC 4122 version-4 layout
  uint64_t write_events();
  void summary(uint64_t n, double secs) const;

  Options o_;
  int64_t end_day_ = 0, start_day_ = 0;
  int D_ = 0, E_ = 0, W0_ = 0;
  Table trial_tab_, paid_tab_, ent_tab_, free_tab_;
  std::vector<Account> accounts_;
  std::vector<User> users_;
  std::vector<std::string> user_ids_;
  std::vector<TrialPlan> trial_plans_;
  std::vector<Comm> comms_;
  std::set<std::string> names_, domains_;
  mutable std::vector<double> fill_cost_;
  double scale_ = 1.0;
  double p90_ = 1.0;
  uint64_t bytes_ = 0;
};

}  // namespace gen
