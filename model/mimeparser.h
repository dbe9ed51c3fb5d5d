#pragma once

#include "message.h"

#include <QByteArray>

namespace th::model {

/// vmime adapter: RFC 5322 / MIME bytes in, a Message value out. Never throws, never keeps vmime objects.
///
/// Malformed input gives a Message with defects rather than an error: a forensic tool keeps what it can.
/// Bounded work: oversized messages, excessive multipart counts and deep message/rfc822 nesting are cut
/// off and recorded as defects.
///
/// Typical usage:
/// \code
///   const Message m = MimeParser::parse(bytes);
///   qDebug() << m.subject << m.defects;
/// \endcode
class MimeParser
{
public:
    struct Limits {
        qint64 maxBytes = 256LL * 1024 * 1024; ///< larger messages are parsed for headers only
        int maxMultiparts = 500;               ///< more multipart declarations: headers only
        int maxEmbeddingDepth = 8;             ///< message/rfc822 inside message/rfc822 ...
    };

    [[nodiscard]] static Message parse(const QByteArray &bytes);
    [[nodiscard]] static Message parse(const QByteArray &bytes, const Limits &limits, int depth = 0);
    /// Header fields only, the body left unread: for Outlook items, whose transport headers describe
    /// a MIME body that the container does not keep.
    [[nodiscard]] static Message parseHeaders(const QByteArray &bytes);
    /// Message-IDs in angle brackets, in order (RFC 5322 msg-id, tolerant of surrounding garbage).
    [[nodiscard]] static QStringList extractMessageIds(QStringView headerValue);

private:
    [[nodiscard]] static Message parseWith(const QByteArray &bytes, const Limits &limits, int depth, bool headersOnly);
};

} // namespace th::model
