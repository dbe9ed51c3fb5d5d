#pragma once

#include "stringhash.h"

#include "model/message.h"
#include "model/thread.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <vector>

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
    /// Mentions by key. A standard hash map: a case counts tens of thousands of mentions, and with QString keys
    /// a Qt 6.4 QHash took 2.5 times as long (see HijackAnalyzer::inferOrganisation).
    using Tally = std::unordered_map<QString, int, StringHash>;
    struct Counts {
        Tally addresses; ///< lower case
        Tally domains;   ///< registrable
        Tally names;     ///< normalised, two characters or more
        void add(const model::MailAddress &a);
        void add(const Mentions &m);
    };
    /// The count of \a key in \a tally, 0 when absent.
    [[nodiscard]] static int countOf(const Tally &tally, const QString &key);

    ThreadParticipants(const std::vector<model::Message> &messages, const model::ThreadSet &threads);

    [[nodiscard]] const Counts &ofThread(int thread) const { return m_threads[thread]; }
    [[nodiscard]] static Mentions mentionsOf(const model::Message &m);
    /// mentionsOf(the stored message \a message), counted once with its thread.
    [[nodiscard]] const Mentions &mentions(int message) const { return m_mentions[size_t(message)]; }
    /// The distinct words of a normalised name.
    [[nodiscard]] static QStringList wordsOf(const QString &name);
    /// Whether a name of \a thread, beyond the mentions \a ownNames (counted in the thread too), holds \a word.
    /// The counts of the names holding it are each at least their share of \a ownNames, so their sums differ
    /// exactly when one of them is counted more.
    [[nodiscard]] bool namesWord(int thread, const QString &word, const QStringList &ownNames) const;
    /// Whether a message of \a thread other than \a exclude, dated before \a before, names \a address in From,
    /// To or Cc. A message without a date counts as before any date; nothing is before no date. An empty
    /// address is named nowhere.
    [[nodiscard]] bool namedBefore(int thread, const QString &address, const QDateTime &before, int exclude) const;

private:
    /// A message naming an address (by the hash of its lower-case form; a collision only costs a check).
    struct Sighting {
        size_t address;
        qint64 sent; ///< ms since the epoch, or NoDate
        int message;
        bool operator<(const Sighting &o) const { return std::tie(address, sent) < std::tie(o.address, o.sent); }
    };
    static constexpr qint64 NoDate = std::numeric_limits<qint64>::min();
    [[nodiscard]] static bool namesAddress(const model::Message &m, const QString &address);

    static constexpr qsizetype MaxScannedThread = 64;

    /// A thread's name words, each counted once per mention of a name holding it. Only lures ask, so each
    /// thread's are counted on first use (once, whichever worker asks).
    [[nodiscard]] const QHash<QString, int> &nameWords(int thread) const;

    QList<Counts> m_threads;
    std::unique_ptr<std::once_flag[]> m_nameWordsCounted; ///< the flags change, not the pointer
    mutable std::vector<QHash<QString, int>> m_nameWords;
    QList<QList<int>> m_threadMessages; ///< per thread: its stored messages
    std::vector<Mentions> m_mentions;   ///< per stored message
    /// Per thread of more than MaxScannedThread messages, sorted: answers namedBefore() without walking the
    /// thread for every message of it (quadratic in a thread of thousands of replies).
    QList<std::vector<Sighting>> m_sightings;
    const std::vector<model::Message> &m_messages;
};

} // namespace th::analysis
