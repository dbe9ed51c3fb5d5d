#pragma once

#include "stringhash.h"

#include <QString>
#include <QStringView>

#include <utility>
#include <vector>

namespace th::analysis {

/// The string-keyed table behind Memo: open addressing over a power-of-two array of (hash, entry) slots. A
/// lookup compares the stored 64-bit hash before the key, so it reads one slot and, when found, one key:
/// std::unordered_map divided by a prime and followed a node pointer and a key pointer for each. Entries
/// are never removed one by one; clear() drops them all.
///
/// Typical usage:
/// \code
///   MemoTable<QString> table;
///   const quint64 h = MemoTable<QString>::hash(key);
///   if (const QString *found = table.find(key, h)) return *found;
///   return table.insert(key, h, compute(key));
/// \endcode
template<typename Value>
class MemoTable
{
public:
    [[nodiscard]] static quint64 hash(QStringView key) { return StringHash()(key); }

    /// The value stored under \a key (of hash \a h), or nullptr.
    [[nodiscard]] const Value *find(QStringView key, quint64 h) const
    {
        if (m_slots.empty())
            return nullptr;
        for (size_t i = size_t(h) & mask();; i = (i + 1) & mask()) {
            const Slot &s = m_slots[i];
            if (s.entry < 0)
                return nullptr;
            if (s.hash == h && QStringView(m_entries[size_t(s.entry)].first) == key)
                return &m_entries[size_t(s.entry)].second;
        }
    }

    /// Stores \a value under \a key, which find() did not hold; returns the stored copy.
    const Value &insert(QStringView key, quint64 h, Value value)
    {
        if (2 * (m_entries.size() + 1) > m_slots.size())
            grow();
        size_t i = size_t(h) & mask();
        while (m_slots[i].entry >= 0)
            i = (i + 1) & mask();
        m_slots[i] = {h, qint64(m_entries.size())};
        m_entries.emplace_back(key.toString(), std::move(value));
        return m_entries.back().second;
    }

    [[nodiscard]] size_t size() const { return m_entries.size(); }

    void clear()
    {
        m_slots.clear();
        m_entries.clear();
    }

private:
    struct Slot {
        quint64 hash = 0;
        qint64 entry = -1; ///< index into m_entries, or -1 for an empty slot
    };

    [[nodiscard]] size_t mask() const { return m_slots.size() - 1; }

    // Doubles the slots (at least 1,024) and places every entry again: at most half the slots are used.
    void grow()
    {
        std::vector<Slot> bigger(m_slots.empty() ? 1024 : 2 * m_slots.size());
        const size_t biggerMask = bigger.size() - 1;
        for (const Slot &s : m_slots) {
            if (s.entry < 0)
                continue;
            size_t i = size_t(s.hash) & biggerMask;
            while (bigger[i].entry >= 0)
                i = (i + 1) & biggerMask;
            bigger[i] = s;
        }
        m_slots = std::move(bigger);
    }

    std::vector<Slot> m_slots;
    std::vector<std::pair<QString, Value>> m_entries;
};

} // namespace th::analysis
