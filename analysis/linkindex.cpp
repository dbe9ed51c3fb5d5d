#include "linkindex.h"

#include "parallel.h"

#include <algorithm>

namespace th::analysis {
namespace {

QStringView withoutScheme(QStringView link)
{
    const qsizetype at = link.indexOf(QLatin1String("://"));
    return at < 0 ? link : link.sliced(at + 3);
}

} // namespace

LinkIndex::LinkIndex(const QList<QSet<QString>> &links, const model::ThreadSet &threads)
{
    m_byMessage.resize(size_t(links.size()));
    parallelFor(links.size(), [&](int m) { m_byMessage[size_t(m)] = sorted(links, {m}); });
    m_byThread.resize(size_t(threads.threads.size()));
    parallelFor(threads.threads.size(), [&](int t) { m_byThread[size_t(t)] = sorted(links, threads.threads[t].messageIndexes()); });
}

std::vector<LinkIndex::Entry> LinkIndex::sorted(const QList<QSet<QString>> &links, const QList<int> &messages)
{
    std::vector<Entry> out;
    for (int m : messages) {
        for (const QString &link : links[m])
            out.push_back({withoutScheme(link).toString(), m});
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool LinkIndex::inMessage(const QString &link, int message) const
{
    return message >= 0 && holds(m_byMessage[size_t(message)], withoutScheme(link), -1);
}

bool LinkIndex::inThread(const QString &link, int thread, int exclude) const
{
    return thread >= 0 && holds(m_byThread[size_t(thread)], withoutScheme(link), exclude);
}

// Links starting with \a link lie together from where it would be inserted; the links it starts with are
// found one prefix length at a time.
bool LinkIndex::holds(const std::vector<Entry> &sorted, QStringView link, int exclude)
{
    const auto from = [&sorted](QStringView s) {
        return std::lower_bound(sorted.cbegin(), sorted.cend(), s, [](const Entry &e, QStringView v) { return QStringView(e.link) < v; });
    };
    for (auto it = from(link); it != sorted.cend() && it->link.startsWith(link); ++it) {
        if (it->message != exclude)
            return true;
    }
    for (qsizetype n = link.size() - 1; n > 0; --n) {
        const QStringView start = link.first(n);
        for (auto it = from(start); it != sorted.cend() && it->link == start; ++it) {
            if (it->message != exclude)
                return true;
        }
    }
    return false;
}

} // namespace th::analysis
