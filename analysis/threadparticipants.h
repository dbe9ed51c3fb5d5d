#pragma once

#include "model/message.h"
#include "model/thread.h"

#include <QHash>
#include <QList>
#include <QString>

namespace th::analysis {

/// Who takes part in each header thread, counted per message (From, To and Cc): addresses, registrable
/// domains and normalised display names. ParticipantSet takes a thread from here and leaves the judged
/// message out by subtracting its own counts (countsOf), instead of walking the thread for every message of it.
///
/// Typical usage:
/// \code
///   const ThreadParticipants participants(store.messages(), threads);
///   participants.ofThread(t).addresses.value("jane@example.com"); // messages of t that name her
/// \endcode
class ThreadParticipants
{
public:
    struct Counts {
        QHash<QString, int> addresses; ///< lower case
        QHash<QString, int> domains;   ///< registrable
        QHash<QString, int> names;     ///< normalised, two characters or more
        void add(const model::MailAddress &a);
        void add(const model::Message &m); ///< its From, To and Cc
    };

    ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads);

    [[nodiscard]] const Counts &ofThread(int thread) const { return m_threads[thread]; }
    /// One message's own share of its thread's counts.
    [[nodiscard]] static Counts countsOf(const model::Message &m);

private:
    QList<Counts> m_threads;
};

} // namespace th::analysis
