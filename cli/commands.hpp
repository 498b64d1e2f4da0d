// Shared pieces of the CLI commands: argument parsing and input options.
#pragma once

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/outcomes.hpp"

namespace pqlscope::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Minimal argument reader: options are consumed as they are asked for; what remains are the
// positional arguments. Unknown options are reported by rest().
class Args {
 public:
  explicit Args(std::vector<std::string> args) : args_(std::move(args)) {}
  bool flag(const std::string& name);
  std::optional<std::string> value(const std::string& name);
  std::vector<std::string> values(const std::string& name);
  std::vector<std::string> rest();

 private:
  std::vector<std::string> args_;
};

struct InputFiles {
  std::vector<std::string> aggregates;  // --aggregates: day-count files (docs/aggregates.md)
  std::vector<std::string> events;
  std::vector<std::string> accounts;
  std::vector<std::string> communications;
  FileOptions event_options;
  unsigned threads = 0;  // --threads; 0: the machine's cores
};

InputFiles read_input_options(Args& args);      // --aggregates --accounts --comms --format --map --epoch --date-order --threads
IngestOptions read_ingest_options(Args& args);  // --strict
Aggregates ingest_inputs(const InputFiles& inputs, const IngestOptions& options);
void print_ingest_summary(const IngestReport& report, size_t max_issues);
// ingest_explain.cpp: per-file mapping lines, warnings shown before results, and the error
// printed (to stderr) when no event was read, with the --map line that would fix it.
void print_file_mapping(const FileSummary& file);
void print_ingest_warnings(const IngestReport& report, std::FILE* out = stdout);
bool report_nothing_read(const IngestReport& report);
void write_text_file(const std::string& path, const std::string& text);
std::string read_text_file(const std::string& path);

int ingest_command(Args& args);
int score_command(Args& args);
int init_command(Args& args);
int validate_command(Args& args);
int sql_command(Args& args);
int calibrate_command(Args& args);  // calibrate_command.cpp
// model_options.cpp: the options that say how to score (score, calibrate).
Model load_model_file(const std::string& path);               // prints the model's warnings
std::optional<int32_t> as_of_option(Args& args);              // --as-of YYYY-MM-DD
std::vector<Outcome> read_outcomes_file(const std::string& path);  // every problem, or throws

}  // namespace pqlscope::cli
