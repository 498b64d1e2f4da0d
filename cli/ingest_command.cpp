// `pqlscope ingest`: read event (and optional account / communication) files into aggregates,
// print what happened to every row, optionally write the aggregates.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <unistd.h>

#include "commands.hpp"
#include "file_input.hpp"
#include "pqlscope/aggregate/aggregates_io.hpp"
#include "pqlscope/aggregate/hashed_user_ids.hpp"
#include "pqlscope/io/timestamp.hpp"

namespace pqlscope::cli {
namespace {

const char* kIngestHelp =
    "usage: pqlscope ingest <events...> [options]\n"
    "\n"
    "Reads event exports (CSV, TSV, NDJSON or a JSON array) and prints what was read and\n"
    "rejected, and per file how its records became events: the kind it looks like, the source\n"
    "recognised (Segment / RudderStack calls and warehouse tables, Mixpanel, Amplitude, PostHog,\n"
    "Snowplow, GA4, Pendo, Heap) and which column fills each role, and why. Roles are decided\n"
    "from header names and the first 200 records' values (docs/ingest.md, \"Fields\").\n"
    "gzip files and ZIP archives are unpacked (each ZIP entry is an input file: archive.zip!entry).\n"
    "Exit code 1 when no event was read.\n"
    "\n"
    "  --aggregates FILE     a day-count file (docs/aggregates.md), merged with the others\n"
    "  --accounts FILE       accounts file (firmographics), joined on account id\n"
    "  --comms FILE          communications file (account, timestamp, channel, sentiment)\n"
    "  --format FMT          csv | tsv | ndjson | json (default: detected from content)\n"
    "  --map ROLE=COLUMN     use COLUMN (or JSON path) for ROLE: timestamp, account, user,\n"
    "                        event, message_id, type, count (repeatable; events files). A path\n"
    "                        reaches inside a CSV column holding JSON: properties.$groups.company\n"
    "  --epoch s|ms|us|ns    read numeric timestamps in this unit (default: from the digits)\n"
    "  --date-order mdy|dmy  read 03/01/2024 as March 1 (mdy) or 3 January (dmy)\n"
    "  --strict              stop at the first rejected row (exit code 2)\n"
    "  --drop-identical-rows drop rows without a message id identical to an earlier row\n"
    "  --max-issues N        rejected rows listed with their position (default 20)\n"
    "  --threads N           read one uncompressed events file on N threads, split at\n"
    "                        record boundaries; same results as 1 (default: the machine's cores)\n"
    "  --out FILE            write the aggregates as JSON (docs/aggregates.md)\n"
    "  --day-counts FILE     write the day-count table as CSV\n"
    "  --hash-user-ids SALT  user ids (and the accounts named after a user) written by --out and\n"
    "                        --day-counts as hex SHA-256(SALT || id) (docs/exports.md)\n";

}  // namespace

void print_ingest_summary(const IngestReport& r, size_t max_issues) {
  print_ingest_warnings(r);
  std::printf("read %llu bytes, %llu rows: %llu events, %llu duplicates dropped, %llu rejected, %llu skipped\n",
              (unsigned long long)r.bytes, (unsigned long long)r.rows, (unsigned long long)r.events,
              (unsigned long long)r.duplicates, (unsigned long long)r.rejected, (unsigned long long)r.skipped);
  for (const FileSummary& f : r.files) {
    std::printf("  %s (%s, %s): %llu rows, %llu accepted, %llu rejected, %llu duplicates, %llu skipped\n",
                f.name.c_str(), f.kind.c_str(), f.format.empty() ? "-" : f.format.c_str(),
                (unsigned long long)f.rows, (unsigned long long)f.accepted, (unsigned long long)f.rejected,
                (unsigned long long)f.duplicates, (unsigned long long)f.skipped);
    if (f.copy_skipped) {
      std::printf("    not read: the same bytes as %s (given twice)\n", f.same_as.c_str());
    } else if (!f.same_as.empty()) {
      std::printf("    warning: the same bytes as %s, read again (too large to hold back without its "
                  "size); events with message ids were dropped as duplicates, the others counted twice\n",
                  f.same_as.c_str());
    }
    if (!f.encoding.empty()) std::printf("    read as %s (not UTF-8)\n", f.encoding.c_str());
    if (!f.delimiter.empty()) std::printf("    delimiter '%s'\n", f.delimiter.c_str());
    if (f.protocol_messages > 0) {
      std::printf("    %llu Singer/Airbyte messages that are not records skipped\n",
                  (unsigned long long)f.protocol_messages);
    }
    print_file_mapping(f);
  }
  if (r.copies_skipped > 0) {
    std::printf("note: %llu files skipped as copies of files read before\n", (unsigned long long)r.copies_skipped);
  }
  if (r.identical_rows > 0) {
    std::printf("note: %llu of the duplicates are rows without a message id identical to an earlier row "
                "(--drop-identical-rows)\n", (unsigned long long)r.identical_rows);
  }
  if (r.rejected > 0) {
    std::printf("rejected by reason:\n");
    for (size_t c = 0; c < kIngestErrorCodeCount; ++c) {
      if (r.rejected_by_code[c] > 0) {
        std::printf("  %-26s %llu\n", error_code_name(static_cast<IngestErrorCode>(c)),
                    (unsigned long long)r.rejected_by_code[c]);
      }
    }
    const size_t shown = std::min(max_issues, r.issues.size());
    for (size_t i = 0; i < shown; ++i) std::printf("  %s\n", r.issues[i].to_string().c_str());
    const uint64_t more = r.rejected - shown;
    if (more > 0) std::printf("  ... and %llu more\n", (unsigned long long)more);
  }
  if (r.reopened_days > 0) {
    std::printf("note: input is not ordered by time (%llu days revisited); counted exactly all the same\n",
                (unsigned long long)r.reopened_days);
  }
  if (r.unattributed_users > 0) {
    std::printf("note: %llu users were never seen with an account; each is scored as its own account\n",
                (unsigned long long)r.unattributed_users);
  }
}

Aggregates ingest_inputs(const InputFiles& inputs, const IngestOptions& options) {
  InputIngest ingest(options);  // raw files and day-count files (recognised by their header)
  for (const std::string& path : inputs.aggregates) feed_file(ingest, path, inputs.event_options, {}, true);
  const bool show_progress = isatty(STDERR_FILENO) != 0;
  // One uncompressed events file: read on several threads (docs/ingest.md, "Parallel ingest").
  // A gzip stream cannot be split: compressed and several files are read in one pass.
  const bool parallel = inputs.events.size() == 1 && inputs.threads != 1 &&
                        std::filesystem::is_regular_file(inputs.events[0]) && is_uncompressed(inputs.events[0]);
  if (parallel) {
    const std::string& path = inputs.events[0];
    const ParallelOutcome outcome = feed_file_parallel(ingest, path, inputs.event_options, inputs.threads);
    if (!outcome.fallback.empty() && outcome.fallback != "the file is smaller than two chunks") {
      std::fprintf(stderr, "note: %s was read on one thread: %s\n", path.c_str(), outcome.fallback.c_str());
    }
  }
  for (const std::string& path : inputs.events) {
    if (parallel) break;
    feed_file(ingest, path, inputs.event_options, [&](uint64_t bytes) {
      if (show_progress && bytes % (kChunkBytes * 16) == 0) {
        std::fprintf(stderr, "\r%s: %llu MB, %llu events, %llu rejected", path.c_str(),
                     (unsigned long long)(bytes >> 20), (unsigned long long)ingest.report().events,
                     (unsigned long long)ingest.report().rejected);
      }
    });
  }
  if (show_progress) std::fprintf(stderr, "\r\033[K");
  for (const std::string& path : inputs.accounts) feed_file(ingest, path, FileOptions{FileKind::accounts, InputFormat::auto_detect, {}});
  for (const std::string& path : inputs.communications) feed_file(ingest, path, FileOptions{FileKind::communications, InputFormat::auto_detect, {}});
  return ingest.finish();
}

int ingest_command(Args& args) {
  if (args.flag("--help") || args.flag("-h")) {
    std::fputs(kIngestHelp, stdout);
    return 0;
  }
  InputFiles inputs = read_input_options(args);
  IngestOptions options = read_ingest_options(args);
  const size_t max_issues = static_cast<size_t>(std::stoul(args.value("--max-issues").value_or("20")));
  const auto out = args.value("--out");
  const auto day_counts = args.value("--day-counts");
  const auto salt = args.value("--hash-user-ids");
  if (salt && salt->empty()) throw UsageError("--hash-user-ids needs a non-empty salt");
  if (salt && !out && !day_counts) {
    throw UsageError("--hash-user-ids hashes the ids that --out and --day-counts write: give one of them");
  }
  inputs.events = args.rest();
  if (inputs.events.empty() && inputs.aggregates.empty()) throw UsageError("ingest needs an events file or --aggregates (see --help)");
  Aggregates aggregates = ingest_inputs(inputs, options);
  print_ingest_summary(aggregates.report, max_issues);
  if (report_nothing_read(aggregates.report)) return 1;
  std::printf("%zu accounts, %zu users, %zu event names, %zu account-day groups, %zu user-day groups\n",
              aggregates.accounts.size(), aggregates.users.size(), aggregates.event_names.size(),
              aggregates.account_days.size(), aggregates.user_days.size());
  if (const auto first = aggregates.first_day()) {
    std::printf("events from %s to %s\n", format_day(*first).c_str(), format_day(*aggregates.last_day()).c_str());
  }
  if (salt) hash_user_ids(aggregates, *salt);  // after the summary, which prints no id
  if (out) write_text_file(*out, aggregates_to_json(aggregates).dump() + "\n");
  if (day_counts) write_text_file(*day_counts, day_counts_to_csv(aggregates));
  return 0;
}

}  // namespace pqlscope::cli
