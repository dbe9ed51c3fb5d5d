#pragma once

#include <QString>

namespace th::analysis {

/// RFC 5256 base subject, extended with the localised reply/forward prefixes of real clients
/// (AW, SV, VS, Antw, RIF, Odp, 回复, 회신, WG, TR, RV, ENC, ...; detection-spec section 3.4).
class BaseSubject
{
public:
    /// Prefixes, list tags ("[linux-s390]") and "(fwd)" removed; whitespace collapsed; case-folded.
    [[nodiscard]] static QString of(const QString &subject);
    /// The subject starts with a reply prefix (not a forward one).
    [[nodiscard]] static bool isReply(const QString &subject);
    /// The subject starts with a forward prefix.
    [[nodiscard]] static bool isForward(const QString &subject);
};

} // namespace th::analysis
