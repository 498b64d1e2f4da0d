// The report file of `pqlscope score --out`, opened in place of the last run's report.
#pragma once

#include <fstream>
#include <memory>
#include <string>

namespace pqlscope::cli {

// Opens `path` for writing a new report. When it names a regular file of one link that may be
// written, that file is removed and a new one made with its permissions, instead of being
// truncated: on ext4 (its default `auto_da_alloc`), a file truncated to zero and written again
// is flushed to disk when closed, on the job's path (about 40 ms for the 81 MB report of 1M
// events, docs/performance-round-13.md); a new file is written back later, as any other. A
// symbolic link, a file of several names or one that may not be written is opened as before
// (truncated; the last refuses), so that what the path means to the user does not change. The
// stream is not good() when the file cannot be opened.
std::unique_ptr<std::ofstream> open_in_place_of(const std::string& path);

}  // namespace pqlscope::cli
