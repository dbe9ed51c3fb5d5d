#pragma once

#include <QStringView>

namespace th::analysis {

/// Where a stretch of text stops being the writer's message: the signature (a "-- " delimiter, or a
/// sign-off such as "Regards," / "Mit freundlichen Grüßen" / "よろしくお願いします" followed by a few
/// short lines, as talon's signature extraction looks for) and the confidentiality disclaimer that
/// mail gateways append. Counting a lure's words or comparing quoted text without them keeps
/// boilerplate out of the evidence.
class SignatureFinder
{
public:
    static constexpr int MaxSignatureLines = 6; ///< lines after a sign-off that still count as signature
    static constexpr int MinDisclaimerWords = 12;
    /// Notices are a few sentences: a longer paragraph is text or code (a patch's hunk naming a "privileged"
    /// operation), and searching one for notice words cost more than the rest of the signature search.
    static constexpr int MaxDisclaimerLines = 40;

    struct Trailer {
        qsizetype signature = -1;  ///< start of the signature, or -1
        qsizetype disclaimer = -1; ///< start of the disclaimer (and any rule line above it), or -1
    };

    /// Looks at text[begin, end). Offsets are in \a text.
    [[nodiscard]] static Trailer find(QStringView text, qsizetype begin, qsizetype end);
};

} // namespace th::analysis
