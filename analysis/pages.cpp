#include "pages.h"

#include <QtGlobal>

#include <cstdint>
#include <new>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace th::analysis {
namespace {

#ifdef Q_OS_LINUX
constexpr size_t HugePage = size_t(2) << 20;

void *mapped(size_t bytes, int flags)
{
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    return p;
}

// A block of whole huge pages' worth is placed on a huge-page boundary and offered to transparent huge
// pages: one fault then maps 2 MiB. Where THP is off, the kernel ignores the advice. The mapping is cut to
// whole pages: munmap refuses an address inside one (an arena chunk holding a large array has its size).
void *hugeMapped(size_t bytes)
{
    const auto page = size_t(sysconf(_SC_PAGESIZE));
    bytes = (bytes + page - 1) / page * page;
    const auto start = reinterpret_cast<uintptr_t>(mapped(bytes + HugePage, 0));
    const uintptr_t aligned = (start + HugePage - 1) & ~(HugePage - 1);
    if (aligned > start)
        munmap(reinterpret_cast<void *>(start), aligned - start);
    munmap(reinterpret_cast<void *>(aligned + bytes), start + HugePage - aligned);
    void *block = reinterpret_cast<void *>(aligned);
#ifdef MADV_HUGEPAGE
    (void)madvise(block, bytes, MADV_HUGEPAGE);
#endif
    return block;
}
#endif

} // namespace

void *Pages::populated(size_t bytes)
{
#ifdef Q_OS_LINUX
    return mapped(bytes, MAP_POPULATE);
#else
    return ::operator new(bytes);
#endif
}

void *Pages::reserved(size_t bytes)
{
#ifdef Q_OS_LINUX
    return bytes < HugePage ? mapped(bytes, 0) : hugeMapped(bytes);
#else
    return ::operator new(bytes);
#endif
}

void Pages::populate(void *block, size_t bytes)
{
#if defined(Q_OS_LINUX) && defined(MADV_POPULATE_WRITE)
    (void)madvise(block, bytes, MADV_POPULATE_WRITE); // older kernels refuse it: the pages then fault in as written
#else
    Q_UNUSED(block);
    Q_UNUSED(bytes);
#endif
}

void Pages::release(void *block, size_t bytes)
{
#ifdef Q_OS_LINUX
    munmap(block, bytes);
#else
    Q_UNUSED(bytes);
    ::operator delete(block);
#endif
}

} // namespace th::analysis
