#pragma once

#include "analysis/bodystructure.h"
#include "analysis/casesettings.h"
#include "analysis/clientfingerprint.h"
#include "analysis/finding.h"
#include "analysis/identitybook.h"
#include "analysis/linkindex.h"
#include "analysis/lookalikeindex.h"
#include "analysis/participantset.h"
#include "analysis/quotelinker.h"
#include "analysis/receivedroute.h"
#include "analysis/quotematcher.h"
#include "analysis/senderhistory.h"
#include "analysis/threadparticipants.h"

#include "model/thread.h"

#include <QMultiHash>

#include <vector>

namespace th::analysis {

/// Everything known about the case, shared by every message's evaluation.
struct CaseData {
    const std::vector<model::Message> &messages;
    const QList<BodyStructure> &bodies;
    const model::ThreadSet &threads;
    const CaseSettings &settings;
    const IdentityBook &identities;
    const LookalikeIndex &frequentSenderDomains; ///< IdentityBook::senderDomains(LookalikeDomain::EstablishedMessages)
    const SenderHistory &senders;
    const QuoteMatcher &matcher;
    const QuoteLinker &linker;
    const ThreadParticipants &participants;
    const QList<ClientFingerprint> &fingerprints;
    const QList<ReceivedRoute> &routes;   ///< each message's Received chain, parsed (A9)
    const LinkIndex &links;               ///< each message's links, in its text or HTML (AlteredQuote::linksIn)
    const QMultiHash<QString, int> &byId; ///< Message-ID -> message indexes
};

/// One message under judgement, with what the engine worked out about its structure.
struct MessageContext {
    int index = -1;
    const model::Message &message;
    const BodyStructure &body;
    const CaseData &data;
    qsizetype splice = -1;           ///< where the authentic (older) content starts in body.text, or -1
    QuoteMatcher::Match original;    ///< the stored message its quoted content copies, if found
    QList<QuoteLink> history;        ///< per quoted message (body.history), the stored message it copies
    ParticipantSet participants;
    /// This account's earlier lures already judged sent by a thief from a rogue client (E): the thief's
    /// habits, not the account's, so they stay out of the profile its client is compared with.
    QList<int> rogueLures;
    /// Author::of() and Author::isListRewritten() of the message, read once: the indicators ask for them
    /// a dozen times, and each answer searches the headers and decodes List-Post.
    model::MailAddress author;
    bool listRewritten = false;

    /// The context of stored message \a index before its quoted content is traced: no splice, original,
    /// history or participants yet.
    [[nodiscard]] static MessageContext of(const CaseData &data, int index);

    /// The stored message its headers reply to (first In-Reply-To id found in the case), or -1.
    [[nodiscard]] int repliedTo() const;
    [[nodiscard]] bool isOnList() const; ///< List-Id or List-Post: mailing-list traffic
    /// From is the list's own address (Mailman's DMARC mitigation) and nothing names the author: many
    /// people write under it, so per-sender profiles say nothing.
    [[nodiscard]] bool fromIsList() const;
    /// The author's address (Author::of): From, or Reply-To where a list rewrote From.
    [[nodiscard]] QString authorAddress() const;
    /// The author's earlier messages, oldest first, without rogueLures.
    [[nodiscard]] QList<int> authorHistory() const;
    [[nodiscard]] bool looksLikeReply() const; ///< reply subject or quoted structure
    /// An unquoted copy of a stored message whose author the preceding text names ("From: Jane <jane@x>"
    /// above a patch a maintainer resends): a forward or resend, not a splice.
    [[nodiscard]] bool copyIsAttributed() const;
    /// The text above the splice names the copied message's author, whatever follows the copy.
    [[nodiscard]] bool authorNamedAbove() const;
    /// The body has no words of its own, only one quoted message that the case does not hold, written by
    /// the sender or by a bare name, and the replied-to message is not in the case either: a made-up
    /// history that carries the real content (phishing sent from a compromised mailbox to itself).
    [[nodiscard]] bool quotesOnlyItself() const;
    /// The attribution or header block of the first quoted message, or nullptr.
    [[nodiscard]] const QuotedHeader *parentHeader() const;
};

/// One indicator of detection-spec section 5: looks at a message, adds findings with evidence.
class Indicator
{
public:
    virtual ~Indicator() = default;
    virtual void evaluate(const MessageContext &ctx, QList<Finding> &findings) const = 0;
};

} // namespace th::analysis
