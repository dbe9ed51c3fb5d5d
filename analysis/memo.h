#pragma once

#include <QHash>
#include <QString>

namespace th::analysis {

/// Remembers the results of a pure QString function for the calling thread. The indicators ask for the same
/// registrable domains and normalised names thousands of times (every participant of every thread), and
/// each answer costs ICU and libpsl calls. Per thread, so the concurrent indicator runs need no lock.
///
/// Typical usage:
/// \code
///   QString DomainIdentity::registrable(QStringView d) { return Memo::of<0>(d, compute); }
/// \endcode
class Memo
{
public:
    static constexpr qsizetype MaxEntries = 200000; ///< bounded memory on huge cases: start over when full

    /// \a Table separates the functions that use it.
    template<int Table, typename Compute>
    static QString of(QStringView key, Compute &&compute)
    {
        thread_local QHash<QString, QString> cache;
        const QString k = key.toString();
        if (const auto it = cache.constFind(k); it != cache.cend())
            return *it;
        if (cache.size() >= MaxEntries)
            cache.clear();
        return *cache.insert(k, compute(key));
    }
};

} // namespace th::analysis
