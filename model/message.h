#pragma once

#include "attachment.h"
#include "headerfield.h"
#include "mailaddress.h"
#include "messagesource.h"
#include "threadindex.h"

#include <QDateTime>
#include <QStringList>

#include <vector>

namespace th::model {

/// A parsed e-mail message: everything the engine reads, none of the MIME library's objects.
///
/// Typical usage:
/// \code
///   Message m = MimeParser::parse(bytes);
///   if (!m.defects.isEmpty()) ...;  // the message is still usable
/// \endcode
struct Message {
    QString messageId;        ///< without angle brackets; empty if the message has none
    QStringList inReplyTo;    ///< ids without angle brackets, in header order
    QStringList references;
    QDateTime date;           ///< UTC; invalid if the Date header is missing or unparseable
    QString rawDate;          ///< the Date header exactly as written
    MailAddress from;
    MailAddress sender;
    AddressList replyTo;
    AddressList to;
    AddressList cc;
    AddressList bcc;
    QString subject;
    QString threadTopic;
    ThreadIndex threadIndex;
    QByteArray rawHeader;     ///< the top-level header block exactly as in the message
    QList<HeaderField> headers;
    QString textBody;         ///< the first text/plain body, decoded to Unicode
    QString htmlBody;         ///< the first text/html body, decoded to Unicode (never rendered as such)
    QList<Attachment> attachments;
    QString mimeStructure;    ///< MIME layout, e.g. "multipart/alternative(text/plain,text/html)"
    std::vector<Message> embedded; ///< message/rfc822 parts and Outlook embedded items
    QStringList defects;      ///< what was wrong with the input; the message is kept anyway
    QByteArray contentSha256; ///< hex SHA-256 of the message's (unescaped) bytes
    qint64 size = 0;          ///< of those bytes
    MessageSource source;

    [[nodiscard]] QString headerName(const HeaderField &field) const;
    /// Whether \a field is called \a name (case-insensitive), without building its name.
    [[nodiscard]] bool isNamed(const HeaderField &field, QStringView name) const;
    /// Unfolded, RFC 2047 encoded words decoded, trimmed.
    [[nodiscard]] QString headerValue(const HeaderField &field) const;
    /// The value of the first field called \a name (case-insensitive), or an empty string.
    [[nodiscard]] QString header(QStringView name) const;
    /// The values of every field called \a name, in message order (Received, Authentication-Results...).
    [[nodiscard]] QStringList headerValues(QStringView name) const;
};

} // namespace th::model
