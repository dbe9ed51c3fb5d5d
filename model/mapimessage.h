#pragma once

#include "message.h"

#include <QByteArray>
#include <QStringList>

#include <functional>

namespace th::model {

/// The message-level properties that stand in for header fields, as a reader found them.
struct MapiFields {
    QString subject;              ///< PR_SUBJECT, without the prefix marker a PST may keep in front
    QString threadTopic;          ///< PR_CONVERSATION_TOPIC
    QString messageId;            ///< PR_INTERNET_MESSAGE_ID, angle brackets or not
    QString inReplyTo;            ///< PR_IN_REPLY_TO_ID
    QString references;           ///< PR_INTERNET_REFERENCES
    QByteArray conversationIndex; ///< PR_CONVERSATION_INDEX, binary
    quint64 submitTime = 0;       ///< PR_CLIENT_SUBMIT_TIME as a FILETIME; 0 when absent
    MailAddress sender;           ///< PR_SENDER_*: the mailbox that sent
    MailAddress representing;     ///< PR_SENT_REPRESENTING_*: the mailbox it was sent for
};

/// What Outlook keeps as MAPI properties, whichever container it came from.
///
/// A PST item (libpff) and a .msg storage (libolecf) hold the same properties; only the way to reach them
/// differs. How those properties become a Message is decided here once, so that the same mail reads the
/// same from either container: the transport headers are parsed first and properties fill only what they
/// left empty; without transport headers a defect says the header fields were rebuilt; size and content
/// hash cover the transport headers, a blank line and the plain-text body (what the raw-source view shows).
///
/// Typical usage, by a reader:
/// \code
///   MapiMessage mapi(transportHeaders);
///   mapi.fill(fields);
///   if (mapi.wantsRecipients()) mapi.addRecipient(type, address);  // for each recipient
///   mapi.setBodies(text, html, [&] { return hasRtf(); });
///   const Message m = mapi.take(plainTextUtf8, source);
/// \endcode
class MapiMessage
{
public:
    /// PidTagRecipientType's low nibble (MS-OXOMSG 2.2.3.1); the high bits are flags.
    enum RecipientType : quint32 { Originator = 0, To = 1, Cc = 2, Bcc = 3 };

    /// Parses \a transportHeaders (PR_TRANSPORT_MESSAGE_HEADERS as stored; empty when the item has none).
    explicit MapiMessage(const QByteArray &transportHeaders);

    /// The message built so far, for what only the reader knows how to read (attachments, defects).
    [[nodiscard]] Message &message() { return m_message; }

    /// Each of \a f's values fills its field only when the transport headers left it empty.
    void fill(const MapiFields &f);
    /// The recipient table counts only when the headers name no recipient at all.
    [[nodiscard]] bool wantsRecipients() const;
    void addRecipient(quint32 recipientType, const MailAddress &address);
    /// \a hasCompressedRtf is asked only when both bodies are empty: reading it may itself add defects.
    void setBodies(const QString &text, const QString &html, const std::function<bool()> &hasCompressedRtf);
    /// The finished message, whose size and hash are those of rawSource() with \a plainTextBody (UTF-8);
    /// this object is spent afterwards.
    [[nodiscard]] Message take(const QByteArray &plainTextBody, const MessageSource &source);

    /// Files \a embedded (an attached item) under \a parent, held by \a holder, which takes its size and hash.
    static void embed(Message &parent, Attachment &holder, Message embedded);
    /// What the raw-source view shows for an item: its transport headers, a blank line and its body.
    [[nodiscard]] static QByteArray rawSource(const QByteArray &transportHeaders, const QByteArray &plainTextBody);

    // Property values as the containers store them.
    /// A PT_UNICODE value: UTF-16LE whatever the host's byte order, ended by a NUL if one is there.
    [[nodiscard]] static QString fromUtf16Le(const QByteArray &bytes);
    /// A PT_STRING8 value in Windows code page \a codepage (0: undeclared, guessed as UTF-8 or windows-1252).
    [[nodiscard]] static QString from8Bit(const QByteArray &bytes, quint32 codepage, QString *problem = nullptr);
    /// An 8-bit HTML body in \a codepage (PR_INTERNET_CPID); a charset that cannot be used is a defect.
    [[nodiscard]] static QString html8Bit(const QByteArray &bytes, quint32 codepage, QStringList &defects);
    /// Stored strings keep their terminating NUL(s), which are not text.
    [[nodiscard]] static QByteArray withoutTrailingNuls(QByteArray bytes);

private:
    QByteArray m_headerBlock;
    Message m_message;
};

} // namespace th::model
