// Settings of the C library's allocator for the command line's short, single-job processes.
// The library (core/) leaves the allocator alone: an embedding program owns that choice.
#pragma once

namespace pqlscope::cli {

// Call first in main(): on Linux with glibc, restarts the process once with allocator settings
// that reuse freed memory (allocator_settings.cpp says why).
// Returns when nothing is to be done or the restart is not possible.
void tune_allocator_for_one_job(char** argv);

}  // namespace pqlscope::cli
