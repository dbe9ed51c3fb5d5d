#pragma once

#include <QList>
#include <QString>

namespace th::analysis {

/// What a finding points at: a range of the analysed body text, a header field, or another message.
struct Evidence {
    enum class Kind { Text, Header, Message };
    Kind kind = Kind::Text;
    qsizetype begin = -1; ///< Text: character range in the analysed body (BodyStructure::text)
    qsizetype end = -1;
    QString name;         ///< Header: the field name; Message: the Message-ID
    QString value;        ///< the quoted text, header value, or what the other message shows
};

/// One fired indicator: its spec id (A1, B3, D1...), strength, a sentence a person can read, and evidence.
struct Finding {
    enum class Severity { Weak, Medium, Strong };
    QString id;
    Severity severity = Severity::Weak;
    QString summary;
    QList<Evidence> evidence;
    double magnitude = 0; ///< the measured quantity where the combination rules need it (B6: days)

    [[nodiscard]] QString severityName() const;
};

} // namespace th::analysis
