// Deterministic randomness for pqlscope-gen.
//
// The same seed must give byte-identical output on every platform and standard library, so
// nothing here uses std::*_distribution, std::rand, std::exp/std::log/std::pow (libm results
// may differ in the last bit between implementations). Only IEEE basic operations (+ - * /),
// which are correctly rounded everywhere, plus exact helpers (ldexp, frexp, floor).
#pragma once

#include <cmath>
#include <cstdint>

namespace gen {

inline uint64_t splitmix64_next(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

inline uint64_t hash2(uint64_t a, uint64_t b) {
  uint64_t s = a ^ (b * 0xD6E8FEB86659FD93ull + 0x632BE59BD9B4E019ull);
  return splitmix64_next(s);
}

// Seed of an independent stream identified by (seed, tag, a, b).
inline uint64_t stream_seed(uint64_t seed, uint64_t tag, uint64_t a = 0, uint64_t b = 0) {
  return hash2(hash2(hash2(seed, tag), a), b);
}

// exp(x) from basic operations only: Cody-Waite range reduction, Taylor series, exact ldexp.
inline double det_exp(double x) {
  if (x < -700.0) return 0.0;
  if (x > 700.0) x = 700.0;
  constexpr double kInvLn2 = 1.4426950408889634;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= ~0.35
  double term = 1.0, sum = 1.0;
  for (int i = 1; i <= 20; ++i) {
    term = term * r / static_cast<double>(i);
    sum = sum + term;
  }
  return std::ldexp(sum, static_cast<int>(k));
}

// log(x) for x > 0 from basic operations only: exact frexp, then the atanh series.
inline double det_log(double x) {
  if (!(x > 0.0)) return -745.0;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752) {
    m = m * 2.0;
    e -= 1;
  }
  const double s = (m - 1.0) / (m + 1.0);  // |s| <= 0.1716
  const double s2 = s * s;
  double term = s, sum = 0.0;
  for (int i = 0; i < 16; ++i) {
    sum = sum + term / static_cast<double>(2 * i + 1);
    term = term * s2;
  }
  constexpr double kLn2 = 0.69314718055994530942;
  return static_cast<double>(e) * kLn2 + 2.0 * sum;
}

// xoshiro256** (Blackman & Vigna), seeded through splitmix64.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (auto& v : s_) v = splitmix64_next(x);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1].
  double uniform_pos() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  // Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject).
  uint64_t below(uint64_t n) {
    if (n <= 1) return 0;
    uint64_t hi = 0;
    uint64_t lo = mul128(next(), n, hi);
    if (lo < n) {
      const uint64_t threshold = (0 - n) % n;
      while (lo < threshold) lo = mul128(next(), n, hi);
    }
    return hi;
  }
  // Uniform integer in [lo, hi] (inclusive).
  int64_t range(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  double range_d(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  // Approximately standard normal (Irwin-Hall sum of 12 uniforms): no transcendental calls.
  double normal() {
    double s = 0.0;
    for (int i = 0; i < 12; ++i) s = s + uniform();
    return s - 6.0;
  }
  double exponential(double mean) { return -mean * det_log(uniform_pos()); }
  // Log-normal with mean 1 and log-sd sigma.
  double lognormal1(double sigma) { return det_exp(sigma * normal() - 0.5 * sigma * sigma); }
  // log-uniform in [lo, hi].
  double log_uniform(double lo, double hi) {
    return det_exp(det_log(lo) + (det_log(hi) - det_log(lo)) * uniform());
  }
  // Poisson(lambda): Knuth's product method on chunks of at most 16 (exact, O(lambda)).
  uint32_t poisson(double lambda) {
    uint32_t n = 0;
    static const double kExpMinus16 = det_exp(-16.0);
    while (lambda > 16.0) {
      n += knuth(kExpMinus16);
      lambda -= 16.0;
    }
    if (lambda > 0.0) n += knuth(det_exp(-lambda));
    return n;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  // 64 x 64 -> 128-bit product in portable C++: returns the low half, `hi` gets the high half.
  static uint64_t mul128(uint64_t a, uint64_t b, uint64_t& hi) {
    const uint64_t a_lo = a & 0xFFFFFFFFull, a_hi = a >> 32, b_lo = b & 0xFFFFFFFFull, b_hi = b >> 32;
    const uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
    const uint64_t mid = (p0 >> 32) + (p1 & 0xFFFFFFFFull) + (p2 & 0xFFFFFFFFull);
    hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
    return (mid << 32) | (p0 & 0xFFFFFFFFull);
  }
  uint32_t knuth(double limit) {
    uint32_t k = 0;
    double p = uniform_pos();
    while (p > limit) {
      ++k;
      p = p * uniform_pos();
    }
    return k;
  }
  uint64_t s_[4];
};

}  // namespace gen
