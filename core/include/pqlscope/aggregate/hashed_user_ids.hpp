// `pqlscope ingest --hash-user-ids SALT`: the aggregates written with every user id hashed
// (docs/exports.md, "Hashed user ids"), so a team that may not move raw ids can still hand the
// aggregates file over.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pqlscope {

struct Aggregates;

// Replaces every user id by salted_user_id(salt, id) (io/sha256.hpp), and the id of each
// account that ingest made for a user never seen with an account (named after the user, not in
// the accounts file) by the same hash, since that id is the user's. Nothing else changes: the
// indices, day counts and totals are those of the raw ids. The salt must not be empty.
// Returns the accounts renamed so, with their raw ids (what undoing it needs).
std::vector<std::pair<uint32_t, std::string>> hash_user_ids(Aggregates& aggregates, std::string_view salt);

}  // namespace pqlscope
