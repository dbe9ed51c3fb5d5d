#include "pages.h"

#include <QtGlobal>

#include <new>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace th::analysis {
namespace {

#ifdef Q_OS_LINUX
void *mapped(size_t bytes, int flags)
{
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    return p;
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
    return mapped(bytes, 0);
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
