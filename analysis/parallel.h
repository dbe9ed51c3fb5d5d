#pragma once

#include <QtConcurrent>

#include <numeric>
#include <vector>

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

/// f(0), ..., f(n - 1) run on the global thread pool, for work that fills several outputs.
template<typename F>
void parallelFor(qsizetype n, F &&f)
{
    std::vector<int> indexes(static_cast<size_t>(n));
    std::iota(indexes.begin(), indexes.end(), 0);
    QtConcurrent::blockingMap(indexes, [&](int i) { f(i); });
}

} // namespace th::analysis
