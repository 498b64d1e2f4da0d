// Personas: every one of the 18 cells of the default table, level boundaries, the sentiment split
// between Positive Procrastinator and Incompatible Ignoramus, and the forecast sums.
#include <gtest/gtest.h>

#include <tuple>

#include "pqlscope/segments/personas.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;
using L = Level;
using C = CommunicationLevel;
using P = Persona;

double value_of(Level l) { return l == L::high ? 85 : l == L::medium ? 55 : 15; }

// One trial account per (cell, sentiment) with hand-set metrics and facts.
struct Cell {
  L activation;
  L engagement;
  C communication;
  P positive;      // persona when net sentiment is positive
  P not_positive;  // neutral or negative
};

// docs/model.md "The persona table", typed out independently of default_persona_table().
const Cell kCells[] = {
    {L::high, L::high, C::active, P::golden_lead, P::golden_lead},
    {L::high, L::high, C::low, P::silent_success, P::silent_success},
    {L::high, L::medium, C::active, P::contrary_converter, P::contrary_converter},
    {L::high, L::medium, C::low, P::fizzler, P::fizzler},
    {L::high, L::low, C::active, P::fizzler, P::fizzler},
    {L::high, L::low, C::low, P::fizzler, P::fizzler},
    {L::medium, L::high, C::active, P::contrary_converter, P::contrary_converter},
    {L::medium, L::high, C::low, P::silent_success, P::silent_success},
    {L::medium, L::medium, C::active, P::contrary_converter, P::contrary_converter},
    {L::medium, L::medium, C::low, P::contrary_converter, P::contrary_converter},
    {L::medium, L::low, C::active, P::positive_procrastinator, P::incompatible_ignoramus},
    {L::medium, L::low, C::low, P::fizzler, P::fizzler},
    {L::low, L::high, C::active, P::contrary_converter, P::contrary_converter},
    {L::low, L::high, C::low, P::unclassified, P::unclassified},
    {L::low, L::medium, C::active, P::positive_procrastinator, P::contrary_converter},
    {L::low, L::medium, C::low, P::heartbreaker, P::heartbreaker},
    {L::low, L::low, C::active, P::positive_procrastinator, P::incompatible_ignoramus},
    {L::low, L::low, C::low, P::heartbreaker, P::heartbreaker},
};

TEST(Persona, EveryCellOfTheDefaultTable) {
  static_assert(std::size(kCells) == 18);
  World w;
  std::vector<AccountFacts> facts;
  std::vector<std::tuple<uint32_t, P, NetSentiment>> expected;
  for (const Cell& c : kCells) {
    for (NetSentiment s : {NetSentiment::positive, NetSentiment::neutral, NetSentiment::negative}) {
      const uint32_t a = w.account("a" + std::to_string(facts.size()), info(Plan::trial));
      w.activation(a, value_of(c.activation));
      w.engagement(a, 0, value_of(c.engagement));
      AccountFacts f;
      f.exists = true;
      f.stage = Stage::trial;
      f.communication.level = c.communication;
      f.communication.sentiment = s;
      facts.push_back(f);
      expected.emplace_back(a, s == NetSentiment::positive ? c.positive : c.not_positive, s);
    }
  }
  const PersonaReport r = compute_personas(w.model, w.metrics, facts);
  ASSERT_EQ(r.assignments.size(), 54u);  // every trial account exactly one persona
  for (const auto& [a, persona, sentiment] : expected) {
    const PersonaAssignment* p = r.find(a);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->persona, persona) << "cell " << to_string(p->levels.activation) << "/"
                                   << to_string(p->levels.engagement) << "/" << to_string(p->levels.communication)
                                   << " sentiment " << to_string(sentiment);
    ASSERT_NE(p->rule, nullptr);
    EXPECT_FALSE(p->rule->reason.empty());
  }
  // The grid counts 3 accounts (one per sentiment) in each of the 18 cells.
  for (const auto& by_engagement : r.grid)
    for (const auto& by_comm : by_engagement)
      for (uint32_t n : by_comm) EXPECT_EQ(n, 3u);
}

TEST(Persona, LevelBoundaries) {
  const PersonaModel m;
  CommunicationMetrics c;
  EXPECT_EQ(persona_levels(m, 70, 0, c).activation, L::high);
  EXPECT_EQ(persona_levels(m, 69.99, 0, c).activation, L::medium);
  EXPECT_EQ(persona_levels(m, 40, 0, c).activation, L::medium);
  EXPECT_EQ(persona_levels(m, 39.99, 0, c).activation, L::low);
  EXPECT_EQ(persona_levels(m, kNaN, 70, c).activation, L::low);  // no steps counts as 0
  EXPECT_EQ(persona_levels(m, 0, 70, c).engagement, L::high);
  EXPECT_EQ(persona_levels(m, 0, 39.99, c).engagement, L::low);
}

TEST(Persona, OnlyExistingTrialAccountsGetOne) {
  World w;
  const uint32_t trial = w.account("trial", info(Plan::trial));
  w.account("paid", info(Plan::self_serve));
  w.account("free", info(Plan::free));
  w.account("future", info(Plan::trial), w.metrics.as_of_day + 1);
  const SegmentReport r = w.segments();
  ASSERT_EQ(r.personas.assignments.size(), 1u);
  EXPECT_EQ(r.personas.assignments[0].account, trial);
  EXPECT_EQ(r.personas.assignments[0].persona, P::heartbreaker);  // nothing done, silent
}

// End to end through ingest: the communications file's sentiment separates Positive
// Procrastinator from Incompatible Ignoramus (same levels: low / low / active).
TEST(Persona, SentimentSplitsPositiveProcrastinatorFromIncompatibleIgnoramus) {
  const int32_t d = kDay0;
  std::string events;
  for (const char* a : {"pos", "mixed", "neg", "silent_events"}) events += rows(d, a, std::string(a) + "_u", "login");
  events += rows(d + 1, "silent_events", "silent_events_u", "call_booked", 2);
  const std::string comms = "account_id,timestamp,channel,sentiment\n"
                            "pos," + at(d + 1) + ",email,positive\n"
                            "pos," + at(d + 2) + ",call,neutral\n"
                            "mixed," + at(d + 1) + ",email,positive\n"
                            "mixed," + at(d + 2) + ",email,negative\n"
                            "neg," + at(d + 1) + ",email,negative\n"
                            "neg," + at(d + 2) + ",email,neutral\n";
  const Aggregates ag = ingest(events, {}, comms);
  Model model;
  model.communication.event_names = {"call_booked"};
  const SegmentReport r = compute_segments_as_of(ag, model, d + 3);
  auto persona = [&](const char* id) { return r.personas.find(ag.find_account(id))->persona; };
  EXPECT_EQ(persona("pos"), P::positive_procrastinator);           // net +0.5
  EXPECT_EQ(persona("mixed"), P::incompatible_ignoramus);          // net 0: neutral
  EXPECT_EQ(persona("neg"), P::incompatible_ignoramus);            // net -0.5
  EXPECT_EQ(persona("silent_events"), P::incompatible_ignoramus);  // 2 comms, no sentiment data
  const PersonaAssignment* p = r.personas.find(ag.find_account("pos"));
  EXPECT_EQ(p->reason,
            "activation n/a (counts as 0) (low < 40), engagement 0 (low < 40), 2 communications (active >= 2), "
            "net sentiment +0.50 (positive) -> Positive Procrastinator, 30% to convert");
  // A stricter positive threshold turns "pos" into an Incompatible Ignoramus.
  model.personas.sentiment.positive_above = 0.5;
  const SegmentReport strict = compute_segments_as_of(ag, model, d + 3);
  EXPECT_EQ(strict.personas.find(ag.find_account("pos"))->persona, P::incompatible_ignoramus);
}

TEST(PersonaForecast, SumsDealValueTimesProbabilityPerPersonaAndTotal) {
  World w;
  w.model.deal_size.default_deal_value = {1000, 10000, 100000};
  AccountInfo own = info(Plan::trial, 10);
  own.deal_value = 5000;
  const uint32_t golden = w.account("golden", own);              // 5000 x 0.90 = 4500
  const uint32_t golden_mid = w.account("golden_mid", info(Plan::trial, 200));  // default 10000 x 0.90
  const uint32_t heart = w.account("heart", info(Plan::trial, 5000));  // default 100000 x 0.05
  const uint32_t unknown = w.account("unknown", info(Plan::trial));    // small default 1000, heartbreaker
  const uint32_t paid = w.account("paid", info(Plan::enterprise, 5000));  // not in the forecast
  for (uint32_t a : {golden, golden_mid, paid}) {
    w.activation(a, 100);
    w.engagement(a, 0, 100);
  }
  // Golden Lead needs active communication: set it through the communications of the world.
  for (uint32_t a : {golden, golden_mid}) {
    for (int i = 0; i < 2; ++i) {
      w.aggregates.communications.push_back({a, static_cast<uint16_t>(w.metrics.as_of_day), 0, Sentiment::positive, 1});
    }
  }
  std::sort(w.aggregates.communications.begin(), w.aggregates.communications.end(),
            [](const CommunicationCount& x, const CommunicationCount& y) { return x.account < y.account; });
  w.aggregates.channels = {"email"};
  const SegmentReport r = w.segments();
  const PersonaReport& p = r.personas;
  ASSERT_EQ(p.assignments.size(), 4u);
  EXPECT_EQ(p.find(golden)->persona, P::golden_lead);
  EXPECT_EQ(p.find(golden_mid)->persona, P::golden_lead);
  EXPECT_EQ(p.find(heart)->persona, P::heartbreaker);
  EXPECT_EQ(p.find(unknown)->persona, P::heartbreaker);
  EXPECT_FALSE(p.find(golden)->deal_value_is_default);
  EXPECT_TRUE(p.find(golden_mid)->deal_value_is_default);
  const ForecastRow& g = p.by_persona[static_cast<std::size_t>(P::golden_lead)];
  EXPECT_EQ(g.accounts, 2u);
  EXPECT_DOUBLE_EQ(g.deal_value, 15000);
  EXPECT_DOUBLE_EQ(g.expected_revenue, 4500 + 9000);
  const ForecastRow& h = p.by_persona[static_cast<std::size_t>(P::heartbreaker)];
  EXPECT_EQ(h.accounts, 2u);
  EXPECT_DOUBLE_EQ(h.deal_value, 101000);
  EXPECT_DOUBLE_EQ(h.expected_revenue, 5000 + 50);
  EXPECT_EQ(p.total.accounts, 4u);
  EXPECT_DOUBLE_EQ(p.total.deal_value, 116000);
  EXPECT_DOUBLE_EQ(p.total.expected_revenue, 13500 + 5050);
  double sum = 0;
  for (const ForecastRow& row : p.by_persona) sum += row.expected_revenue;
  EXPECT_DOUBLE_EQ(sum, p.total.expected_revenue);
  // Probabilities are model parameters.
  w.model.personas.probabilities[static_cast<std::size_t>(P::heartbreaker)] = 0.5;
  EXPECT_DOUBLE_EQ(w.segments().personas.total.expected_revenue, 13500 + 50500);
}

}  // namespace
}  // namespace pqlscope
