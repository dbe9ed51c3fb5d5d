#pragma once

#include "model/message.h"
#include "model/thread.h"

#include <QHash>
#include <QList>
#include <QString>

namespace th::analysis {

/// Who takes part in each header thread, counted per message (From, To and Cc): addresses, registrable
/// domains and normalised display names. ParticipantSet takes a thread from here and leaves the judged
/// message out by subtracting its own counts, instead of walking the thread for every message of it.
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
        void add(const model::MailAddress &a, int n = 1);
    };

    ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads);

    [[nodiscard]] const Counts &ofThread(int thread) const { return m_threads[thread]; }
    [[nodiscard]] const Counts &ofMessage(int message) const { return m_messages[message]; }

private:
    [[nodiscard]] static Counts countsOf(const model::Message &m);

    QList<Counts> m_threads;
    QList<Counts> m_messages;
};

} // namespace th::analysis
