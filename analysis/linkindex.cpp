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

// "host/": what a link must extend to explain a longer one.
qsizetype siteLength(QStringView link)
{
    const qsizetype slash = link.indexOf(u'/');
    return slash < 0 ? link.size() : slash + 1;
}

qsizetype commonPrefix(QStringView a, QStringView b)
{
    const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    return ia - a.begin();
}

} // namespace

LinkIndex::LinkIndex(const QList<QSet<QString>> &links, const model::ThreadSet &threads)
    : m_threads(threads)
{
    m_byThread.resize(size_t(threads.threads.size()));
    parallelFor(threads.threads.size(), [&](int t) { m_byThread[size_t(t)] = sorted(links, threads.threads[t].messageIndexes()); });
    m_unthreaded.resize(size_t(links.size()));
    for (int m = 0; m < links.size(); ++m) {
        if (threads.threadOfMessage.value(m, -1) < 0)
            m_unthreaded[size_t(m)] = sorted(links, {m});
    }
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

bool LinkIndex::known(const QString &link, int message, int exclude) const
{
    if (message < 0)
        return false;
    const int thread = m_threads.threadOfMessage.value(message, -1);
    return holds(thread < 0 ? m_unthreaded[size_t(message)] : m_byThread[size_t(thread)], withoutScheme(link), exclude);
}

bool LinkIndex::holds(const std::vector<Entry> &sorted, QStringView link, int exclude)
{
    return startedBy(sorted, link, exclude) || startsWithOne(sorted, link, exclude);
}

// The links starting with \a link lie together, from where it would be inserted.
bool LinkIndex::startedBy(const std::vector<Entry> &sorted, QStringView link, int exclude)
{
    auto it = std::lower_bound(sorted.cbegin(), sorted.cend(), link, [](const Entry &e, QStringView v) { return QStringView(e.link) < v; });
    for (; it != sorted.cend() && it->link.startsWith(link); ++it) {
        if (it->message != exclude)
            return true;
    }
    return false;
}

// A link longer than the site that \a link starts with. Every link between such a start and \a link in
// order starts with it too, so the greatest link not after the probe is either a start, or shares with the
// probe at least as much as any start: the probe is cut to that and the search goes on.
bool LinkIndex::startsWithOne(const std::vector<Entry> &sorted, QStringView link, int exclude)
{
    const qsizetype site = siteLength(link);
    const auto after = [](QStringView v, const Entry &e) { return v < QStringView(e.link); };
    for (QStringView probe = link.chopped(link.isEmpty() ? 0 : 1); probe.size() > site;) {
        auto it = std::upper_bound(sorted.cbegin(), sorted.cend(), probe, after);
        if (it == sorted.cbegin())
            return false;
        const QStringView greatest = (--it)->link;
        if (!probe.startsWith(greatest)) {
            probe = probe.first(commonPrefix(probe, greatest));
            continue;
        }
        if (greatest.size() <= site)
            return false; // a longer start would come after it
        for (; QStringView(it->link) == greatest; --it) {
            if (it->message != exclude)
                return true;
            if (it == sorted.cbegin())
                break;
        }
        probe = greatest.chopped(greatest.isEmpty() ? 0 : 1);
    }
    return false;
}

} // namespace th::analysis
