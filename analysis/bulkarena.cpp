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
void *BulkArena::allocate(size_t bytes, size_t alignment)
{
    const std::lock_guard<std::mutex> guard(m_lock);
    if (bytes >= ChunkSize / 4) {
        m_chunks.push_back({static_cast<std::byte *>(Pages::populated(bytes)), bytes});
        return m_chunks.back().data;
    }
    size_t at = (m_used + alignment - 1) / alignment * alignment;
    if (!m_current.data || at + bytes > m_current.size) {
        const size_t size = std::max(m_current.data ? std::min(2 * m_current.size, ChunkSize) : FirstChunkSize, bytes);
        m_current = {static_cast<std::byte *>(Pages::populated(size)), size};
        m_chunks.push_back(m_current);
        at = 0;
    }
    m_used = at + bytes;
    return m_current.data + at;
}

} // namespace th::analysis
