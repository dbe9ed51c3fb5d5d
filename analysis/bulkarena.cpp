#include "bulkarena.h"

#include "pages.h"

#include <algorithm>

namespace th::analysis {

BulkArena::~BulkArena()
{
    for (const Chunk &c : m_chunks)
        Pages::release(c.data, c.size);
}

// Small arrays are cut from the current chunk; an array of a quarter chunk or more gets a chunk of its own,
// so that the unused tail of a chunk stays small. Chunks grow: a case of a few messages (a test, a message
// opened alone) reserves a megabyte, not ChunkSize.
// A chunk is populated PopulateStep bytes at a time, as arrays reach into it: the last chunk of a case is
// often mostly unused (hijack-dev: 0.8 of 16 MB), and populating it whole cost 4,000 page faults. Pages are
// populated outside the lock, while the other threads go on cutting arrays from the chunk.
void *BulkArena::allocate(size_t bytes, size_t alignment)
{
    if (bytes >= ChunkSize / 4) {
        void *own = Pages::populated(bytes);
        const std::lock_guard<std::mutex> guard(m_lock);
        m_chunks.push_back({static_cast<std::byte *>(own), bytes});
        return own;
    }
    std::unique_lock<std::mutex> guard(m_lock);
    size_t at = (m_used + alignment - 1) / alignment * alignment;
    if (!m_current.data || at + bytes > m_current.size) {
        const size_t size = std::max(m_current.data ? std::min(2 * m_current.size, ChunkSize) : FirstChunkSize, bytes);
        m_current = {static_cast<std::byte *>(Pages::reserved(size)), size};
        m_chunks.push_back(m_current);
        m_populated = 0;
        at = 0;
    }
    m_used = at + bytes;
    std::byte *const chunk = m_current.data;
    const size_t from = m_populated;
    if (m_used > m_populated)
        m_populated = std::min((m_used + PopulateStep - 1) / PopulateStep * PopulateStep, m_current.size);
    const size_t to = m_populated;
    guard.unlock();
    if (to > from)
        Pages::populate(chunk + from, to - from);
    return chunk + at;
}

} // namespace th::analysis
