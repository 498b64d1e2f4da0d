// What the CLI says about how files were read: the mapping of each file (kind, source, role ->
// column and why), the warnings that come before results, and the error when nothing was read.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"

namespace pqlscope::cli {
namespace {

std::string joined(const std::vector<std::string>& names, size_t max) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > max) out += ", ...";
  return out;
}

const RoleChoice* choice_of(const FileMappingExplanation& m, std::string_view role) {
  for (const RoleChoice& c : m.roles) {
    if (c.role == role) return &c;
  }
  return nullptr;
}

// A field name that might hold a role, by its spelling: for the suggested --map line.
std::string likely_field(const std::vector<std::string>& fields, std::initializer_list<std::string_view> hints) {
  for (std::string_view hint : hints) {
    for (const std::string& f : fields) {
      std::string lower(f);
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      if (lower.find(hint) != std::string::npos) return f;
    }
  }
  return "COLUMN";
}

}  // namespace

void print_file_mapping(const FileSummary& f) {
  const FileMappingExplanation& m = f.mapping;
  if (m.sampled_records == 0) return;
  if (!m.source.empty()) {
    std::printf("    looks like %s from %s (%s)\n", m.guessed.kind.c_str(), m.source_name.c_str(), m.source_reason.c_str());
  } else {
    std::printf("    looks like %s: %s\n", m.guessed.kind.c_str(), m.guessed.reason.c_str());
  }
  for (const RoleChoice& c : m.roles) {
    const char* why = c.reason == ChoiceReason::chosen_by_you  ? "chosen by you"
                      : c.reason == ChoiceReason::known_source ? "known source"
                      : c.reason == ChoiceReason::values       ? "by its values"
                                                               : "by its header name";
    std::printf("    %-10s <- %s (%s: %s)\n", c.role.c_str(), c.field.c_str(), why, c.detail.c_str());
  }
  if (!m.timestamp_format.empty()) std::printf("    timestamps: %s\n", m.timestamp_format.c_str());
  if (!m.date_order_reason.empty()) std::printf("    date order: %s\n", m.date_order_reason.c_str());
  if (!m.row_rule.empty()) std::printf("    rows: %s\n", m.row_rule.c_str());
}

void print_ingest_warnings(const IngestReport& r, std::FILE* out) {
  for (const FileSummary& f : r.files) {
    if (f.rows > 0 && f.rejected * 2 > f.rows) {
      std::fprintf(out, "warning: %s: %llu of %llu rows were rejected; check how its columns were mapped (--map ROLE=COLUMN to choose)\n",
                  f.name.c_str(), (unsigned long long)f.rejected, (unsigned long long)f.rows);
    }
    if (f.mapping.guessed.confident && f.mapping.guessed.kind != f.kind) {
      std::fprintf(out, "warning: %s was given as %s but looks like %s: %s\n", f.name.c_str(), f.kind.c_str(),
                  f.mapping.guessed.kind.c_str(), f.mapping.guessed.reason.c_str());
    }
  }
}

bool report_nothing_read(const IngestReport& r) {
  if (r.events > 0) return false;
  std::fprintf(stderr, "error: no event was read from the input (%llu rows: %llu rejected, %llu skipped)\n",
               (unsigned long long)r.rows, (unsigned long long)r.rejected, (unsigned long long)r.skipped);
  std::vector<std::pair<uint64_t, size_t>> codes;
  for (size_t c = 0; c < kIngestErrorCodeCount; ++c) {
    if (r.rejected_by_code[c] > 0) codes.emplace_back(r.rejected_by_code[c], c);
  }
  std::stable_sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (!codes.empty()) std::fprintf(stderr, "top reasons:\n");
  for (size_t i = 0; i < codes.size() && i < 3; ++i) {
    const auto code = static_cast<IngestErrorCode>(codes[i].second);
    std::fprintf(stderr, "  %-26s %llu", error_code_name(code), (unsigned long long)codes[i].first);
    for (const IngestIssue& issue : r.issues) {
      if (issue.code == code) {
        std::fprintf(stderr, "  e.g. %s", issue.to_string().c_str());
        break;
      }
    }
    std::fprintf(stderr, "\n");
  }
  if (r.skipped > 0) {
    std::fprintf(stderr, "  %-26s %llu  (well-formed rows that are not events: identify / group calls, zero counts)\n",
                 "skipped", (unsigned long long)r.skipped);
  }
  for (const FileSummary& f : r.files) {
    if (f.kind != "events" || f.mapping.fields.empty()) continue;
    const FileMappingExplanation& m = f.mapping;
    auto pick = [&](std::string_view role, std::initializer_list<std::string_view> hints) {
      const RoleChoice* c = choice_of(m, role);
      return c != nullptr ? c->field : likely_field(m.fields, hints);
    };
    std::fprintf(stderr, "%s has the fields: %s\n", f.name.c_str(), joined(m.fields, 40).c_str());
    std::string line = "--map timestamp=" + pick("timestamp", {"time", "date", "when", "ts"}) +
                       " --map event=" + pick("event", {"event", "name", "action", "what"}) +
                       " --map user=" + pick("user", {"user", "visitor", "person", "distinct", "who"});
    const std::string account = pick("account", {"account", "group", "company", "org"});
    if (account != "COLUMN") line += " --map account=" + account;
    std::fprintf(stderr, "to choose them: %s\n", line.c_str());
  }
  return true;
}

}  // namespace pqlscope::cli
