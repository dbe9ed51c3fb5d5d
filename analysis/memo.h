#pragma once

#include <QHash>
#include <QString>

#include <type_traits>
#include <unordered_map>

namespace th::analysis {

/// Remembers the results of a pure function of a string for the calling thread. The indicators ask for the same
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
    static constexpr size_t MaxEntries = 200000; ///< bounded memory on huge cases: start over when full

    /// \a Table separates the functions that use it.
    template<int Table, typename Compute>
    static auto of(QStringView key, Compute &&compute)
    {
        using Value = std::invoke_result_t<Compute, QStringView>;
        thread_local std::unordered_map<QString, Value, ViewHash, ViewEqual> cache;
        if (const auto it = cache.find(key); it != cache.cend())
            return it->second;
        if (cache.size() >= MaxEntries)
            cache.clear();
        return cache.emplace(key.toString(), compute(key)).first->second;
    }

private:
    // A lookup by QStringView builds no QString: most lookups find their key.
    struct ViewHash {
        using is_transparent = void;
        size_t operator()(QStringView s) const noexcept { return qHash(s); }
    };
    struct ViewEqual {
        using is_transparent = void;
        bool operator()(QStringView a, QStringView b) const noexcept { return a == b; }
    };
};

} // namespace th::analysis
