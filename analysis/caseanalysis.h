#pragma once

#include "bodystructure.h"
#include "casesettings.h"
#include "finding.h"
#include "quotelinker.h"
#include "verdict.h"

#include <QList>

namespace th::analysis {

/// The engine's judgement of one message.
struct MessageAnalysis {
    Verdict verdict;
    QList<Finding> findings;
    qsizetype splice = -1;     ///< where the authentic content starts in the analysed body text, or -1
    int original = -1;         ///< the stored message its quoted content copies, or -1
    QList<QuoteLink> history;  ///< per entry of its BodyStructure::history: the stored message that quote copies
    QString reuseCluster;      ///< shared by the messages that carry the same stolen conversation
    bool senderInConversation = false; ///< the From address belongs to the conversation it quotes (D1)
    QString lureKey;           ///< normalised new text when it is a lure (C1), for D2 template matching

    /// Its own findings reach a suspicious verdict, before the case-wide ones (reuse is supporting evidence).
    [[nodiscard]] bool suspiciousOnItsOwn() const;
    /// What a wave stole: the stored message its authentic content copies (else the one its newest quote is
    /// linked to), when it is suspicious on its own and its sender is outside the conversation it quotes; else -1.
    [[nodiscard]] int stolenOriginal() const;
};

/// The engine's judgement of a whole case.
struct CaseAnalysis {
    CaseSettings settings;           ///< as used: configured, or inferred (see notes)
    QStringList notes;               ///< what the engine assumed, for the report
    QList<BodyStructure> bodies;     ///< per message
    QList<MessageAnalysis> messages; ///< per message

    [[nodiscard]] int count(Verdict::Kind kind) const;
};

} // namespace th::analysis
