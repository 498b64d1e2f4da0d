// The WebAssembly calls on a Session, each turned into an Outcome (boundary.hpp) so that no
// C++ exception reaches JS: arguments are the JSON texts js/ingest-session.js sends, results
// the JSON texts it parses. No logic lives here: it is session/*.hpp in the core, which the
// native tests reach (tests/session/). bindings.cpp registers these; it is the only file that
// knows Embind.
#pragma once

#include <cstddef>
#include <string>

#include "boundary.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope::wasm {

Outcome check_ingest_options(const std::string& options_json);
// Constructed only after check_ingest_options() accepted the same text (js/engine.js).
Session* make_session(const std::string& options_json);

Outcome begin_file(Session& session, const std::string& name, const std::string& options_json);
Outcome reserve_input(Session& session, size_t capacity);
Outcome feed_buffered(Session& session, size_t bytes);
Outcome end_file(Session& session);
Outcome finish(Session& session);
// Byte-identical to `pqlscope ingest --out` (the CLI writes this text plus a newline).
Outcome aggregates_json(const Session& session);

// Scores and keeps the result; returns the report text, byte-identical to `pqlscope score --out`
// for the same inputs, model and options, or with {"report": false} the summary only. An empty
// model text means the starter model. An invalid model fails as ModelError with "validation".
Outcome score(Session& session, const std::string& model_json, const std::string& options_json);
// The report of the last score() with other report options: whole, or in pieces
// (report_begin, then report_next until it returns "").
Outcome report_text(Session& session, const std::string& options_json);
Outcome report_begin(Session& session, const std::string& options_json);
Outcome report_next(Session& session, size_t batch);

Outcome overview_json(Session& session);
Outcome segment_members_json(Session& session, const std::string& id);
// indices_json: a JSON array of account indices. With users: {"accounts": [...], "users": [...]}.
Outcome accounts_json(const Session& session, const std::string& indices_json, bool with_users);
Outcome account_detail_json(const Session& session, size_t index);
// One account's score history with its segment moves (Session::account_history_json).
Outcome account_history_json(Session& session, size_t index, int interval_days);
Outcome account_ids_json(const Session& session);
Outcome account_names_json(const Session& session);
Outcome accounts_csv_text(Session& session);
Outcome alerts_csv_text(Session& session);
// The company level (session/companies.hpp): a page of companies for a query JSON text
// ({sort, descending, offset, limit, several, search}), one company with its workspaces by id;
// and the management views of the last scoring.
Outcome companies_json(Session& session, const std::string& query_json);
Outcome company_json(Session& session, const std::string& id);
Outcome management_json(const Session& session);
// What `pqlscope init` writes for the same inputs.
Outcome starter_model_text(const Session& session);
// Fits the last scored model to an outcomes CSV (session/calibrate.hpp): {"report", "model"}.
Outcome calibrate(Session& session, const std::string& outcomes_csv, const std::string& options_json);

Outcome validate_model(const std::string& model_json, bool unknown_keys_are_errors);
// The mapping step's findings for the first bytes of a file (session/inspection.hpp): `head`
// holds bytes (JS passes a Uint8Array), not text.
Outcome inspect_file(const std::string& head, const std::string& options_json);
std::string vocabulary();

}  // namespace pqlscope::wasm
