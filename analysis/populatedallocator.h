#pragma once

#include "pages.h"

#include <memory>

namespace th::analysis {

/// A std::vector allocator for one large array written right after it is allocated (an index's postings):
/// blocks of MinBytes or more come from Pages::populated, smaller ones from the heap.
///
/// Typical usage:
/// \code
///   std::vector<quint64, PopulatedAllocator<quint64>> hashes(postingCount);
/// \endcode
template<typename T>
class PopulatedAllocator
{
public:
    using value_type = T;
    static constexpr size_t MinBytes = size_t(1) << 20;

    PopulatedAllocator() = default;
    template<typename U>
    PopulatedAllocator(const PopulatedAllocator<U> &) noexcept {}

    [[nodiscard]] T *allocate(size_t n)
    {
        return n * sizeof(T) >= MinBytes ? static_cast<T *>(Pages::populated(n * sizeof(T))) : std::allocator<T>().allocate(n);
    }
    void deallocate(T *p, size_t n) noexcept
    {
        if (n * sizeof(T) >= MinBytes)
            Pages::release(p, n * sizeof(T));
        else
            std::allocator<T>().deallocate(p, n);
    }
    /// Elements are default-initialised, which leaves a plain struct unwritten: populated pages come zeroed,
    /// and an index fills its array anyway. Writing it twice would touch every page on one thread first.
    template<typename U>
    void construct(U *p) noexcept
    {
        ::new (static_cast<void *>(p)) U;
    }
    template<typename U>
    bool operator==(const PopulatedAllocator<U> &) const noexcept { return true; }
};

} // namespace th::analysis
