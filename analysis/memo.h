#pragma once

#include "memotable.h"

#include <QString>
#include <QVarLengthArray>

#include <initializer_list>
#include <type_traits>

namespace th::analysis {

/// Remembers the results of a pure function of a string for the calling thread. The indicators ask for the same
/// registrable domains and normalised names thousands of times (every participant of every thread), and
/// each answer costs ICU and libpsl calls; a thread's quoted headers come again in every later reply.
/// Per thread, so the concurrent runs need no lock.
///
/// Typical usage:
/// \code
///   QString DomainIdentity::registrable(QStringView d) { return Memo::of<0>(d, compute); }
/// \endcode
class Memo
{
public:
    static constexpr size_t MaxEntries = 200000; ///< bounded memory on huge cases: start over when full
    static constexpr size_t MaxTextEntries = 20000; ///< for keys of a few hundred characters (quoted lines)
    static constexpr qsizetype MaxKeyLength = 512;  ///< longer keys are computed each time: hostile mail
                                                    ///< must not fill the tables with megabyte keys

    /// \a Table separates the functions that use it; \a Max bounds its entries (lower for long keys).
    template<int Table, size_t Max = MaxEntries, typename Compute>
    static auto of(QStringView key, Compute &&compute)
    {
        using Value = std::invoke_result_t<Compute, QStringView>;
        if (key.size() > MaxKeyLength)
            return compute(key);
        thread_local MemoTable<Value> cache;
        const quint64 h = MemoTable<Value>::hash(key);
        if (const Value *found = cache.find(key, h))
            return *found;
        if (cache.size() >= Max)
            cache.clear();
        Value value = compute(key); // may ask this table too: nothing of it is held meanwhile
        return Value(cache.insert(key, h, std::move(value)));
    }

    /// As of(), for a function of several strings: \a compute() takes no key. Each part is keyed with
    /// its length, so no two lists of parts share a key.
    template<int Table, size_t Max = MaxEntries, typename Compute>
    static auto of(std::initializer_list<QStringView> parts, Compute &&compute)
    {
        qsizetype length = 0;
        for (QStringView p : parts)
            length += 2 + p.size();
        if (length > MaxKeyLength)
            return compute();
        QVarLengthArray<char16_t, 512> key;
        for (QStringView p : parts) {
            key.append(char16_t(p.size() >> 16));
            key.append(char16_t(p.size()));
            key.append(p.utf16(), p.size());
        }
        return of<Table, Max>(QStringView(key.constData(), key.size()), [&compute](QStringView) { return compute(); });
    }
};

} // namespace th::analysis
