#include "pages.h"

#include <QtGlobal>

#include <new>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace th::analysis {

void *Pages::populated(size_t bytes)
{
#ifdef Q_OS_LINUX
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    return p;
#else
    return ::operator new(bytes);
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
