#pragma once

#include <cstddef>

namespace th::analysis {

/// Memory straight from the system, populated when taken. On the virtual machines this runs on, the first
/// touch of each fresh 4 KiB page traps to the hypervisor, about 13 µs a page (measured here); populating a
/// block in one call costs about 0.8 µs a page. The analysis's bulk arrays (tokens, shingle sets, postings:
/// tens of MB a case) are written once right after they are taken, so they are taken this way.
///
/// reserved() offers blocks of 2 MiB and more to transparent huge pages: the arena's chunks (at most 16 MiB,
/// taken as the analysis goes) then populate in one fault per 2 MiB, and the analysis takes fewer page faults
/// (kselftest 10,000 -> 5,700; 2-8 % faster). populated() does not: with the index's arrays in huge pages
/// too, the scale mailbox's analysis was 4-11 % slower (measured; the kernel reported no compaction stalls).
class Pages
{
public:
    /// \a bytes of zeroed, populated memory (MAP_POPULATE on Linux; plain heap memory elsewhere).
    [[nodiscard]] static void *populated(size_t bytes);
    /// \a bytes of memory, not yet populated: taking it costs no page work, so it can be taken under a lock.
    [[nodiscard]] static void *reserved(size_t bytes);
    /// Populates reserved() memory without writing to it: other threads may already be filling parts of it
    /// (MADV_POPULATE_WRITE, Linux 5.14; elsewhere the pages are faulted in as they are written).
    static void populate(void *block, size_t bytes);
    static void release(void *block, size_t bytes);
};

} // namespace th::analysis
