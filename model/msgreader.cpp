#include "msgreader.h"

#include "mapimessage.h"
#include "sha256.h"

#include <libolecf.h>

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QtEndian>

#include <algorithm>
#include <memory>

namespace th::model {
namespace {

// MAPI property ids (MS-OXPROPS) read from a .msg (MS-OXMSG).
enum : quint16 {
    PidTagMessageClass = 0x001A,
    PidTagSubject = 0x0037,
    PidTagClientSubmitTime = 0x0039,
    PidTagSentRepresentingName = 0x0042,
    PidTagSentRepresentingEmailAddress = 0x0065,
    PidTagConversationTopic = 0x0070,
    PidTagConversationIndex = 0x0071,
    PidTagTransportMessageHeaders = 0x007D,
    PidTagRecipientType = 0x0C15,
    PidTagSenderName = 0x0C1A,
    PidTagSenderEmailAddress = 0x0C1F,
    PidTagDisplayCc = 0x0E03,
    PidTagDisplayTo = 0x0E04,
    PidTagBody = 0x1000,
    PidTagRtfCompressed = 0x1009,
    PidTagHtml = 0x1013,
    PidTagInternetMessageId = 0x1035,
    PidTagInternetReferences = 0x1039,
    PidTagInReplyToId = 0x1042,
    PidTagDisplayName = 0x3001,
    PidTagEmailAddress = 0x3003,
    PidTagAttachDataBinary = 0x3701,
    PidTagAttachFilename = 0x3704,
    PidTagAttachMethod = 0x3705,
    PidTagAttachLongFilename = 0x3707,
    PidTagAttachMimeTag = 0x370E,
    PidTagSmtpAddress = 0x39FE,
    PidTagInternetCodepage = 0x3FDE,
    PidTagMessageCodepage = 0x3FFD,
    PidTagSenderSmtpAddress = 0x5D01,
    PidTagSentRepresentingSmtpAddress = 0x5D02,
    PidTagRecipientDisplayName = 0x5FF6,
    PidTagAttachmentHidden = 0x7FFE,
};

enum : quint16 { PtLong = 0x0003, PtBoolean = 0x000B, PtString8 = 0x001E, PtUnicode = 0x001F, PtSysTime = 0x0040,
                 PtBinary = 0x0102 };

constexpr quint64 AttachByOle = 6; // PidTagAttachMethod: an OLE object, stored as a storage like a message

constexpr int MaxEmbeddingDepth = 8;                // attached messages inside attached messages: hostile files nest
constexpr quint32 MaxStreamBytes = 256u * 1024 * 1024; // larger property streams are not read into memory
constexpr quint32 ReadChunk = 64 * 1024;

const QByteArray RecipientPrefix = QByteArrayLiteral("__recip_version1.0_#");
const QByteArray AttachmentPrefix = QByteArrayLiteral("__attach_version1.0_#");
const QByteArray EmbeddedMessageName = QByteArrayLiteral("__substg1.0_3701000D");
const QByteArray PropertiesName = QByteArrayLiteral("__properties_version1.0");

/// Owns a libolecf error; out() hands libolecf a fresh slot each time.
class OleError
{
public:
    OleError() = default;
    OleError(const OleError &) = delete;
    OleError &operator=(const OleError &) = delete;
    ~OleError() { reset(); }

    libolecf_error_t **out()
    {
        reset();
        return &m_error;
    }

    [[nodiscard]] QString text() const
    {
        if (!m_error)
            return QStringLiteral("unknown libolecf error");
        char buf[4096] = {};
        libolecf_error_backtrace_sprint(m_error, buf, sizeof buf);
        // The backtrace lists the root cause first, each line as "function: message".
        const QString cause = QString::fromLocal8Bit(buf).section(u'\n', 0, 0).trimmed();
        return cause.mid(cause.indexOf(QLatin1String(": ")) + 2);
    }

private:
    void reset()
    {
        if (m_error)
            libolecf_error_free(&m_error);
    }

    libolecf_error_t *m_error = nullptr;
};

struct ItemFree {
    void operator()(libolecf_item_t *p) const { libolecf_item_free(&p, nullptr); }
};
struct FileFree {
    // Closing a file that never opened only reports an error, which is ignored here.
    void operator()(libolecf_file_t *p) const
    {
        libolecf_file_close(p, nullptr);
        libolecf_file_free(&p, nullptr);
    }
};

using OleItem = std::unique_ptr<libolecf_item_t, ItemFree>;
using OleFile = std::unique_ptr<libolecf_file_t, FileFree>;

/// Fixed-size property values from a __properties_version1.0 stream, by tag (id << 16 | type).
using FixedProperties = QHash<quint32, quint64>;

// The stream starts with a header whose size depends on the storage (MS-OXMSG 2.4.1), then holds one
// 16-byte entry per property: tag, flags, 8 value bytes (the value itself for fixed-size types).
FixedProperties parseFixedProperties(const QByteArray &stream, int headerSize)
{
    FixedProperties props;
    for (qsizetype at = headerSize; at + 16 <= stream.size(); at += 16) {
        const auto *p = reinterpret_cast<const uchar *>(stream.constData() + at);
        props.insert(qFromLittleEndian<quint32>(p), qFromLittleEndian<quint64>(p + 8));
    }
    return props;
}

QByteArray tagName(quint16 id, quint16 type)
{
    return "__substg1.0_" + QByteArray::number(quint32(id) << 16 | type, 16).rightJustified(8, '0').toUpper();
}

/// One storage of the compound file: a message, an embedded message, a recipient or an attachment.
class Storage
{
public:
    enum class Kind { Message, EmbeddedMessage, Child };

    Storage(libolecf_item_t *item, Kind kind, quint32 codepage, QStringList &defects)
        : m_item(item), m_defects(defects), m_codepage(codepage)
    {
        indexChildren();
        const int headerSize = kind == Kind::Message ? 32 : kind == Kind::EmbeddedMessage ? 24 : 8;
        m_fixed = parseFixedProperties(stream(PropertiesName).value_or(QByteArray()), headerSize);
        if (kind != Kind::Child)
            m_codepage = quint32(fixed(PidTagMessageCodepage, PtLong).value_or(fixed(PidTagInternetCodepage, PtLong).value_or(0)));
    }

    [[nodiscard]] quint32 codepage() const { return m_codepage; }
    [[nodiscard]] QStringList &defects() const { return m_defects; }

    [[nodiscard]] std::optional<quint64> fixed(quint16 id, quint16 type) const
    {
        const auto it = m_fixed.constFind(quint32(id) << 16 | type);
        return it == m_fixed.cend() ? std::nullopt : std::optional(*it);
    }

    /// A string property as stored (bodies keep their white space).
    [[nodiscard]] QString string(quint16 id) const
    {
        if (const auto utf16 = stream(tagName(id, PtUnicode)))
            return MapiMessage::fromUtf16Le(*utf16);
        if (const auto bytes = stream(tagName(id, PtString8)))
            return MapiMessage::from8Bit(MapiMessage::withoutTrailingNuls(*bytes), m_codepage);
        return {};
    }

    /// The first of \a ids that is present and not blank, trimmed: for names, addresses and ids.
    [[nodiscard]] QString text(std::initializer_list<quint16> ids) const
    {
        for (quint16 id : ids) {
            if (QString s = string(id).trimmed(); !s.isEmpty())
                return s;
        }
        return {};
    }

    [[nodiscard]] QByteArray binary(quint16 id) const { return stream(tagName(id, PtBinary)).value_or(QByteArray()); }
    [[nodiscard]] bool has(quint16 id, quint16 type) const { return m_children.contains(tagName(id, type)); }

    /// Names of the child storages starting with \a prefix, in name order (their number order).
    [[nodiscard]] QList<QByteArray> childrenStartingWith(const QByteArray &prefix) const
    {
        QList<QByteArray> names;
        for (auto it = m_children.cbegin(); it != m_children.cend(); ++it) {
            if (it.key().startsWith(prefix))
                names << it.key();
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    [[nodiscard]] OleItem child(const QByteArray &name) const
    {
        libolecf_item_t *raw = nullptr;
        const auto it = m_children.constFind(name);
        if (it == m_children.cend() || libolecf_item_get_sub_item(m_item, *it, &raw, nullptr) != 1)
            return {};
        return OleItem(raw);
    }

    [[nodiscard]] std::optional<QByteArray> stream(const QByteArray &name) const
    {
        const OleItem item = child(name);
        if (!item)
            return std::nullopt;
        uint32_t size = 0;
        OleError err;
        if (libolecf_item_get_size(item.get(), &size, err.out()) != 1 || size > MaxStreamBytes) {
            m_defects << QStringLiteral("stream %1 unreadable or over %2 bytes").arg(QString::fromLatin1(name)).arg(MaxStreamBytes);
            return std::nullopt;
        }
        QByteArray data(qsizetype(size), '\0');
        const ssize_t n = size ? libolecf_stream_read_buffer(item.get(), reinterpret_cast<uint8_t *>(data.data()), size, err.out()) : 0;
        if (n != ssize_t(size))
            m_defects << QStringLiteral("stream %1 unreadable: %2").arg(QString::fromLatin1(name), err.text());
        return n == ssize_t(size) ? std::optional(data) : std::nullopt;
    }

private:
    void indexChildren()
    {
        int count = 0;
        if (libolecf_item_get_number_of_sub_items(m_item, &count, nullptr) != 1)
            return;
        for (int i = 0; i < count; ++i) {
            libolecf_item_t *raw = nullptr;
            if (libolecf_item_get_sub_item(m_item, i, &raw, nullptr) != 1)
                continue;
            const OleItem sub(raw);
            m_children.insert(nameOf(sub.get()), i);
        }
    }

    static QByteArray nameOf(libolecf_item_t *item)
    {
        size_t size = 0;
        if (libolecf_item_get_utf8_name_size(item, &size, nullptr) != 1 || size == 0 || size > 1024)
            return {};
        QByteArray name(qsizetype(size), '\0');
        if (libolecf_item_get_utf8_name(item, reinterpret_cast<uint8_t *>(name.data()), size, nullptr) != 1)
            return {};
        return MapiMessage::withoutTrailingNuls(name);
    }

    libolecf_item_t *m_item;
    QStringList &m_defects;
    quint32 m_codepage;
    QHash<QByteArray, int> m_children;
    FixedProperties m_fixed;
};

MapiFields mapiFields(const Storage &s)
{
    MapiFields f;
    f.subject = s.text({PidTagSubject});
    f.threadTopic = s.text({PidTagConversationTopic});
    f.messageId = s.text({PidTagInternetMessageId});
    f.inReplyTo = s.text({PidTagInReplyToId});
    f.references = s.text({PidTagInternetReferences});
    f.conversationIndex = s.binary(PidTagConversationIndex);
    f.submitTime = s.fixed(PidTagClientSubmitTime, PtSysTime).value_or(0);
    // The SMTP form when Outlook kept one; else whatever it stored (an Exchange DN on internal mail).
    f.sender = {s.text({PidTagSenderName}), s.text({PidTagSenderSmtpAddress, PidTagSenderEmailAddress})};
    f.representing = {s.text({PidTagSentRepresentingName}),
                      s.text({PidTagSentRepresentingSmtpAddress, PidTagSentRepresentingEmailAddress})};
    return f;
}

void addRecipient(MapiMessage &mapi, const Storage &r)
{
    const MailAddress a{r.text({PidTagDisplayName, PidTagRecipientDisplayName}),
                        r.text({PidTagSmtpAddress, PidTagEmailAddress})};
    mapi.addRecipient(quint32(r.fixed(PidTagRecipientType, PtLong).value_or(MapiMessage::To)), a);
}

AddressList namesOnly(const QString &display)
{
    AddressList list;
    for (const QString &name : display.split(u';', Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            list << MailAddress{name.trimmed(), {}};
    }
    return list;
}

/// The recipient storages, used only when the headers name no recipient at all; without them the
/// display lists (names only) are what is left.
void readRecipients(MapiMessage &mapi, const Storage &s)
{
    if (!mapi.wantsRecipients())
        return;
    Message &m = mapi.message();
    for (const QByteArray &name : s.childrenStartingWith(RecipientPrefix)) {
        const OleItem item = s.child(name);
        if (item)
            addRecipient(mapi, Storage(item.get(), Storage::Kind::Child, s.codepage(), m.defects));
    }
    if (m.to.isEmpty() && m.cc.isEmpty()) {
        m.to = namesOnly(s.string(PidTagDisplayTo));
        m.cc = namesOnly(s.string(PidTagDisplayCc));
    }
}

QString htmlBody(const Storage &s)
{
    const QByteArray binary = MapiMessage::withoutTrailingNuls(s.binary(PidTagHtml));
    if (binary.isEmpty())
        return s.string(PidTagHtml);
    return MapiMessage::html8Bit(binary, quint32(s.fixed(PidTagInternetCodepage, PtLong).value_or(0)), s.defects());
}

void readBodies(MapiMessage &mapi, const Storage &s)
{
    const QString text = s.string(PidTagBody);
    const QString html = htmlBody(s);
    mapi.setBodies(text, html, [&] { return !s.binary(PidTagRtfCompressed).isEmpty(); });
}

/// Streams an attachment's bytes through SHA-256 without holding them.
void hashStream(Attachment &a, libolecf_item_t *stream, QStringList &defects)
{
    uint32_t size = 0;
    libolecf_item_get_size(stream, &size, nullptr);
    Sha256 hash;
    QByteArray buf(qsizetype(ReadChunk), '\0');
    OleError err;
    while (a.size < qint64(size)) {
        const ssize_t n = libolecf_stream_read_buffer(stream, reinterpret_cast<uint8_t *>(buf.data()), ReadChunk, err.out());
        if (n <= 0) {
            defects << QStringLiteral("attachment \"%1\" ends after %2 of %3 bytes: %4").arg(a.fileName).arg(a.size).arg(size).arg(err.text());
            break;
        }
        hash.addData(QByteArrayView(buf.constData(), qsizetype(n)));
        a.size += n;
    }
    a.sha256 = hash.hexResult();
}

/// Builds a Message from a message storage, attached messages included.
class MessageReader
{
public:
    explicit MessageReader(int fileIndex) : m_fileIndex(fileIndex) {}

    Message read(libolecf_item_t *item, Storage::Kind kind, int depth) const
    {
        QStringList problems; // of the storage's streams, appended after what the headers showed
        const Storage s(item, kind, 0, problems);
        MapiMessage mapi(transportHeaders(s));
        mapi.fill(mapiFields(s));
        readRecipients(mapi, s);
        readBodies(mapi, s);
        Message &m = mapi.message();
        m.defects << problems;
        readAttachments(m, s, depth);
        return mapi.take(m.textBody.toUtf8(), MessageSource{m_fileIndex, 0, 0, {}, 0});
    }

private:
    // 8-bit headers go to the parser as stored: it copes with raw 8-bit header bytes itself.
    static QByteArray transportHeaders(const Storage &s)
    {
        if (s.has(PidTagTransportMessageHeaders, PtUnicode))
            return s.string(PidTagTransportMessageHeaders).toUtf8();
        return MapiMessage::withoutTrailingNuls(s.stream(tagName(PidTagTransportMessageHeaders, PtString8)).value_or(QByteArray()));
    }

    void readAttachments(Message &m, const Storage &s, int depth) const
    {
        for (const QByteArray &name : s.childrenStartingWith(AttachmentPrefix)) {
            const OleItem item = s.child(name);
            if (!item) {
                m.defects << QStringLiteral("attachment storage %1 unreadable").arg(QString::fromLatin1(name));
                continue;
            }
            readAttachment(m, Storage(item.get(), Storage::Kind::Child, s.codepage(), m.defects), depth);
        }
    }

    void readAttachment(Message &m, const Storage &a, int depth) const
    {
        Attachment att;
        att.fileName = a.text({PidTagAttachLongFilename, PidTagAttachFilename, PidTagDisplayName});
        att.mimeType = a.text({PidTagAttachMimeTag});
        att.isInline = a.fixed(PidTagAttachmentHidden, PtBoolean).value_or(0) & 0xFF;
        const quint64 method = a.fixed(PidTagAttachMethod, PtLong).value_or(0);
        if (method == AttachByOle)
            m.defects << QStringLiteral("attachment \"%1\" is an embedded OLE object, which is not read").arg(att.fileName);
        else if (const OleItem embedded = a.child(EmbeddedMessageName))
            readEmbedded(m, att, embedded.get(), depth);
        else if (const OleItem data = a.child(tagName(PidTagAttachDataBinary, PtBinary)))
            hashStream(att, data.get(), m.defects);
        m.attachments << att;
    }

    void readEmbedded(Message &m, Attachment &att, libolecf_item_t *storage, int depth) const
    {
        if (depth + 1 > MaxEmbeddingDepth) {
            m.defects << QStringLiteral("attached messages nested deeper than %1: \"%2\" not read").arg(MaxEmbeddingDepth).arg(att.fileName);
            return;
        }
        MapiMessage::embed(m, att, read(storage, Storage::Kind::EmbeddedMessage, depth + 1));
    }

    int m_fileIndex;
};

// MS-CFB 2.2: libolecf sizes its allocation tables from the header's FAT and DIFAT sector counts before it
// reads them, so a damaged header that counts more sectors than the file holds makes it allocate gigabytes
// (a 14 kB file asked for 5 GB; found by fuzz_container). Both counts must fit in the file. Files that are
// no compound file at all are left to libolecf, which says so.
QString headerProblem(const QString &path)
{
    constexpr qint64 HeaderSize = 512;
    QFile f(path);
    const QByteArray h = f.open(QIODevice::ReadOnly) ? f.read(HeaderSize) : QByteArray();
    if (h.size() < HeaderSize || !h.startsWith(QByteArrayView("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)))
        return {};
    const int shift = qFromLittleEndian<quint16>(h.constData() + 0x1E);
    if (shift != 9 && shift != 12)
        return QStringLiteral("%1: damaged Outlook .msg header: sectors of 2^%2 bytes, neither 512 nor 4096").arg(path).arg(shift);
    const qint64 sectors = qMax<qint64>(0, f.size() - (qint64(1) << shift)) >> shift; // the header fills the first sector
    const std::pair<int, const char *> counts[] = {{0x2C, "FAT"}, {0x48, "DIFAT"}};
    for (const auto &[offset, table] : counts) {
        if (const quint32 n = qFromLittleEndian<quint32>(h.constData() + offset); n > sectors)
            return QStringLiteral("%1: damaged Outlook .msg header: it counts %2 %3 sectors, the file holds %4").arg(path).arg(n).arg(QLatin1String(table)).arg(sectors);
    }
    return {};
}

/// Opens \a path read-only; on failure returns null with \a error naming the file.
OleFile openFile(const QString &path, QString *error)
{
    // libolecf would block on a FIFO or device: only regular files are evidence files here.
    if (const QFileInfo info(path); !info.isFile()) {
        *error = info.exists() ? QStringLiteral("%1: not a regular file").arg(path) : QStringLiteral("%1: no such file").arg(path);
        return {};
    }
    if (*error = headerProblem(path); !error->isEmpty())
        return {};
    libolecf_file_t *raw = nullptr;
    OleError err;
    if (libolecf_file_initialize(&raw, err.out()) != 1) {
        *error = QStringLiteral("%1: libolecf could not start: %2").arg(path, err.text());
        return {};
    }
    OleFile file(raw);
    if (libolecf_file_open(raw, QFile::encodeName(path).constData(), LIBOLECF_OPEN_READ, err.out()) != 1) {
        *error = QStringLiteral("%1: not a readable Outlook .msg (OLE compound) file: %2").arg(path, err.text());
        return {};
    }
    return file;
}

OleItem rootStorage(libolecf_file_t *file, const QString &path, QString *error)
{
    libolecf_item_t *raw = nullptr;
    OleError err;
    if (libolecf_file_get_root_item(file, &raw, err.out()) != 1) {
        *error = QStringLiteral("%1: no root storage: %2").arg(path, err.text());
        return {};
    }
    return OleItem(raw);
}

// Contacts, notes, appointments and tasks are saved as .msg too; they are not mail.
bool isMailClass(const QString &messageClass)
{
    static const QStringList mail{QStringLiteral("IPM.Note"), QStringLiteral("IPM.Schedule.Meeting"), QStringLiteral("REPORT.")};
    return messageClass.isEmpty() || std::any_of(mail.cbegin(), mail.cend(), [&](const QString &prefix) {
               return messageClass.startsWith(prefix, Qt::CaseInsensitive);
           });
}

/// A compound file is not necessarily a message: Word and Excel files are compound files too.
QString notAMessageError(libolecf_item_t *root, const QString &path)
{
    QStringList ignored;
    const Storage s(root, Storage::Kind::Message, 0, ignored);
    if (!s.has(PidTagMessageClass, PtUnicode) && !s.has(PidTagMessageClass, PtString8)
        && s.childrenStartingWith(QByteArrayLiteral("__substg1.0_")).isEmpty())
        return QStringLiteral("%1: an OLE compound file without message properties: not an Outlook .msg").arg(path);
    const QString messageClass = s.text({PidTagMessageClass});
    if (!isMailClass(messageClass))
        return QStringLiteral("%1: an Outlook %2 item, not an e-mail message").arg(path, messageClass);
    return {};
}

// A file that cannot be read to the end has no digest: a partial one would misidentify the evidence.
QByteArray sha256OfFile(const QString &path, QString &problem)
{
    QFile f(path);
    Sha256 hash;
    if (!f.open(QIODevice::ReadOnly) || !hash.addData(f)) {
        problem = QStringLiteral("%1: read error: %2").arg(path, f.errorString());
        return {};
    }
    return hash.hexResult();
}

// The evidence is the .msg file itself: its hash and size are the message's.
Message wholeFileMessage(libolecf_item_t *root, const QString &path, int fileIndex, QString &problem)
{
    Message m = MessageReader(fileIndex).read(root, Storage::Kind::Message, 0);
    m.contentSha256 = sha256OfFile(path, problem);
    m.size = QFileInfo(path).size();
    m.source = MessageSource{fileIndex, 0, m.size, {}, 0};
    return m;
}

} // namespace

std::optional<Message> MsgReader::read(const QString &path, int fileIndex, QString *error)
{
    QString problem;
    const OleFile file = openFile(path, &problem);
    const OleItem root = file ? rootStorage(file.get(), path, &problem) : OleItem();
    if (root)
        problem = notAMessageError(root.get(), path);
    std::optional<Message> m;
    if (problem.isEmpty())
        m = wholeFileMessage(root.get(), path, fileIndex, problem);
    if (problem.isEmpty())
        return m;
    if (error)
        *error = problem;
    return std::nullopt;
}

} // namespace th::model
