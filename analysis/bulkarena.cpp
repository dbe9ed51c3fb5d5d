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
// opened alone) populates a megabyte, not ChunkSize.
// Pages are populated outside the lock: populating a 16 MB chunk takes milliseconds, during which the other
// threads go on cutting arrays from it.
void *BulkArena::allocate(size_t bytes, size_t alignment)
{
    if (bytes >= ChunkSize / 4) {
        void *own = Pages::populated(bytes);
        const std::lock_guard<std::mutex> guard(m_lock);
        m_chunks.push_back({static_cast<std::byte *>(own), bytes});
        return own;
    }
    std::unique_lock<std::mutex> guard(m_lock);
    const size_t at = (m_used + alignment - 1) / alignment * alignment;
    if (m_current.data && at + bytes <= m_current.size) {
        m_used = at + bytes;
        return m_current.data + at;
    }
    const size_t size = std::max(m_current.data ? std::min(2 * m_current.size, ChunkSize) : FirstChunkSize, bytes);
    std::byte *fresh = static_cast<std::byte *>(Pages::reserved(size));
    m_current = {fresh, size};
    m_chunks.push_back(m_current);
    m_used = bytes;
    guard.unlock();
    Pages::populate(fresh, size);
    return fresh;
}

} // namespace th::analysis
