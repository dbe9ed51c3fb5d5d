#pragma once

#include <QString>
#include <QStringView>

namespace th::analysis {

/// The lines above a quoted or forwarded message (detection-spec 3.2): a phrase between dashes
/// ("-----Original Message-----", "---------- Forwarded message ---------") or Apple Mail's "Begin forwarded
/// message:", in the clients' languages, and rules of underscores or dashes (Outlook 365, a converted <hr>).
/// Lines are given without their quote marks.
class SeparatorLine
{
public:
    static constexpr qsizetype MaxLength = 120; ///< the longest phrase is about 40 characters between dashes

    struct Phrase {
        const char16_t *text; ///< compared case-folded, white space collapsed
        const char16_t *kind; ///< "original-message" or "forwarded"
        const char16_t *language;
    };

    /// The phrase the line is made of, or nullptr.
    [[nodiscard]] static const Phrase *phrase(QStringView content);
    /// "underscores" for 29 or more underscores, "rule" for 30 or more dashes, else empty. Mailing-list
    /// footers use the same lines, so they only count above a header block.
    [[nodiscard]] static QString ruleKind(QStringView content);
};

} // namespace th::analysis
