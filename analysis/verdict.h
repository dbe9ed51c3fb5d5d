#pragma once

#include "finding.h"

#include <QList>
#include <QString>

namespace th::analysis {

/// How the findings of one message combine (detection-spec 6): additive evidence, strong = 3, medium = 1.5,
/// weak = 0.5, each indicator counted once at its strongest; a hijack when the sum reaches 6 or a strong and
/// a medium finding coincide; suspicious from 3. A single weak or medium indicator never reaches a hijack.
struct Verdict {
    static constexpr double HijackEvidence = 6;
    static constexpr double SuspiciousEvidence = 3;

    enum class Kind { Clean, Suspicious, ExternalThreadHijack, VictimThreadHijack };
    Kind kind = Kind::Clean;
    double evidence = 0; ///< the sum
    int score = 0;       ///< 0..100

    [[nodiscard]] QString name() const;
    [[nodiscard]] static QString name(Kind kind);
    /// \a knownSender: the From address is a real, earlier correspondent (decides victim vs external).
    [[nodiscard]] static Verdict of(QList<Finding> &findings, bool knownSender);
};

} // namespace th::analysis
