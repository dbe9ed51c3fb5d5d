#pragma once

#include "model/message.h"
#include "model/thread.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace th::analysis {

/// Who takes part in each header thread, counted per message (From, To and Cc): addresses, registrable
/// domains and normalised display names. ParticipantSet takes a thread from here and leaves the judged
/// message out by subtracting its own mentions (mentionsOf), instead of walking the thread for every message of it.
///
/// Typical usage:
/// \code
///   const ThreadParticipants participants(store.messages(), threads);
///   participants.ofThread(t).addresses.value("jane@example.com"); // messages of t that name her
/// \endcode
class ThreadParticipants
{
public:
    /// One message's mentions (From, To and Cc), with repeats: its own share of its thread's counts. Lists,
    /// not hashes: a message names a few people, and a Qt 6 QHash costs a kilobyte however small it is.
    struct Mentions {
        QStringList addresses, domains, names;
    };
    struct Counts {
        QHash<QString, int> addresses; ///< lower case
        QHash<QString, int> domains;   ///< registrable
        QHash<QString, int> names;     ///< normalised, two characters or more
        void add(const model::MailAddress &a);
        void add(const Mentions &m);
    };

    ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads);

    [[nodiscard]] const Counts &ofThread(int thread) const { return m_threads[thread]; }
    [[nodiscard]] static Mentions mentionsOf(const model::Message &m);

private:
    QList<Counts> m_threads;
};

} // namespace th::analysis
