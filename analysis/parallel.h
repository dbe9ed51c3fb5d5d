#pragma once

#include <QtConcurrent>

namespace th::analysis {

/// f(0), ..., f(n - 1) computed on the global thread pool, each written straight into its slot of a
/// Container (QList or std::vector). QtConcurrent::blockingMapped would copy every result through its
/// result store, which for word lists and body structures costs as much as computing them.
template<typename Container, typename F>
Container parallelMap(qsizetype n, F &&f)
{
    Container out(n);
    auto *first = out.data();
    QtConcurrent::blockingMap(out, [&](auto &slot) { slot = f(int(&slot - first)); });
    return out;
}

} // namespace th::analysis
