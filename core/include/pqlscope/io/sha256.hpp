// SHA-256 (FIPS 180-4), small and portable: the same bytes natively and in WebAssembly, where
// the browser's WebCrypto is asynchronous and out of the core's reach. Used to hash user ids
// for teams who may not move raw ids (docs/exports.md, "Hashed user ids").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace pqlscope {

std::array<uint8_t, 32> sha256(std::string_view bytes);
// The digest as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);
// A user id as pqlscope writes it under --hash-user-ids SALT: sha256_hex(salt + id), the salt's
// bytes first, then the id's, nothing between them.
std::string salted_user_id(std::string_view salt, std::string_view id);

}  // namespace pqlscope
