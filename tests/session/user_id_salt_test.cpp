// --hash-user-ids: the session's outputs carry SHA-256(salt || id), never the raw id, and
// nothing else changes (docs/exports.md, "Hashed user ids").
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/exports.hpp"
#include "pqlscope/session/session.hpp"
#include "pqlscope/session/tool_exports.hpp"

namespace pqlscope {
namespace {

// SHA-256("abc") (FIPS 180-4): the hash of user "c" under the salt "ab".
constexpr const char* kHashOfC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

Aggregates two_users() {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n"
              "2024-01-01T10:00:00Z,acme,c,made\n2024-01-02T10:00:00Z,acme,raw-user-77,made\n");
  return ingest.finish();
}

const Model kModel = parse_model(R"({"activation": {"steps": [{"id": "made", "events": "made"}]}})");

TEST(UserIdSalt, EveryOutputCarriesTheSaltedHashNeverTheRawId) {
  Session session(two_users());
  session.set_user_id_salt("ab");
  session.score(Model(kModel));
  const std::string report = report_text(session.aggregates(), session.model(), session.full_result(), {});
  const std::string traits = tool_export_json(session, ToolExport::user_traits).at("csv");
  for (const std::string& text : {report, traits}) {
    EXPECT_NE(text.find(kHashOfC), std::string::npos);
    EXPECT_EQ(text.find("raw-user-77"), std::string::npos);
  }
  EXPECT_EQ(traits.substr(traits.find('\n') + 1, 64), kHashOfC);
  EXPECT_TRUE(session.user_ids_hashed());
}

TEST(UserIdSalt, SettingItAfterScoringAndRemovingItGivesBackTheSameReport) {
  Session session(two_users());
  session.score(Model(kModel));
  const std::string plain = report_text(session.aggregates(), session.model(), session.full_result(), {});
  session.set_user_id_salt("ab");
  const std::string hashed = report_text(session.aggregates(), session.model(), session.full_result(), {});
  EXPECT_NE(hashed.find(kHashOfC), std::string::npos);
  EXPECT_EQ(hashed.find("raw-user-77"), std::string::npos);
  session.set_user_id_salt(std::nullopt);
  EXPECT_EQ(report_text(session.aggregates(), session.model(), session.full_result(), {}), plain);
  EXPECT_FALSE(session.user_ids_hashed());
}

// A user never seen with an account gets an account of its own named after it (its id is the
// raw user id), so that account is hashed too, as `pqlscope ingest --hash-user-ids` does; and
// removing the salt gives every id back. SHA-256("abloner") computed with Python's hashlib.
TEST(UserIdSalt, TheAccountNamedAfterAUserIsHashedAndRestored) {
  constexpr const char* kHashOfLoner = "e6ef54667a41a28bcca40fa1fd39950a1a59e6f0d9626ba423df6541dde108d8";
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n"
              "2024-01-01T10:00:00Z,acme,c,made\n2024-01-02T10:00:00Z,,loner,made\n");
  Session session(ingest.finish());
  session.score(Model(kModel));
  const std::string plain = report_text(session.aggregates(), session.model(), session.full_result(), {});
  ASSERT_NE(plain.find("\"loner\""), std::string::npos);
  session.set_user_id_salt("ab");
  const std::string hashed = report_text(session.aggregates(), session.model(), session.full_result(), {});
  EXPECT_EQ(hashed.find("loner"), std::string::npos);
  EXPECT_NE(session.aggregates().find_account(kHashOfLoner), kNoAccount);
  EXPECT_NE(session.aggregates().find_account("acme"), kNoAccount);  // real accounts keep their ids
  session.set_user_id_salt(std::nullopt);
  EXPECT_EQ(report_text(session.aggregates(), session.model(), session.full_result(), {}), plain);
}

// Users tied on points are listed by id (an account's engagement contributions): salting after
// the scoring orders them by their hashes, as a session salted before scoring does. "c" < "d",
// but SHA-256("abd") (a52d...) < SHA-256("abc") (ba78...), computed with Python's hashlib.
TEST(UserIdSalt, SaltingAfterScoringReordersTiesByTheNewIds) {
  Ingestor ingest;
  ingest.begin_file("events.csv");
  ingest.feed("timestamp,account_id,user_id,event\n"
              "2024-01-01T10:00:00Z,acme,c,made\n2024-01-02T10:00:00Z,acme,d,made\n");
  const Aggregates aggregates = ingest.finish();
  const Model model = parse_model(R"({"activation": {"steps": [{"id": "made", "events": "made"}]},
                                       "engagement": {"importance": {"made": 5}}})");
  Session salted_late{Aggregates(aggregates)};
  salted_late.score(Model(model));
  salted_late.set_user_id_salt("ab");
  Session salted_first{Aggregates(aggregates)};
  salted_first.set_user_id_salt("ab");
  salted_first.score(Model(model));
  const std::string late = report_text(salted_late.aggregates(), salted_late.model(), salted_late.full_result(), {});
  const std::string first = report_text(salted_first.aggregates(), salted_first.model(), salted_first.full_result(), {});
  const size_t d_listed = first.find("{\"user\":\"a52d159f"), c_listed = first.find(std::string("{\"user\":\"") + kHashOfC);
  ASSERT_NE(d_listed, std::string::npos);
  ASSERT_NE(c_listed, std::string::npos);
  EXPECT_LT(d_listed, c_listed);
  EXPECT_EQ(late, first);
}

TEST(UserIdSalt, AnEmptySaltIsRefused) {
  Session session(two_users());
  EXPECT_THROW(session.set_user_id_salt(std::string()), std::invalid_argument);
}

TEST(ToolExportNames, RoundTripAndUnknown) {
  for (ToolExport t : {ToolExport::hubspot, ToolExport::salesforce, ToolExport::slack, ToolExport::user_traits}) {
    EXPECT_EQ(tool_export_from_string(to_string(t)), t);
  }
  EXPECT_FALSE(tool_export_from_string("marketo"));
}

}  // namespace
}  // namespace pqlscope
