// Hashed user ids (docs/exports.md, "Hashed user ids"): the session's Aggregates hold the
// hashed ids while a salt is set, so every output written from them (the report, the per-view
// queries, the exports) carries no raw id; the raw ids are kept to undo it.
#include <stdexcept>

#include "pqlscope/aggregate/hashed_user_ids.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {

void Session::set_user_id_salt(std::optional<std::string> salt) {
  if (salt && salt->empty()) {
    throw std::invalid_argument("the salt for hashing user ids must not be empty (an unsalted hash of a "
                                "guessable id is as good as the id)");
  }
  if (!finished()) throw std::logic_error("IngestSession: set the user id salt after finish()");
  if (!salt && !raw_user_ids_) return;  // raw ids already: nothing to undo, no re-score
  std::vector<UserRecord>& users = aggregates_->users;
  if (raw_user_ids_) {
    for (std::size_t u = 0; u < users.size(); ++u) users[u].id = (*raw_user_ids_)[u];
    for (auto& [account, raw] : raw_home_account_ids_) aggregates_->accounts[account].id = std::move(raw);
    raw_user_ids_.reset();
    raw_home_account_ids_.clear();
  }
  if (salt) {
    raw_user_ids_.emplace();
    raw_user_ids_->reserve(users.size());
    for (const UserRecord& user : users) raw_user_ids_->push_back(user.id);
    // The same rule as `pqlscope ingest --hash-user-ids`: an account ingest named after a user
    // (one never seen with an account) carries the user's id, so it is hashed too.
    raw_home_account_ids_ = hash_user_ids(*aggregates_, *salt);
  }
  if (scored()) {
    // Whole again: ties in the metrics (a score's users, listed by id) follow the new ids, so
    // the last metrics must not be kept for the same model.
    Model model = *model_;
    forget_scoring();
    score(std::move(model));
  }
}

}  // namespace pqlscope
