#pragma once

#include <QString>
#include <QStringView>

namespace th::analysis {

/// An RFC 5322 comment (section 3.2.2): "(" ... ")", nested, with quoted-pairs, as the Received and
/// Authentication-Results lexers meet them. Never reads past the value; an unclosed comment runs to its end.
struct Rfc5322Comment {
    QString text;           ///< the inner text, white space collapsed
    qsizetype end = 0;      ///< just after the closing ')', or the end of the value
    bool terminated = true; ///< false when the value ended first

    /// The comment whose '(' is at \a open in \a value.
    [[nodiscard]] static Rfc5322Comment read(QStringView value, qsizetype open);
};

} // namespace th::analysis
