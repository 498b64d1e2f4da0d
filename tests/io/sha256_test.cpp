// SHA-256 against the test vectors of FIPS 180-4's examples (NIST "SHA256.pdf" example values:
// "abc", the 448-bit message whose padding takes a second block, and one million 'a') and the well-known digest of "".
#include <gtest/gtest.h>

#include <string>

#include "pqlscope/io/sha256.hpp"

namespace pqlscope {
namespace {

TEST(Sha256, FipsVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, SaltedUserIdIsTheDigestOfSaltThenId) {
  // SHA-256("abc") from FIPS 180-4: salt "ab" followed by id "c".
  EXPECT_EQ(salted_user_id("ab", "c"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(salted_user_id("a", "bc"), salted_user_id("ab", "c"));  // documented: no separator
}

}  // namespace
}  // namespace pqlscope
