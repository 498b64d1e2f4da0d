// The example generator's planted personas come out as planted (issue 4): the committed sample
// in examples/data/ scored with examples/model.json. Prints the agreement rate.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "pqlscope/model/model_json.hpp"
#include "segments/segments_test_util.hpp"
#include "support/files.hpp"

namespace pqlscope {
namespace {

namespace fs = std::filesystem;

using pqlscope::testing::read_whole_file;

TEST(PersonaPlanted, ExampleSampleAgreesWithThePlantedPersonas) {
  const fs::path dir = fs::path(PQLSCOPE_SOURCE_DIR) / "examples";
  for (const char* f : {"data/events.csv", "data/accounts.csv", "data/communications.csv",
                        "data/planted_personas.csv", "model.json"}) {
    ASSERT_TRUE(fs::exists(dir / f)) << "no " << (dir / f) << " (the bundled example is missing)";
  }
  Ingestor in;
  in.begin_file("events.csv");
  in.feed(read_whole_file(dir / "data/events.csv"));
  in.begin_file("accounts.csv", {.kind = FileKind::accounts});
  in.feed(read_whole_file(dir / "data/accounts.csv"));
  in.begin_file("communications.csv", {.kind = FileKind::communications});
  in.feed(read_whole_file(dir / "data/communications.csv"));
  const Aggregates ag = in.finish();
  const Model model = parse_model(read_whole_file(dir / "model.json"));
  const SegmentReport report = compute_segments_as_of(ag, model, resolve_as_of_day(ag, model));

  std::istringstream planted(read_whole_file(dir / "data/planted_personas.csv"));
  std::string line;
  std::getline(planted, line);  // header
  std::map<std::string, std::pair<int, int>> per_persona;  // planted -> (agree, total)
  int agree = 0, total = 0;
  while (std::getline(planted, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto comma = line.find(',');
    if (comma == std::string::npos) continue;
    const std::string account = line.substr(0, comma), persona = line.substr(comma + 1);
    if (persona == "unplanted") continue;
    const uint32_t a = ag.find_account(account);
    ASSERT_NE(a, kNoAccount) << account;
    const PersonaAssignment* p = report.personas.find(a);
    ASSERT_NE(p, nullptr) << account << " is planted as a trial but got no persona";
    const bool ok = persona == to_string(p->persona);
    if (!ok) std::printf("  %s: planted %s, got %s (%s)\n", account.c_str(), persona.c_str(), to_string(p->persona), p->reason.c_str());
    agree += ok;
    ++total;
    per_persona[persona].first += ok;
    per_persona[persona].second += 1;
  }
  ASSERT_GT(total, 0);
  for (const Segment& seg : report.segments) std::printf("  segment %-24s %zu\n", seg.id.c_str(), seg.members.size());
  for (const UserSegment& seg : report.user_segments) std::printf("  users   %-24s %zu\n", seg.id.c_str(), seg.members.size());
  std::printf("  forecast: %u trial accounts, deal value %.0f, expected %.0f\n", report.personas.total.accounts,
              report.personas.total.deal_value, report.personas.total.expected_revenue);
  // Every existing trial account has exactly one persona.
  std::size_t trials = 0;
  for (const AccountFacts& f : report.accounts) trials += f.exists && f.stage == Stage::trial;
  EXPECT_EQ(report.personas.assignments.size(), trials);
  std::printf("planted personas: %d of %d agree (%.1f%%)\n", agree, total, 100.0 * agree / total);
  for (const auto& [persona, counts] : per_persona) {
    std::printf("  %-24s %d / %d\n", persona.c_str(), counts.first, counts.second);
    EXPECT_GT(2 * counts.first, counts.second) << "most " << persona << " accounts must come out as planted";
  }
}

}  // namespace
}  // namespace pqlscope
