// Asks the OS to back a large, not yet touched block with huge pages (docs/performance.md,
// "Batched loads": the ingest's prefetches into multi-megabyte tables waited on page walks).
// Linux natively only; elsewhere, WebAssembly included, it does nothing. A hint: the block's
// contents and every result are the same whether it is taken or not.
#pragma once

#include <cstddef>

namespace pqlscope {

// Advises the 2 MiB-aligned part of [data, data + bytes); blocks under 4 MiB are left alone.
void advise_huge_pages(void* data, std::size_t bytes);

}  // namespace pqlscope
