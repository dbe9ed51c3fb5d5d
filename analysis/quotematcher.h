#pragma once

#include "bodystructure.h"
#include "bulkarena.h"
#include "hashfilter.h"
#include "postingindex.h"
#include "shingles.h"
#include "sketchindex.h"

#include "model/message.h"

#include <limits>
#include <vector>

namespace th::analysis {

/// Finds, for text inside one message, the stored message it copies (detection-spec B9). Stored messages are
/// indexed by their own words (PostingIndex), which any quote of them contains, and by a sketch of their whole
/// text (SketchIndex), which a message pasted under a lure repeats entirely. Exact containment of the candidate's shingles decides
/// (c >= 0.8: an authentic copy). The match also says where the copy starts: the splice point.
class QuoteMatcher
{
public:
    static constexpr double MinContainment = 0.5; ///< below: not the same text (B9: 0.5..0.8 is an edited copy)
    static constexpr double AuthenticCopy = 0.8;
    static constexpr int MinOriginalShingles = 20; ///< shorter texts ("Thanks, applied") prove no copying
    /// The share of a candidate's sketch (SketchIndex::SketchSize hashes) the body must hold before pasted()
    /// counts the shared shingles. Lower than the 0.85 that pasted() then asks of the whole set: a copy 0.9
    /// inside keeps 20 or fewer of its 24 sketch hashes one time in five (0.85 inside: one time in two), so
    /// which copies were found depended on the hash function. At 0.6, a copy 0.85 inside is missed about
    /// once in seven hundred.
    static constexpr double SketchShare = 0.6;

    struct Match {
        int message = -1;        ///< index of the stored original, or -1
        double containment = 0;  ///< share of the original's shingles found in the text
        qsizetype begin = -1;    ///< where the copy starts in the searched text (start of its line)
        qsizetype end = -1;      ///< just after the copy's last shared words
        [[nodiscard]] bool isValid() const { return message >= 0; }
    };

    QuoteMatcher(const std::vector<model::Message> &messages, const QList<BodyStructure> &bodies);

    /// The stored message whose text is best contained in bodies[message].text from \a from on, other than
    /// the message itself or its byte-identical copies, and not dated after it.
    [[nodiscard]] Match original(int message, qsizetype from) const;
    /// The stored message whose whole text makes up bodies[message].text: pasted there, with at most a
    /// little new text around it (detection-spec B3, the splice of an external hijack).
    [[nodiscard]] Match pasted(int message) const;
    /// How much of \a candidate's whole text bodies[message].text holds, and where that copy starts: the
    /// stolen message a campaign's earlier wave copied, in a later wave. Invalid when \a candidate is not eligible().
    [[nodiscard]] Match copyOf(int message, int candidate) const;
    /// Text made only of phrases that recur across the case (list footers, disclaimers).
    [[nodiscard]] bool isBoilerplate(QStringView text) const;
    /// The shingle set of these segments of bodies[message].text, read as one text: quote marks and line
    /// breaks between them only separate words. Segments start and end between words (at line breaks).
    [[nodiscard]] std::vector<quint64> shingles(int message, const QList<Segment> &segments) const;
    /// shingles() without the case's boilerplate.
    [[nodiscard]] std::vector<quint64> significantShingles(int message, const QList<Segment> &segments) const;
    /// bodies[message].text as words, tokenised once for every region a check compares.
    [[nodiscard]] std::span<const Shingles::Token> tokens(int message) const { return m_tokens[size_t(message)]; }
    /// The shingle set of bodies[message]'s own words, boilerplate removed (sorted).
    [[nodiscard]] std::span<const quint64> ownShingles(int message) const { return m_sets[size_t(message)]; }
    /// May \a candidate be copied by \a message: another message, of different content, not dated after it.
    [[nodiscard]] bool eligible(int candidate, int message) const;
    /// The message's date in ms since the epoch, or NoDate: compared as integers, many times per message.
    [[nodiscard]] qint64 sentAt(int message) const { return m_sent[size_t(message)]; }
    static constexpr qint64 NoDate = std::numeric_limits<qint64>::min();
    /// The messages sharing shingles of their own words (boilerplate removed) with the sorted \a set, and how many.
    [[nodiscard]] std::vector<PostingIndex::Hits> ownWordHits(std::span<const quint64> set) const;

private:
    /// Numbers the distinct sets of \a own (groups, in the order of their first message) and returns them.
    /// \a keys: a hash of each set, equal for equal sets.
    [[nodiscard]] std::vector<std::span<const quint64>> groupIdentical(const std::vector<std::span<quint64>> &own,
                                                                       const std::vector<quint64> &keys);
    [[nodiscard]] std::span<const int> groupMessages(int group) const;
    [[nodiscard]] std::vector<quint64> withoutBoilerplate(std::vector<quint64> set) const;
    /// In place: the kept hashes move to the front, which is returned.
    [[nodiscard]] std::span<quint64> removeBoilerplate(std::span<quint64> set) const;
    [[nodiscard]] std::vector<quint64> regionSet(int message, qsizetype from) const;
    [[nodiscard]] std::span<const quint64> significantRegionSet(int message, qsizetype from, std::vector<quint64> &storage) const;
    [[nodiscard]] Match locate(int message, qsizetype from, Match best, std::span<const quint64> original) const;
    [[nodiscard]] bool ownWordsIn(int candidate, std::span<const quint64> set) const;
    [[nodiscard]] static qsizetype copyStart(std::span<const Shingles::Token> text, std::span<const quint64> original);
    [[nodiscard]] static qsizetype copyEnd(std::span<const Shingles::Token> text, std::span<const quint64> original);

    const std::vector<model::Message> &m_messages;
    const QList<BodyStructure> &m_bodies;
    std::vector<qint64> m_sent;      ///< per message: sentAt()
    std::vector<size_t> m_contentKey; ///< per message: hash of its content digest, the quick test of equal content
    BulkArena m_arena; ///< holds the arrays below: a case's words and shingles
    std::vector<std::span<const Shingles::Token>> m_tokens;
    std::vector<std::span<const quint64>> m_windows; ///< per message: Shingles::windows() of its tokens
    std::vector<std::span<const quint64>> m_sets; ///< per message: its own text's shingles, boilerplate removed
    std::vector<std::span<const quint64>> m_fullSets; ///< per message: its whole text's shingles, boilerplate removed
    /// By each distinct own text: one message held in many mailboxes, or a spray's copies, is indexed once,
    /// so that a query reads its postings once and not once per copy.
    PostingIndex m_own;
    std::vector<int> m_groupStarts;   ///< group g's messages: m_groupMessages[m_groupStarts[g], m_groupStarts[g + 1])
    std::vector<int> m_groupMessages; ///< ascending within each group
    HashFilter m_boilerplate; ///< shingles in so many messages that they prove nothing
    SketchIndex m_full; ///< by each message's whole text
};

} // namespace th::analysis
