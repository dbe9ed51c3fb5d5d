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
/// storm of 4,000 replies that quote a link took 128 s of analysis, growing with the square of its size).
///
/// A link is known when a link there equals it or starts with it (quoting cuts long links at a line end),
/// or, past the site, is its start. The scheme is not compared: a Mimecast rewrite keeps only the site, and a
/// site alone explains no deeper link (a Google Docs link in the thread does not explain another document).
class LinkIndex
{
public:
    LinkIndex(const QList<QSet<QString>> &links, const model::ThreadSet &threads);

    /// Whether a message other than \a exclude of \a message's thread (\a message itself, when it is in no
    /// thread) shows \a link.
    [[nodiscard]] bool known(const QString &link, int message, int exclude) const;

private:
    struct Entry {
        QString link; ///< without its scheme
        int message = -1;
        bool operator<(const Entry &o) const { return link < o.link; }
    };
    [[nodiscard]] static bool holds(const std::vector<Entry> &sorted, QStringView link, int exclude);
    [[nodiscard]] static bool startedBy(const std::vector<Entry> &sorted, QStringView link, int exclude);
    [[nodiscard]] static bool startsWithOne(const std::vector<Entry> &sorted, QStringView link, int exclude);
    [[nodiscard]] static std::vector<Entry> sorted(const QList<QSet<QString>> &links, const QList<int> &messages);

    const model::ThreadSet &m_threads;
    std::vector<std::vector<Entry>> m_byThread;
    std::vector<std::vector<Entry>> m_unthreaded; ///< per message, for the messages in no thread
};

} // namespace th::analysis
