// The persona reason, written in place with the level phrases built once per scoring, against
// the chain of string additions it replaced, over every cell, NaN activation, counts of 1 and
// more, and net sentiments of +0, -0 and others (the "%+.2f" figure skips the library at zero).
#include <gtest/gtest.h>

#include <cmath>

#include "pqlscope/segments/personas.hpp"
#include "segments/format.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;
using segments_detail::num;
using segments_detail::pct;

std::string reference_level_phrase(Level level, const LevelThresholds& t) {
  switch (level) {
    case Level::high: return "high >= " + num(t.high);
    case Level::medium: return "medium " + num(t.low) + "-" + num(t.high);
    case Level::low: return "low < " + num(t.low);
  }
  return "";
}

// The previous expression (the trial shape's note is empty here: no measured trial).
std::string reference_reason(const Model& model, double activation, const PersonaAssignment& p,
                             const CommunicationMetrics& c) {
  const PersonaModel& pm = model.personas;
  const int min_count = model.communication.active_min_count;
  return "activation " + (std::isnan(activation) ? std::string("n/a (counts as 0)") : pct(activation)) + " (" +
         reference_level_phrase(p.levels.activation, pm.activation_levels) + "), engagement " + num(p.engagement) +
         " (" + reference_level_phrase(p.levels.engagement, pm.engagement_levels) + "), " + std::to_string(c.count) +
         (c.count == 1 ? " communication (" : " communications (") +
         (c.level == CommunicationLevel::active ? "active >= " : "low < ") + std::to_string(min_count) +
         "), net sentiment " + segments_detail::signed2(c.net_sentiment) + " (" + to_string(c.sentiment) + ")" +
         " -> " + display_name(p.persona) + ", " + pct(100.0 * p.probability) + " to convert";
}

TEST(PersonaReason, InPlaceTextEqualsTheStringChain) {
  World w;
  w.model.personas.activation_levels = {66.7, 33.3};  // high, low: decimals in the phrases
  std::vector<AccountFacts> facts;
  std::vector<double> activations;
  const double activation_values[] = {std::nan(""), 0, 12.34, 33.3, 50, 66.7, 99.95, 100};
  const double engagement_values[] = {0, 0.05, 39.99, 40, 55.55, 70, 100};
  const double sentiments[] = {0.0, -0.0, 1.0 / 3, -0.125, 0.005, -0.994, 1, -1};
  const uint64_t counts[] = {0, 1, 2, 17};
  std::size_t i = 0;
  for (const double activation : activation_values) {
    for (const double engagement : engagement_values) {
      const uint32_t a = w.account("a" + std::to_string(i), info(Plan::trial));
      w.activation(a, activation);
      w.engagement(a, 0, engagement);
      AccountFacts f;
      f.exists = true;
      f.stage = Stage::trial;
      f.communication.count = counts[i % 4];
      f.communication.level = i % 3 == 0 ? CommunicationLevel::active : CommunicationLevel::low;
      f.communication.net_sentiment = sentiments[i % 8];
      f.communication.sentiment = i % 2 == 0 ? NetSentiment::neutral : NetSentiment::negative;
      facts.push_back(f);
      activations.push_back(activation);
      ++i;
    }
  }
  const PersonaReport r = compute_personas(w.model, w.metrics, facts);
  ASSERT_EQ(r.assignments.size(), facts.size());
  for (uint32_t a = 0; a < facts.size(); ++a) {
    const PersonaAssignment* p = r.find(a);
    ASSERT_NE(p, nullptr);
    const std::string want = reference_reason(w.model, activations[a], *p, facts[a].communication);
    EXPECT_EQ(p->reason, want);
    EXPECT_EQ(assign_persona(w.model, w.metrics, facts[a], a).reason, want);
  }
  EXPECT_NE(r.find(1)->reason.find("net sentiment -0.00"), std::string::npos);  // -0.0 keeps its sign
  EXPECT_NE(r.find(0)->reason.find("net sentiment +0.00"), std::string::npos);
}

}  // namespace
}  // namespace pqlscope
