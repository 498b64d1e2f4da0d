#include "report_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

namespace pqlscope::cli {

std::unique_ptr<std::ofstream> open_in_place_of(const std::string& path) {
  struct stat last {};
  const bool replace = ::lstat(path.c_str(), &last) == 0 && S_ISREG(last.st_mode) && last.st_nlink == 1 &&
                       ::access(path.c_str(), W_OK) == 0 && ::unlink(path.c_str()) == 0;
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary);
  // Made anew under the process's umask: the last report's permissions are given back.
  if (replace && *file) (void)::chmod(path.c_str(), last.st_mode & 07777);
  return file;
}

}  // namespace pqlscope::cli
