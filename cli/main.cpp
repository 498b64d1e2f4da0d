// The pqlscope command line: a thin skin over the core API.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "allocator_settings.hpp"
#include "commands.hpp"

namespace {
const char* kHelp =
    "usage: pqlscope <command> [options]\n"
    "\n"
    "commands:\n"
    "  score <events...>    score accounts and users; print a summary, write the report / CSV\n"
    "  ingest <events...>   read event exports into aggregates and report every rejected row\n"
    "  init <events...>     write a starter model suggested from the data\n"
    "  validate <model>     check a model and list every problem with its JSON path\n"
    "  calibrate <events...> --outcomes F --out model.json   fit the model to what converted\n"
    "  sql --dialect NAME   print the SQL a warehouse runs to make the day-count table\n"
    "\n"
    "Run `pqlscope <command> --help` for a command's options.\n";
}

int main(int argc, char** argv) {
  using namespace pqlscope;
  cli::tune_allocator_for_one_job(argv);
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? 64 : 0;
  }
  const std::string command = argv[1];
  cli::Args args(std::vector<std::string>(argv + 2, argv + argc));
  try {
    if (command == "ingest") return cli::ingest_command(args);
    if (command == "score") return cli::score_command(args);
    if (command == "init") return cli::init_command(args);
    if (command == "validate") return cli::validate_command(args);
    if (command == "sql") return cli::sql_command(args);
    if (command == "calibrate") return cli::calibrate_command(args);
    std::fprintf(stderr, "pqlscope: unknown command '%s'\n\n%s", command.c_str(), kHelp);
    return 64;
  } catch (const cli::UsageError& e) {
    std::fprintf(stderr, "pqlscope %s: %s\n", command.c_str(), e.what());
    return 64;
  } catch (const IngestError& e) {
    std::fprintf(stderr, "pqlscope: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pqlscope: %s\n", e.what());
    return 1;
  }
}
