#pragma once

#include "indicator.h"

namespace th::analysis {

/// C1: the new text is a lure: a few generic words over a long quoted history, and something to act on:
/// a risky attachment, a link outside the conversation's domains, or an archive password (Qakbot 2022:
/// "a snippet of brief text content with a request to look at an attachment"). Medium at most: legitimate
/// "see attached" replies are common, so it only counts together with identity or structure evidence.
class LureProfile : public Indicator
{
public:
    static constexpr int MaxWords = 40;
    static constexpr int MinQuotedRatio = 3;  ///< spec C1 says 10; a victim hijack quotes only its parent
    static constexpr int MinQuotedWords = 30;

    void evaluate(const MessageContext &ctx, QList<Finding> &findings) const override;
    /// The sender's own words (before the splice or the first quote, without the signature).
    [[nodiscard]] static QStringView newText(const MessageContext &ctx);
    /// What the lure asks the reader to act on, one description per object.
    [[nodiscard]] static QStringList actionObjects(const MessageContext &ctx);
    /// Words of \a part, a slice of the message's body text, as a reader counts them: a link is one,
    /// however many parts its address has.
    [[nodiscard]] static int wordCount(const MessageContext &ctx, QStringView part);
    /// The word that introduces an archive password, in the lures' languages, as a regex alternation.
    [[nodiscard]] static QString passwordLabel();
};

} // namespace th::analysis
