#include "pqlscope/aggregate/event_stats.hpp"

namespace pqlscope {
namespace {
// Distinct entities and the total count per event, in one pass over the log: mark (entity,
// event) pairs as seen, one bit vector per event.
void count_distinct(const DayLog& days, size_t entities, size_t events,
                    std::vector<uint64_t>& distinct, std::vector<uint64_t>& total) {
  std::vector<std::vector<bool>> seen(events, std::vector<bool>(entities, false));
  for (const DayCount& d : days) {
    total[d.event] += d.count;
    if (!seen[d.event][d.entity]) {
      seen[d.event][d.entity] = true;
      ++distinct[d.event];
    }
  }
}
}  // namespace

std::vector<EventNameStats> event_name_stats(const Aggregates& a) {
  const size_t n = a.event_names.size();
  std::vector<EventNameStats> stats(n);
  std::vector<uint64_t> accounts(n, 0), users(n, 0);
  // Totals from the account table, or the user table for events no account saw.
  std::vector<uint64_t> account_total(n, 0), user_total(n, 0);
  count_distinct(a.account_days, a.accounts.size(), n, accounts, account_total);
  count_distinct(a.user_days, a.users.size(), n, users, user_total);
  for (size_t e = 0; e < n; ++e) {
    stats[e].name = a.event_names[e];
    stats[e].distinct_accounts = accounts[e];
    stats[e].distinct_users = users[e];
  }
  for (size_t e = 0; e < n; ++e) stats[e].total_count = std::max(account_total[e], user_total[e]);
  return stats;
}

}  // namespace pqlscope
