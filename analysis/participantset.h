#pragma once

#include "threadparticipants.h"

#include "model/mailaddress.h"

#include <QList>
#include <QSet>
#include <QString>

namespace th::analysis {

struct MessageContext;

/// PS(thread) of detection-spec 5: the people of the conversation a message claims to belong to: the other
/// stored messages of its header thread, of the thread its quoted content was copied from, of the thread of
/// the message its first quote copies (QuoteLinker: a truncated copy too), and the names and addresses in its
/// own quoted header blocks.
///
/// The threads are not copied: a person belongs to one when the thread names them more often than the
/// judged message does (ThreadParticipants' counts), which each question reads directly. Large threads
/// have hundreds of people, and most messages ask about a few.
class ParticipantSet
{
public:
    [[nodiscard]] static ParticipantSet of(const MessageContext &ctx);

    [[nodiscard]] bool hasName(const QString &displayName) const;
    [[nodiscard]] bool hasAddress(const QString &address) const;
    [[nodiscard]] bool hasDomain(const QString &registrable) const;
    /// Whether \a word is a word of a participant's normalised name: names() split into words, without
    /// gathering the names of a thread of thousands for each word asked.
    [[nodiscard]] bool hasNameWord(const QString &word) const;
    [[nodiscard]] QSet<QString> domains() const; ///< registrable
    [[nodiscard]] QSet<QString> names() const;   ///< normalised

private:
    /// A kind of key: its table in the threads' counts and its list in the judged message's mentions.
    struct Table {
        ThreadParticipants::Tally ThreadParticipants::Counts::*counts;
        QStringList ThreadParticipants::Mentions::*own;
    };
    static constexpr Table Addresses{&ThreadParticipants::Counts::addresses, &ThreadParticipants::Mentions::addresses};
    static constexpr Table Domains{&ThreadParticipants::Counts::domains, &ThreadParticipants::Mentions::domains};
    static constexpr Table Names{&ThreadParticipants::Counts::names, &ThreadParticipants::Mentions::names};
    struct Thread {
        int id = -1;
        const ThreadParticipants::Counts *all = nullptr;
        bool inside = false; ///< the judged message is in this thread: its own counts are left out
    };

    void addThread(const MessageContext &ctx, int thread);
    [[nodiscard]] bool inThreads(Table table, const QString &key) const;
    [[nodiscard]] bool inThread(const Thread &t, Table table, const QString &key, int mentions) const;
    [[nodiscard]] QSet<QString> collect(Table table, const QSet<QString> &quoted) const;

    const ThreadParticipants *m_book = nullptr;
    QList<Thread> m_threads;
    ThreadParticipants::Mentions m_own;  ///< the judged message's
    ThreadParticipants::Counts m_quoted; ///< from the quoted header blocks
};

} // namespace th::analysis
