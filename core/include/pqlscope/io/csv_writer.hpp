// Writing CSV: the one place that decides when and how a field is quoted, for every CSV the
// repository writes (report exports, the day-count table, the example generator).
//
// Header-only so that the example generator, which links nothing of the core on purpose, uses
// it too. `Out` is anything with push_back(char) and append(std::string_view): std::string,
// or a buffered file writer.
#pragma once

#include <string_view>

namespace pqlscope {

// RFC 4180 requires quotes around a field holding a comma, a double quote or a line break.
constexpr bool csv_needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

// A field as is, or quoted with its inner quotes doubled (RFC 4180). Reads back unchanged:
// use it for files that a program reads again (the day-count table, generated inputs).
template <typename Out>
void append_csv_field(Out& out, std::string_view field) {
  if (!csv_needs_quotes(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// A leading = + - @ tab or CR makes Excel and Google Sheets evaluate a cell as a formula
// (OWASP "CSV injection"), so a text cell starting so is neutralised with an apostrophe.
constexpr bool csv_cell_needs_neutralising(std::string_view text) {
  return !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                           text[0] == '\t' || text[0] == '\r');
}

// A text cell of an export meant for spreadsheets: neutralised against formula injection,
// then quoted as append_csv_field does. Numbers must not go through here (a negative trend is
// not a formula).
template <typename Out>
void append_csv_text_cell(Out& out, std::string_view text) {
  const bool neutralise = csv_cell_needs_neutralising(text);
  const bool quote = csv_needs_quotes(text);  // the apostrophe itself never needs quotes
  if (quote) out.push_back('"');
  if (neutralise) out.push_back('\'');
  for (char c : text) {
    if (quote && c == '"') out.push_back('"');
    out.push_back(c);
  }
  if (quote) out.push_back('"');
}

}  // namespace pqlscope
