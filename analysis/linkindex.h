#pragma once

#include "model/thread.h"

#include <QList>
#include <QSet>
#include <QString>

#include <vector>

namespace th::analysis {

/// The links each message of a case shows, in its text or HTML (AlteredQuote::linksIn), looked up by thread.
/// Whether a quoted link is already in the conversation is asked for every link of every quoted copy: a
/// thread's links are sorted once, instead of being gathered again for each message that asks (a reply-all
/// storm of 4,000 replies that quote a link took 40 s, growing with the square of its size).
///
/// A link is known when a link there equals it, starts with it (quoting cuts long links at a line end) or
/// is its start; the scheme is not compared (a Mimecast rewrite keeps only the site).
class LinkIndex
{
public:
    LinkIndex(const QList<QSet<QString>> &links, const model::ThreadSet &threads);

    /// Whether message \a message shows \a link.
    [[nodiscard]] bool inMessage(const QString &link, int message) const;
    /// Whether a message of thread \a thread other than \a exclude shows \a link.
    [[nodiscard]] bool inThread(const QString &link, int thread, int exclude) const;

private:
    struct Entry {
        QString link; ///< without its scheme
        int message = -1;
        bool operator<(const Entry &o) const { return link < o.link; }
    };
    [[nodiscard]] static bool holds(const std::vector<Entry> &sorted, QStringView link, int exclude);
    [[nodiscard]] static std::vector<Entry> sorted(const QList<QSet<QString>> &links, const QList<int> &messages);

    std::vector<std::vector<Entry>> m_byMessage;
    std::vector<std::vector<Entry>> m_byThread;
};

} // namespace th::analysis
