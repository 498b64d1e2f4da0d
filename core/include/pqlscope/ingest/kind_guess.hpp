// The kind of a file (events, accounts, communications) guessed from its first bytes, with the
// reason: what the CLI reports and what a page can ask before the user confirms the kind.
#pragma once

#include <string_view>

#include "pqlscope/io/mapping_explanation.hpp"

namespace pqlscope {

// Guesses the kind of a file from its first bytes (a header and some rows, or some JSON
// records). Needs no Ingestor: the dashboard can call it before the user confirms the kind.
KindGuess guess_file_kind(std::string_view head);

}  // namespace pqlscope
