#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <type_traits>
#include <vector>

namespace th::analysis {

/// Memory for the analysis's many small bulk arrays (a message's word tokens and shingle sets; tens of MB a
/// case), cut from large chunks of Pages and given back all at once with the arena: a chunk's pages are
/// populated a megabyte a call as arrays reach them, instead of trapping on each fresh page, and outside the lock.
///
/// Thread-safe. Only for trivially copyable elements.
///
/// Typical usage:
/// \code
///   BulkArena arena;
///   const std::span<const quint64> kept = arena.keep(scratch);   // a copy of a std::vector<quint64>
/// \endcode
class BulkArena
{
public:
    static constexpr size_t FirstChunkSize = size_t(1) << 20;
    static constexpr size_t ChunkSize = size_t(16) << 20; ///< chunks double from FirstChunkSize up to this
    static constexpr size_t PopulateStep = size_t(1) << 20; ///< a chunk's pages are populated this much at a time

    BulkArena() = default;
    ~BulkArena();
    BulkArena(const BulkArena &) = delete;
    BulkArena &operator=(const BulkArena &) = delete;

    /// A copy of \a items that lives as long as the arena; the caller may still edit it in place.
    template<typename T>
    std::span<T> keep(std::span<const T> items)
    {
        T *first = raw<T>(items.size());
        std::uninitialized_copy(items.begin(), items.end(), first);
        return {first, items.size()};
    }

    template<typename T>
    std::span<T> keep(const std::vector<T> &items)
    {
        return keep(std::span<const T>(items));
    }

private:
    struct Chunk {
        std::byte *data = nullptr;
        size_t size = 0;
    };

    template<typename T>
    T *raw(size_t n)
    {
        static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
        return n == 0 ? nullptr : static_cast<T *>(allocate(n * sizeof(T), alignof(T)));
    }
    void *allocate(size_t bytes, size_t alignment);

    std::mutex m_lock;
    std::vector<Chunk> m_chunks; ///< all of them, to release
    Chunk m_current;             ///< the chunk small arrays are cut from
    size_t m_used = 0;           ///< bytes taken from m_current
    size_t m_populated = 0;      ///< bytes of m_current populated, or being populated
};

} // namespace th::analysis
