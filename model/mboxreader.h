#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace th::model {

/// Splits an mbox into messages: mboxo, mboxrd and Content-Length (mboxcl/mboxcl2) dialects.
///
/// A separator is a line that starts with "From " and carries a time of day, at the start of the file
/// or after a line break; a body line such as "From the start..." therefore does not split a message
/// even where the writer did not escape it. Content-Length (mboxcl2 bodies are not escaped) is used only
/// in files where nearly every message carries a matching one, and only where it ends exactly at a
/// separator or the end of the file: in any other mbox it is a header a hostile sender controls.
class MboxReader
{
public:
    struct Span {
        qint64 offset = 0; ///< first byte after the "From " line
        qint64 length = 0; ///< up to, not including, the blank line before the next separator
    };

    [[nodiscard]] static bool looksLikeMbox(QByteArrayView head);
    [[nodiscard]] static QList<Span> split(QByteArrayView data);
    /// Undoes ">From " escaping (mboxrd: one '>' less on every ">*From " line).
    [[nodiscard]] static QByteArray unescape(QByteArrayView message);
    [[nodiscard]] static bool isSeparatorLine(QByteArrayView data, qint64 at);
};

} // namespace th::model
