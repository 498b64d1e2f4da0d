#include <fstream>
#include <iterator>

#include "commands.hpp"

namespace pqlscope::cli {

bool Args::flag(const std::string& name) {
  for (auto it = args_.begin(); it != args_.end(); ++it) {
    if (*it == name) {
      args_.erase(it);
      return true;
    }
  }
  return false;
}

std::optional<std::string> Args::value(const std::string& name) {
  auto all = values(name);
  if (all.empty()) return std::nullopt;
  if (all.size() > 1) throw UsageError(name + " given more than once");
  return all.front();
}

std::vector<std::string> Args::values(const std::string& name) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args_.size();) {
    if (args_[i] == name) {
      if (i + 1 >= args_.size()) throw UsageError(name + " needs a value");
      out.push_back(args_[i + 1]);
      args_.erase(args_.begin() + static_cast<long>(i), args_.begin() + static_cast<long>(i) + 2);
    } else if (args_[i].rfind(name + "=", 0) == 0) {
      out.push_back(args_[i].substr(name.size() + 1));
      args_.erase(args_.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  return out;
}

std::vector<std::string> Args::rest() {
  for (const std::string& a : args_) {
    if (a.size() > 1 && a[0] == '-') throw UsageError("unknown option " + a + " (see --help)");
  }
  return args_;
}

InputFiles read_input_options(Args& args) {
  InputFiles in;
  in.aggregates = args.values("--aggregates");
  in.accounts = args.values("--accounts");
  in.communications = args.values("--comms");
  if (auto format = args.value("--format")) {
    in.event_options.format = parse_input_format(*format);
    if (in.event_options.format == InputFormat::auto_detect && *format != "auto") {
      throw UsageError("--format must be csv, tsv, ndjson or json");
    }
  }
  for (const std::string& m : args.values("--map")) {
    const size_t eq = m.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == m.size()) throw UsageError("--map takes ROLE=COLUMN");
    in.event_options.mapping.fields[m.substr(0, eq)] = m.substr(eq + 1);
  }
  if (auto epoch = args.value("--epoch")) {
    in.event_options.mapping.epoch_unit = parse_epoch_unit(*epoch);
    if (in.event_options.mapping.epoch_unit == EpochUnit::undecided) {
      throw UsageError("--epoch must be s, ms, us or ns");
    }
  }
  if (auto threads = args.value("--threads")) {
    const bool digits = !threads->empty() && threads->size() <= 4 &&
                        threads->find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoul(*threads) == 0) throw UsageError("--threads takes a number from 1 to 9999");
    in.threads = static_cast<unsigned>(std::stoul(*threads));
  }
  if (auto order = args.value("--date-order")) {
    in.event_options.mapping.date_order = parse_date_order(*order);
    if (in.event_options.mapping.date_order == DateOrder::undecided) {
      throw UsageError("--date-order must be mdy or dmy");
    }
  }
  return in;
}

IngestOptions read_ingest_options(Args& args) {
  IngestOptions o;
  o.strict = args.flag("--strict");
  o.drop_identical_rows = args.flag("--drop-identical-rows");
  return o;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open the file");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error(path + ": cannot write the file");
}

}  // namespace pqlscope::cli
