#include "session_calls.hpp"

#include <vector>

#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/model/model_json.hpp"
#include "pqlscope/report/report_writer.hpp"
#include "pqlscope/session/companies.hpp"
#include "pqlscope/session/calibrate.hpp"
#include "pqlscope/session/inspection.hpp"
#include "pqlscope/session/json_forms.hpp"
#include "pqlscope/session/model_choice.hpp"
#include "pqlscope/session/vocabulary.hpp"

namespace pqlscope::wasm {
namespace {

using nlohmann::json;

std::string dump(const nlohmann::ordered_json& document) {
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <typename Body>
Outcome done(Body&& body) {
  return guarded([&] { body(); return std::string(); });
}

std::string names_json(const std::vector<std::string>& names) {
  return json(names).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Outcome check_ingest_options(const std::string& options_json) {
  return done([&] { ingest_options_from_json(options_json); });
}

Session* make_session(const std::string& options_json) { return new Session(ingest_options_from_json(options_json)); }

Outcome begin_file(Session& session, const std::string& name, const std::string& options_json) {
  return done([&] { session.begin_file(name, file_options_from_json(options_json)); });
}

Outcome reserve_input(Session& session, size_t capacity) { return done([&] { session.input_buffer(capacity); }); }
Outcome feed_buffered(Session& session, size_t bytes) { return done([&] { session.feed_buffered(bytes); }); }
Outcome end_file(Session& session) { return done([&] { session.end_file(); }); }
Outcome finish(Session& session) { return guarded([&] { return dump(report_to_json(session.finish())); }); }

Outcome aggregates_json(const Session& session) {
  return guarded([&] { return aggregates_to_json(session.aggregates()).dump(); });
}

Outcome score(Session& session, const std::string& model_json, const std::string& options_json) {
  return guarded([&] {
    const ScoreOptions options = score_options_from_json(options_json);
    const ScoreResult& result = session.score(model_json, options.as_of_day);
    if (!options.build_report) return dump(score_summary_to_json(session.aggregates(), result));
    return pqlscope::report_text(session.aggregates(), session.model(), session.full_result(), options.report);
  });
}

Outcome report_text(Session& session, const std::string& options_json) {
  return guarded([&] {
    const ScoreOptions options = score_options_from_json(options_json);
    return pqlscope::report_text(session.aggregates(), session.model(), session.full_result(), options.report);
  });
}

Outcome report_begin(Session& session, const std::string& options_json) {
  return done([&] { session.begin_report(score_options_from_json(options_json).report); });
}

Outcome report_next(Session& session, size_t batch) {
  return guarded([&] {
    std::string piece;
    session.next_report_piece(piece, batch);
    return piece;
  });
}

Outcome overview_json(Session& session) { return guarded([&] { return dump(session.overview_json()); }); }

Outcome segment_members_json(Session& session, const std::string& id) {
  return guarded([&] { return dump(session.segment_members_json(id)); });
}

Outcome accounts_json(const Session& session, const std::string& indices_json, bool with_users) {
  return guarded([&] {
    const json list = json::parse(indices_json);
    if (!list.is_array()) throw std::invalid_argument("account indices must be a JSON array");
    std::vector<size_t> indices;
    for (const json& index : list) {
      if (!index.is_number_unsigned()) throw std::out_of_range("account index out of range: " + index.dump());
      indices.push_back(index.get<size_t>());
    }
    nlohmann::ordered_json accounts = session.accounts_json(indices);
    if (!with_users) return dump(accounts);
    return dump({{"accounts", std::move(accounts)}, {"users", session.users_of_accounts_json(indices)}});
  });
}

Outcome account_detail_json(const Session& session, size_t index) {
  return guarded([&] { return dump(session.account_detail_json(index)); });
}

Outcome account_history_json(Session& session, size_t index, int interval_days) {
  return guarded([&] { return dump(session.account_history_json(index, interval_days)); });
}

Outcome account_ids_json(const Session& session) { return guarded([&] { return names_json(session.account_ids()); }); }
Outcome account_names_json(const Session& session) { return guarded([&] { return names_json(session.account_names()); }); }

Outcome accounts_csv_text(Session& session) {
  return guarded([&] { return accounts_csv(session.aggregates(), session.model(), session.full_result()); });
}

Outcome alerts_csv_text(Session& session) {
  return guarded([&] { return alerts_csv(session.aggregates(), session.full_result()); });
}

Outcome companies_json(Session& session, const std::string& query_json) {
  return guarded([&] { return dump(session.companies_json(company_query_from_json(query_json))); });
}

Outcome company_json(Session& session, const std::string& id) {
  return guarded([&] { return dump(session.company_detail_json(id)); });
}

Outcome management_json(const Session& session) { return guarded([&] { return dump(session.management_json()); }); }

Outcome starter_model_text(const Session& session) {
  return guarded([&] { return format_model(suggested_model(session.aggregates())); });
}

Outcome calibrate(Session& session, const std::string& outcomes_csv, const std::string& options_json) {
  return guarded([&] {
    return dump(calibrate_session(session, outcomes_csv, model_fit_options_from_json(options_json)));
  });
}

Outcome validate_model(const std::string& model_json, bool unknown_keys_are_errors) {
  return guarded([&] {
    ModelParseOptions options;
    options.unknown_keys_are_errors = unknown_keys_are_errors;
    return dump(validation_to_json(try_parse_model(model_json, options).validation));
  });
}

Outcome inspect_file(const std::string& head, const std::string& options_json) {
  return guarded([&] { return dump(inspection_to_json(inspect_file_head(head, inspect_options_from_json(options_json)))); });
}

std::string vocabulary() { return dump(vocabulary_json()); }

}  // namespace pqlscope::wasm
