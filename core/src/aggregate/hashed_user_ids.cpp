#include "pqlscope/aggregate/hashed_user_ids.hpp"

#include <stdexcept>
#include <string>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/sha256.hpp"

namespace pqlscope {

std::vector<std::pair<uint32_t, std::string>> hash_user_ids(Aggregates& aggregates, std::string_view salt) {
  std::vector<std::pair<uint32_t, std::string>> renamed;
  if (salt.empty()) throw std::invalid_argument("the salt for hashing user ids must not be empty");
  for (UserRecord& user : aggregates.users) {
    const std::string hashed = salted_user_id(salt, user.id);
    // A user's own account (merge.cpp names it after the user): its id is the raw user id.
    if (user.account != kNoAccount) {
      AccountRecord& home = aggregates.accounts[user.account];
      if (!home.in_accounts_file && home.id == user.id) {
        renamed.emplace_back(user.account, home.id);
        home.id = hashed;
      }
    }
    user.id = hashed;
  }
  return renamed;
}

}  // namespace pqlscope
