// pqlscope-gen: the event tables and the counting helpers.
#include "world.hpp"

#include <cstdio>

namespace gen {

Table make_table(double step, double admin, double sso, double audit) {
  Table t;
  uint64_t acc = 0;
  double imp = 0;
  for (int i = 0; i < kNumEvents; ++i) {
    double w = 1.0e6 * det_exp(-1.07 * det_log(static_cast<double>(i + 1)));
    if (kEvents[i].kind == kStep) w *= step;
    if (kEvents[i].kind == kAdmin) w *= admin;
    if (i == kEvSsoConfigured) w *= sso;
    if (i == kEvAuditLogViewed) w *= audit;
    const uint32_t wi = static_cast<uint32_t>(w + 0.5);
    acc += wi;
    t.cum[static_cast<size_t>(i)] = static_cast<uint32_t>(acc);
    imp += static_cast<double>(wi) * kEvents[i].importance;
  }
  t.total = static_cast<uint32_t>(acc);
  t.mean_importance = imp / static_cast<double>(acc);
  return t;
}

std::vector<int64_t> allocate(int64_t n, const double* share, int k) {
  std::vector<int64_t> c(k);
  std::vector<std::pair<double, int>> rem;
  int64_t used = 0;
  for (int i = 0; i < k; ++i) {
    const double x = share[i] * static_cast<double>(n);
    c[i] = static_cast<int64_t>(x);
    used += c[i];
    rem.push_back({x - static_cast<double>(c[i]), i});
  }
  std::sort(rem.begin(), rem.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (int j = 0; used < n; ++j, ++used) c[rem[static_cast<size_t>(j % k)].second]++;
  return c;
}

double percentile_linear(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double h = p * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(h);
  if (lo + 1 >= v.size()) return v.back();
  return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
}

std::string zero_pad(const char* prefix, uint64_t v, int width) {
  char b[40];
  std::snprintf(b, sizeof b, "%s%0*llu", prefix, width, static_cast<unsigned long long>(v));
  return b;
}

}  // namespace gen
