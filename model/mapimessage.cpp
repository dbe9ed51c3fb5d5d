#include "mapimessage.h"

#include "mimeparser.h"
#include "sha256.h"
#include "textdecoder.h"

#include <QStringDecoder>

namespace th::model {
namespace {

const QString NoHeadersDefect = QStringLiteral("no transport headers: header fields rebuilt from MAPI properties");

/// The transport headers as one block ending in a line break, or empty when there are none worth parsing.
QByteArray headerBlock(QByteArray headers)
{
    if (headers.trimmed().isEmpty())
        return {};
    if (!headers.endsWith('\n'))
        headers += "\r\n";
    return headers;
}

QByteArray composeSource(const QByteArray &block, const QByteArray &plainTextBody)
{
    return block + "\r\n" + plainTextBody;
}

// Outlook keeps the body in properties, not under the transport headers, so the headers' MIME structure
// must not be walked: an empty body under "multipart/..." would read as a broken message.
Message parseHeaderBlock(const QByteArray &block)
{
    if (block.isEmpty()) {
        Message m;
        m.defects << NoHeadersDefect;
        return m;
    }
    return MimeParser::parseHeaders(block + "\r\n");
}

QDateTime dateFromFileTime(quint64 ft)
{
    constexpr qint64 EpochOffsetMs = 11644473600000LL; // 1601-01-01 to 1970-01-01
    if (ft == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(ft / 10000) - EpochOffsetMs, Qt::UTC);
}

/// Windows code page number to a charset label TextDecoder understands; empty when unknown.
std::string charsetForCodepage(quint32 cp)
{
    switch (cp) {
    case 0: return {};
    case 65001: return "utf-8";
    case 20127: return "us-ascii";
    case 1200: return "utf-16le";
    case 1201: return "utf-16be";
    case 932: return "shift_jis";
    case 936: case 54936: return "gb18030";
    case 949: return "windows-949";
    case 950: return "big5";
    case 20866: return "koi8-r";
    case 21866: return "koi8-u";
    case 50220: case 50221: case 50222: return "iso-2022-jp";
    case 51932: return "euc-jp";
    case 51949: return "euc-kr";
    default: break;
    }
    if (cp >= 28591 && cp <= 28606)
        return "iso-8859-" + std::to_string(cp - 28590);
    return (cp >= 1250 && cp <= 1258) || cp == 874 ? "windows-" + std::to_string(cp) : "cp" + std::to_string(cp);
}

// The property may hold the id in angle brackets or bare; a bare one is taken as it is.
QString firstId(const QString &value)
{
    const QStringList ids = MimeParser::extractMessageIds(value);
    return ids.isEmpty() ? value.trimmed() : ids.first();
}

void fillIdentity(Message &m, const MapiFields &f)
{
    if (m.subject.isEmpty())
        m.subject = f.subject;
    if (m.threadTopic.isEmpty())
        m.threadTopic = f.threadTopic;
    if (m.messageId.isEmpty())
        m.messageId = firstId(f.messageId);
    if (m.inReplyTo.isEmpty())
        m.inReplyTo = MimeParser::extractMessageIds(f.inReplyTo);
    if (m.references.isEmpty())
        m.references = MimeParser::extractMessageIds(f.references);
    if (!m.date.isValid())
        m.date = dateFromFileTime(f.submitTime);
}

// Outlook's "on behalf of": the represented mailbox is the author, the sending one the Sender.
void fillSender(Message &m, const MapiFields &f)
{
    if (!m.from.isEmpty())
        return;
    m.from = f.representing.isEmpty() ? f.sender : f.representing;
    if (m.sender.isEmpty() && !f.sender.isEmpty() && f.sender != m.from)
        m.sender = f.sender;
}

// Decoded like a Thread-Index header, the value of which is the same bytes in base64.
void fillThreadIndex(Message &m, const QByteArray &conversationIndex)
{
    if (m.threadIndex.variant != ThreadIndex::Variant::Absent || conversationIndex.isEmpty())
        return;
    m.threadIndex = ThreadIndex::decode(QString::fromLatin1(conversationIndex.toBase64()), m.date);
}

} // namespace

MapiMessage::MapiMessage(const QByteArray &transportHeaders)
    : m_headerBlock(headerBlock(transportHeaders)), m_message(parseHeaderBlock(m_headerBlock))
{
}

void MapiMessage::fill(const MapiFields &f)
{
    fillIdentity(m_message, f);
    fillSender(m_message, f);
    fillThreadIndex(m_message, f.conversationIndex);
}

bool MapiMessage::wantsRecipients() const
{
    return m_message.to.isEmpty() && m_message.cc.isEmpty() && m_message.bcc.isEmpty();
}

void MapiMessage::addRecipient(quint32 recipientType, const MailAddress &address)
{
    switch (recipientType & 0x0F) {
    case Originator: break; // already the From
    case Cc: m_message.cc << address; break;
    case Bcc: m_message.bcc << address; break;
    default: m_message.to << address; break;
    }
}

void MapiMessage::setBodies(const QString &text, const QString &html, const std::function<bool()> &hasCompressedRtf)
{
    m_message.textBody = text;
    m_message.htmlBody = html;
    if (text.isEmpty() && html.isEmpty() && hasCompressedRtf())
        m_message.defects << QStringLiteral("the only body is compressed RTF (PR_RTF_COMPRESSED), which is not decoded");
}

Message MapiMessage::take(const QByteArray &plainTextBody, const MessageSource &source)
{
    const QByteArray raw = composeSource(m_headerBlock, plainTextBody);
    m_message.size = raw.size();
    m_message.contentSha256 = Sha256::hex(raw);
    m_message.source = source;
    return std::move(m_message);
}

void MapiMessage::embed(Message &parent, Attachment &holder, Message embedded)
{
    if (holder.fileName.isEmpty())
        holder.fileName = embedded.subject;
    holder.mimeType = QStringLiteral("application/vnd.ms-outlook");
    holder.size = embedded.size;
    holder.sha256 = embedded.contentSha256;
    holder.embeddedIndex = int(parent.embedded.size());
    parent.embedded.push_back(std::move(embedded));
}

QByteArray MapiMessage::rawSource(const QByteArray &transportHeaders, const QByteArray &plainTextBody)
{
    return composeSource(headerBlock(transportHeaders), plainTextBody);
}

QString MapiMessage::fromUtf16Le(const QByteArray &bytes)
{
    QStringDecoder utf16(QStringDecoder::Utf16LE);
    const QString s = utf16.decode(bytes);
    return s.left(s.indexOf(QChar(0)));
}

QString MapiMessage::from8Bit(const QByteArray &bytes, quint32 codepage, QString *problem)
{
    const std::string charset = charsetForCodepage(codepage);
    return charset.empty() ? TextDecoder::decodeUndeclared(bytes.toStdString())
                           : TextDecoder::decode(bytes.toStdString(), charset, problem);
}

QString MapiMessage::html8Bit(const QByteArray &bytes, quint32 codepage, QStringList &defects)
{
    QString problem;
    const QString html = from8Bit(bytes, codepage, &problem);
    if (!problem.isEmpty())
        defects << QStringLiteral("HTML body: %1").arg(problem);
    return html;
}

QByteArray MapiMessage::withoutTrailingNuls(QByteArray bytes)
{
    while (bytes.endsWith('\0'))
        bytes.chop(1);
    return bytes;
}

} // namespace th::model
