#pragma once

#include "bodystructure.h"
#include "quotematcher.h"

#include "model/message.h"
#include "model/thread.h"

#include <QHash>
#include <QList>

namespace th::analysis {

/// Which stored message a quoted message copies, when the store holds it.
struct QuoteLink {
    int message = -1;       ///< index of the stored message, or -1
    double containment = 0; ///< share of the quote's shingles found in that message's own words
    bool byHeader = false;  ///< found through the quote's attribution (author and date), not its words
    [[nodiscard]] bool isValid() const { return message >= 0; }
};

/// Links each quoted message of a body to the stored message it copies (detection-spec B9: "candidate stored
/// message matched by (date, from) or by shingle search"). Candidates are the messages of the header thread,
/// of the thread the quoted content was copied from, and the author's messages from around the quoted date
/// (by address; by name when the attribution has none and the message stands alone in its thread).
/// A quote usually keeps only part of its original, so the test is how much of the *quote* the candidate
/// wrote (|S(q) ∩ S(own(m))| / |S(q)|), not the reverse.
///
/// In a large scope (a thread of thousands of replies) only the candidates that share words with the quote
/// or that its attribution names are looked at: the others can win neither way, and walking them all for
/// every quote made a thread's linking quadratic in its size.
class QuoteLinker
{
public:
    static constexpr double MinContainment = 0.6;
    static constexpr int MinShingles = 3;        ///< shorter quotes are linked by their attribution only
    static constexpr qsizetype MaxDirectCandidates = 8;
    static constexpr qsizetype MaxListedScope = 64; ///< larger scopes are searched through the word index
    static constexpr qint64 DateSlackSecs = 36 * 3600; ///< quoted dates lack a zone (spec B6: allow a day)
    static constexpr qsizetype MaxAuthorCandidates = 64; ///< more around the quoted date: only the thread's are read

    QuoteLinker(const std::vector<model::Message> &messages, const QList<BodyStructure> &bodies, const model::ThreadSet &threads,
                const QuoteMatcher &matcher);

    /// One link per entry of bodies[message].history. \a copied is the stored message the quoted content as a
    /// whole copies (QuoteMatcher), or -1.
    [[nodiscard]] QList<QuoteLink> link(int message, int copied) const;

private:
    /// What a quoted header says of its author, read once for all the candidates.
    struct Attribution {
        qint64 sent = QuoteMatcher::NoDate; ///< ms since the epoch
        QString address;
        QString name; ///< for a header without an address
    };
    /// Where the author of one quote is looked for.
    struct Scope {
        int message = -1;
        int copied = -1;
        int threads[2] = {-1, -1}; ///< of the message and of the copied message
        QList<int> authors;        ///< the messages of the attribution's author (address, or name when alone), ascending
        [[nodiscard]] qsizetype listedSize(const model::ThreadSet &set) const;
    };
    [[nodiscard]] Scope scopeOf(int message, int copied, const QuotedHeader *header) const;
    [[nodiscard]] bool inScope(const Scope &scope, int candidate) const;
    /// The scope as a list, ascending, without the message itself.
    [[nodiscard]] QList<int> listed(const Scope &scope) const;
    /// The scope's candidates that share words with the quote (\a hits) or that \a author may have written, ascending.
    [[nodiscard]] QList<int> searched(const Scope &scope, const std::vector<PostingIndex::Hits> &hits, const Attribution &author) const;
    /// The messages from \a author's address (or name, without one) sent around the quoted date that the
    /// attribution can choose: writtenBy() accepts only those. A maintainer who wrote thousands of the case's
    /// messages is quoted in thousands more; each quote reading all of them made linking grow with the
    /// square of the archive.
    [[nodiscard]] QList<int> writtenAround(const Attribution &author, const Scope &scope) const;
    [[nodiscard]] QuoteLink best(int message, int k, const Scope &scope) const;
    [[nodiscard]] static Attribution attributionOf(const QuotedHeader &header);
    [[nodiscard]] bool writtenBy(int candidate, const Attribution &author) const;
    [[nodiscard]] QuoteLink byAttribution(int message, const QList<int> &named) const;

    const std::vector<model::Message> &m_messages;
    const QList<BodyStructure> &m_bodies;
    const model::ThreadSet &m_threads;
    const QuoteMatcher &m_matcher;
    /// One sender's messages.
    struct Sent {
        QList<int> messages;                       ///< ascending
        std::vector<std::pair<qint64, int>> byDate; ///< (QuoteMatcher::sentAt, message), ascending
    };
    QHash<QString, Sent> m_byAuthor; ///< lower-case From address
    QHash<QString, Sent> m_byName;   ///< lower-case From name
};

} // namespace th::analysis
