#include "pstreader.h"

#include "mapimessage.h"
#include "sha256.h"

#include <libpff.h>

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <memory>
#include <optional>

namespace th::model {
namespace {

// MAPI property ids (MS-OXPROPS) that libpff has no named constant for.
enum : uint32_t {
    PidTagInternetMessageId = 0x1035,
    PidTagInReplyToId = 0x1042,
    PidTagInternetReferences = 0x1039,
    PidTagSenderSmtpAddress = 0x5D01,
    PidTagSentRepresentingSmtpAddress = 0x5D02,
    PidTagSmtpAddress = 0x39FE,
    PidTagAttachMimeTag = 0x370E,
    PidTagAttachmentHidden = 0x7FFE,
    PidTagInternetCodepage = 0x3FDE,
};

constexpr uint32_t PtUnicode = 0x001F; // a property value type: UTF-16LE string

constexpr int MaxEmbeddingDepth = 8;   // attached items inside attached items: hostile files can nest without end
constexpr int MaxFolderDepth = 128;    // far deeper than any real mailbox; guards against index cycles
constexpr size_t MaxValueBytes = 256u * 1024 * 1024; // a corrupt size field must not become a huge allocation
constexpr size_t ReadChunk = 64 * 1024;

/// Owns a libpff error; out() hands libpff a fresh slot each time.
class PffError
{
public:
    PffError() = default;
    PffError(const PffError &) = delete;
    PffError &operator=(const PffError &) = delete;
    ~PffError() { reset(); }

    libpff_error_t **out()
    {
        reset();
        return &m_error;
    }

    [[nodiscard]] QString text() const
    {
        if (!m_error)
            return QStringLiteral("unknown libpff error");
        char buf[4096] = {};
        libpff_error_backtrace_sprint(m_error, buf, sizeof buf);
        // The backtrace lists the root cause first, each line as "function: message".
        const QString cause = QString::fromLocal8Bit(buf).section(u'\n', 0, 0).trimmed();
        return cause.mid(cause.indexOf(QLatin1String(": ")) + 2);
    }

private:
    void reset()
    {
        if (m_error)
            libpff_error_free(&m_error);
    }

    libpff_error_t *m_error = nullptr;
};

struct ItemFree {
    void operator()(libpff_item_t *p) const { libpff_item_free(&p, nullptr); }
};
struct RecordSetFree {
    void operator()(libpff_record_set_t *p) const { libpff_record_set_free(&p, nullptr); }
};
struct RecordEntryFree {
    void operator()(libpff_record_entry_t *p) const { libpff_record_entry_free(&p, nullptr); }
};
struct FileFree {
    // Closing a file that never opened only reports an error, which is ignored here.
    void operator()(libpff_file_t *p) const
    {
        libpff_file_close(p, nullptr);
        libpff_file_free(&p, nullptr);
    }
};

using Item = std::unique_ptr<libpff_item_t, ItemFree>;
using RecordSet = std::unique_ptr<libpff_record_set_t, RecordSetFree>;
using RecordEntry = std::unique_ptr<libpff_record_entry_t, RecordEntryFree>;
using File = std::unique_ptr<libpff_file_t, FileFree>;

/// A property value as stored: its MAPI type and raw bytes.
struct RawValue {
    uint32_t type = 0;
    QByteArray data;
};

/// Reads properties of one libpff item. A value libpff finds but cannot read (corrupt item) is recorded
/// in \a defects rather than silently treated as absent.
class PropertyReader
{
public:
    PropertyReader(libpff_item_t *item, QStringList &defects) : m_item(item), m_defects(defects) {}

    [[nodiscard]] libpff_item_t *item() const { return m_item; }

    std::optional<QByteArray> messageString(uint32_t id)
    {
        size_t size = 0;
        const int found = libpff_message_get_entry_value_utf8_string_size(m_item, id, &size, m_err.out());
        if (found != 1 || !fits(size, id))
            return failed(found, id);
        if (size <= 1) // libpff refuses to copy an empty string
            return QByteArray();
        QByteArray buf(qsizetype(size), '\0');
        const int read = libpff_message_get_entry_value_utf8_string(m_item, id, bytes(buf), size, m_err.out());
        return read == 1 ? std::optional(MapiMessage::withoutTrailingNuls(buf)) : failed(read, id);
    }

    std::optional<QString> messageText(uint32_t id)
    {
        const auto s = messageString(id);
        return s ? std::optional(QString::fromUtf8(*s).trimmed()) : std::nullopt;
    }

    std::optional<RawValue> raw(int set, uint32_t id)
    {
        const RecordEntry entry = this->entry(set, id);
        if (!entry)
            return std::nullopt;
        size_t size = 0;
        if (libpff_record_entry_get_data_size(entry.get(), &size, m_err.out()) != 1)
            return failed(-1, id);
        if (!fits(size, id))
            return std::nullopt;
        RawValue v;
        libpff_record_entry_get_value_type(entry.get(), &v.type, nullptr);
        v.data.resize(qsizetype(size));
        if (size > 0 && libpff_record_entry_get_data(entry.get(), bytes(v.data), size, m_err.out()) != 1)
            return failed(-1, id);
        return v;
    }

    std::optional<QString> text(int set, uint32_t id)
    {
        const RecordEntry entry = this->entry(set, id);
        if (!entry)
            return std::nullopt;
        size_t size = 0;
        if (libpff_record_entry_get_data_as_utf8_string_size(entry.get(), &size, m_err.out()) != 1)
            return failed(-1, id);
        if (!fits(size, id))
            return std::nullopt;
        if (size <= 1)
            return QString();
        QByteArray buf(qsizetype(size), '\0');
        if (libpff_record_entry_get_data_as_utf8_string(entry.get(), bytes(buf), size, m_err.out()) != 1)
            return failed(-1, id);
        return QString::fromUtf8(MapiMessage::withoutTrailingNuls(buf)).trimmed();
    }

    std::optional<uint32_t> integer(int set, uint32_t id)
    {
        const RecordEntry entry = this->entry(set, id);
        uint32_t value = 0;
        if (!entry)
            return std::nullopt;
        if (libpff_record_entry_get_data_as_32bit_integer(entry.get(), &value, m_err.out()) != 1)
            return failed(-1, id);
        return value;
    }

    /// The first of \a ids that is present and not empty.
    QString firstText(int set, std::initializer_list<uint32_t> ids)
    {
        for (uint32_t id : ids) {
            if (const auto s = text(set, id); s && !s->isEmpty())
                return *s;
        }
        return {};
    }

    QString firstMessageText(std::initializer_list<uint32_t> ids)
    {
        for (uint32_t id : ids) {
            if (const auto s = messageText(id); s && !s->isEmpty())
                return *s;
        }
        return {};
    }

    bool flag(int set, uint32_t id)
    {
        const RecordEntry entry = this->entry(set, id);
        uint8_t value = 0;
        return entry && libpff_record_entry_get_data_as_boolean(entry.get(), &value, nullptr) == 1 && value != 0;
    }

    /// The plain-text body as UTF-8 (libpff converts 8-bit bodies with the message's code page).
    QByteArray plainTextBody()
    {
        size_t size = 0;
        const int found = libpff_message_get_plain_text_body_size(m_item, &size, m_err.out());
        if (found != 1 || size == 0 || !fits(size, LIBPFF_ENTRY_TYPE_MESSAGE_BODY_PLAIN_TEXT))
            return found == -1 ? note(QStringLiteral("plain-text body unreadable")) : QByteArray();
        QByteArray buf(qsizetype(size), '\0');
        if (libpff_message_get_plain_text_body(m_item, bytes(buf), size, m_err.out()) != 1)
            return note(QStringLiteral("plain-text body unreadable"));
        return MapiMessage::withoutTrailingNuls(buf);
    }

private:
    QByteArray note(const QString &what)
    {
        m_defects << QStringLiteral("%1: %2").arg(what, m_err.text());
        return {};
    }

    bool fits(size_t size, uint32_t id)
    {
        if (size <= MaxValueBytes)
            return true;
        m_defects << QStringLiteral("property 0x%1 claims %2 bytes, over the %3-byte limit: not read")
                         .arg(id, 4, 16, QLatin1Char('0')).arg(size).arg(MaxValueBytes);
        return false;
    }

    static uint8_t *bytes(QByteArray &b) { return reinterpret_cast<uint8_t *>(b.data()); }

    RecordEntry entry(int set, uint32_t id)
    {
        libpff_record_set_t *rawSet = nullptr;
        if (libpff_item_get_record_set_by_index(m_item, set, &rawSet, m_err.out()) != 1)
            return {};
        const RecordSet recordSet(rawSet);
        libpff_record_entry_t *rawEntry = nullptr;
        const int found = libpff_record_set_get_entry_by_type(recordSet.get(), id, 0, &rawEntry,
                                                             LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE, m_err.out());
        if (found == -1)
            note(QStringLiteral("property 0x%1 unreadable").arg(id, 4, 16, QLatin1Char('0')));
        return RecordEntry(found == 1 ? rawEntry : nullptr);
    }

    std::nullopt_t failed(int result, uint32_t id)
    {
        if (result == -1)
            note(QStringLiteral("property 0x%1 unreadable").arg(id, 4, 16, QLatin1Char('0')));
        return std::nullopt;
    }

    libpff_item_t *m_item;
    QStringList &m_defects;
    PffError m_err;
};

QByteArray transportHeaders(PropertyReader &props)
{
    return props.messageString(LIBPFF_ENTRY_TYPE_MESSAGE_TRANSPORT_HEADERS).value_or(QByteArray());
}

// libpff_message_get_html_body hands back the stored bytes without saying whether they are UTF-16
// (PT_UNICODE), 8-bit text or binary, so the value is read with its type instead.
QString htmlBody(PropertyReader &props, QStringList &defects)
{
    const auto v = props.raw(0, LIBPFF_ENTRY_TYPE_MESSAGE_BODY_HTML);
    if (!v || v->data.isEmpty())
        return {};
    if (v->type == PtUnicode)
        return MapiMessage::fromUtf16Le(v->data);
    const QByteArray data = MapiMessage::withoutTrailingNuls(v->data);
    return MapiMessage::html8Bit(data, props.integer(0, PidTagInternetCodepage).value_or(0), defects);
}

// PR_SUBJECT as a PST stores it may start with U+0001 and a length character that mark the prefix ("RE: ") length.
QString withoutPrefixMarker(const QString &subject)
{
    return subject.startsWith(QChar(1)) ? subject.mid(2) : subject;
}

MailAddress mailbox(PropertyReader &props, uint32_t nameId, uint32_t smtpId, uint32_t addressId)
{
    // The SMTP form when Outlook kept one; else whatever it stored (an Exchange DN on internal mail).
    return {props.firstMessageText({nameId}), props.firstMessageText({smtpId, addressId})};
}

MapiFields mapiFields(PropertyReader &props)
{
    MapiFields f;
    f.subject = withoutPrefixMarker(props.messageText(LIBPFF_ENTRY_TYPE_MESSAGE_SUBJECT).value_or(QString()));
    f.threadTopic = props.messageText(LIBPFF_ENTRY_TYPE_MESSAGE_CONVERSATION_TOPIC).value_or(QString());
    f.messageId = props.messageText(PidTagInternetMessageId).value_or(QString());
    f.inReplyTo = props.messageText(PidTagInReplyToId).value_or(QString());
    f.references = props.messageText(PidTagInternetReferences).value_or(QString());
    f.conversationIndex = props.raw(0, LIBPFF_ENTRY_TYPE_MESSAGE_CONVERSATION_INDEX).value_or(RawValue()).data;
    uint64_t ft = 0;
    if (libpff_message_get_client_submit_time(props.item(), &ft, nullptr) == 1)
        f.submitTime = ft;
    f.sender = mailbox(props, LIBPFF_ENTRY_TYPE_MESSAGE_SENDER_NAME, PidTagSenderSmtpAddress,
                       LIBPFF_ENTRY_TYPE_MESSAGE_SENDER_EMAIL_ADDRESS);
    f.representing = mailbox(props, LIBPFF_ENTRY_TYPE_MESSAGE_SENT_REPRESENTING_NAME, PidTagSentRepresentingSmtpAddress,
                             LIBPFF_ENTRY_TYPE_MESSAGE_SENT_REPRESENTING_EMAIL_ADDRESS);
    return f;
}

void addRecipient(MapiMessage &mapi, PropertyReader &props, int index)
{
    const MailAddress a{props.firstText(index, {LIBPFF_ENTRY_TYPE_DISPLAY_NAME, LIBPFF_ENTRY_TYPE_RECIPIENT_DISPLAY_NAME}),
                        props.firstText(index, {PidTagSmtpAddress, LIBPFF_ENTRY_TYPE_EMAIL_ADDRESS})};
    mapi.addRecipient(props.integer(index, LIBPFF_ENTRY_TYPE_RECIPIENT_TYPE).value_or(MapiMessage::To), a);
}

/// The recipient table, used only when the headers name no recipient at all.
void readRecipients(MapiMessage &mapi, libpff_item_t *item)
{
    if (!mapi.wantsRecipients())
        return;
    QStringList &defects = mapi.message().defects;
    PffError err;
    libpff_item_t *raw = nullptr;
    const int found = libpff_message_get_recipients(item, &raw, err.out());
    if (found == -1)
        defects << QStringLiteral("recipient table unreadable: %1").arg(err.text());
    if (found != 1)
        return;
    const Item recipients(raw);
    int count = 0;
    libpff_item_get_number_of_record_sets(recipients.get(), &count, nullptr);
    PropertyReader props(recipients.get(), defects);
    for (int i = 0; i < count; ++i)
        addRecipient(mapi, props, i);
}

struct AttachmentData {
    qint64 size = 0;
    QByteArray sha256;
};

/// Streams the attachment's decoded bytes through SHA-256 without holding them.
AttachmentData readAttachmentData(libpff_item_t *attachment, QStringList &defects)
{
    AttachmentData out;
    size64_t declared = 0;
    if (libpff_attachment_get_data_size(attachment, &declared, nullptr) != 1)
        return out;
    Sha256 hash;
    QByteArray buf(qsizetype(ReadChunk), '\0');
    PffError err;
    while (out.size < qint64(declared)) {
        const ssize_t n = libpff_attachment_data_read_buffer(attachment, reinterpret_cast<uint8_t *>(buf.data()), ReadChunk, err.out());
        if (n <= 0) {
            defects << QStringLiteral("attachment data ends after %1 of %2 bytes: %3").arg(out.size).arg(declared).arg(err.text());
            break;
        }
        hash.addData(QByteArrayView(buf.constData(), qsizetype(n)));
        out.size += n;
    }
    out.sha256 = hash.hexResult();
    return out;
}

/// Builds Messages from libpff message items, attached items included.
class MessageReader
{
public:
    MessageReader(int fileIndex, QString folderPath) : m_fileIndex(fileIndex), m_folder(std::move(folderPath)) {}

    Message read(libpff_item_t *item, quint32 itemId, int depth) const
    {
        QStringList problems; // of the item's properties, appended after what the headers showed
        PropertyReader props(item, problems);
        MapiMessage mapi(transportHeaders(props));
        const QByteArray body = props.plainTextBody();
        fillFromProperties(mapi, props, body);
        mapi.message().defects << problems;
        readAttachments(mapi.message(), item, depth);
        return mapi.take(body, MessageSource{m_fileIndex, 0, 0, m_folder, itemId});
    }

private:
    static void fillFromProperties(MapiMessage &mapi, PropertyReader &props, const QByteArray &body)
    {
        mapi.fill(mapiFields(props));
        readRecipients(mapi, props.item());
        const QString html = htmlBody(props, mapi.message().defects);
        mapi.setBodies(QString::fromUtf8(body), html,
                       [&] { return props.raw(0, LIBPFF_ENTRY_TYPE_MESSAGE_BODY_COMPRESSED_RTF).has_value(); });
    }

    void readAttachments(Message &m, libpff_item_t *item, int depth) const
    {
        int count = 0;
        PffError err;
        if (libpff_message_get_number_of_attachments(item, &count, err.out()) != 1) {
            m.defects << QStringLiteral("attachment table unreadable: %1").arg(err.text());
            return;
        }
        for (int i = 0; i < count; ++i) {
            libpff_item_t *raw = nullptr;
            if (libpff_message_get_attachment(item, i, &raw, err.out()) != 1) {
                m.defects << QStringLiteral("attachment %1 unreadable: %2").arg(i + 1).arg(err.text());
                continue;
            }
            const Item attachment(raw);
            readAttachment(m, attachment.get(), depth);
        }
    }

    void readAttachment(Message &m, libpff_item_t *attachment, int depth) const
    {
        PropertyReader props(attachment, m.defects);
        Attachment a;
        a.fileName = props.firstText(0, {LIBPFF_ENTRY_TYPE_ATTACHMENT_FILENAME_LONG, LIBPFF_ENTRY_TYPE_ATTACHMENT_FILENAME_SHORT,
                                         LIBPFF_ENTRY_TYPE_DISPLAY_NAME});
        a.mimeType = props.firstText(0, {PidTagAttachMimeTag});
        a.isInline = props.flag(0, PidTagAttachmentHidden);
        int type = LIBPFF_ATTACHMENT_TYPE_UNDEFINED;
        libpff_attachment_get_type(attachment, &type, nullptr);
        if (type == LIBPFF_ATTACHMENT_TYPE_ITEM)
            readEmbedded(m, a, attachment, depth);
        else {
            const AttachmentData data = readAttachmentData(attachment, m.defects);
            a.size = data.size;
            a.sha256 = data.sha256;
        }
        m.attachments << a;
    }

    void readEmbedded(Message &m, Attachment &a, libpff_item_t *attachment, int depth) const
    {
        if (depth + 1 > MaxEmbeddingDepth) {
            m.defects << QStringLiteral("attached items nested deeper than %1: \"%2\" not read").arg(MaxEmbeddingDepth).arg(a.fileName);
            return;
        }
        libpff_item_t *raw = nullptr;
        PffError err;
        if (libpff_attachment_get_item(attachment, &raw, err.out()) != 1) {
            m.defects << QStringLiteral("attached item \"%1\" unreadable: %2").arg(a.fileName, err.text());
            return;
        }
        const Item inner(raw);
        // An attached item has no identifier of its own in the file: it is reached through its parent.
        MapiMessage::embed(m, a, read(inner.get(), 0, depth + 1));
    }

    int m_fileIndex;
    QString m_folder;
};

bool isMailItem(uint8_t type)
{
    switch (type) {
    case LIBPFF_ITEM_TYPE_EMAIL:
    case LIBPFF_ITEM_TYPE_EMAIL_SMIME:
    case LIBPFF_ITEM_TYPE_MEETING:
        return true;
    default:
        return false;
    }
}

QString folderName(libpff_item_t *folder)
{
    size_t size = 0;
    // The root folder's name is an empty string, which libpff reports as an error: both mean "no name".
    if (libpff_folder_get_utf8_name_size(folder, &size, nullptr) != 1 || size <= 1 || size > MaxValueBytes)
        return {};
    QByteArray buf(qsizetype(size), '\0');
    if (libpff_folder_get_utf8_name(folder, reinterpret_cast<uint8_t *>(buf.data()), size, nullptr) != 1)
        return {};
    return QString::fromUtf8(MapiMessage::withoutTrailingNuls(buf));
}

quint32 identifierOf(libpff_item_t *item)
{
    uint32_t id = 0;
    libpff_item_get_identifier(item, &id, nullptr);
    return id;
}

/// Walks the folder tree depth first, reading every mail item.
class FolderWalker
{
public:
    FolderWalker(int fileIndex, const std::function<bool()> &cancelled, PstReader::Result &result)
        : m_fileIndex(fileIndex), m_cancelled(cancelled), m_result(result) {}

    void walk(libpff_item_t *folder, const QString &path, int depth)
    {
        if (!enter(folder, path, depth))
            return;
        readMessages(folder, path);
        int count = 0;
        PffError err;
        if (libpff_folder_get_number_of_sub_folders(folder, &count, err.out()) != 1) {
            warn(path, QStringLiteral("sub-folders unreadable: %1").arg(err.text()));
            return;
        }
        for (int i = 0; i < count && !cancelled(); ++i) {
            libpff_item_t *raw = nullptr;
            if (libpff_folder_get_sub_folder(folder, i, &raw, err.out()) != 1) {
                warn(path, QStringLiteral("sub-folder %1 unreadable: %2").arg(i + 1).arg(err.text()));
                continue;
            }
            const Item sub(raw);
            const QString name = folderName(sub.get());
            walk(sub.get(), path.isEmpty() ? name : path + u'/' + name, depth + 1);
        }
    }

    [[nodiscard]] bool wasCancelled() const { return m_stopped; }

private:
    bool enter(libpff_item_t *folder, const QString &path, int depth)
    {
        if (depth > MaxFolderDepth) {
            warn(path, QStringLiteral("folders nested deeper than %1: not read").arg(MaxFolderDepth));
            return false;
        }
        const quint32 id = identifierOf(folder);
        if (m_seenFolders.contains(id)) {
            warn(path, QStringLiteral("folder %1 reached twice (corrupt index): read once").arg(id));
            return false;
        }
        m_seenFolders.insert(id);
        return true;
    }

    void readMessages(libpff_item_t *folder, const QString &path)
    {
        int count = 0;
        PffError err;
        if (libpff_folder_get_number_of_sub_messages(folder, &count, err.out()) != 1) {
            warn(path, QStringLiteral("message list unreadable: %1").arg(err.text()));
            return;
        }
        const MessageReader reader(m_fileIndex, path);
        for (int i = 0; i < count && !cancelled(); ++i) {
            libpff_item_t *raw = nullptr;
            if (libpff_folder_get_sub_message(folder, i, &raw, err.out()) != 1) {
                warn(path, QStringLiteral("item %1 unreadable: %2").arg(i + 1).arg(err.text()));
                continue;
            }
            const Item item(raw);
            readItem(reader, item.get(), path);
        }
    }

    void readItem(const MessageReader &reader, libpff_item_t *item, const QString &path)
    {
        uint8_t type = LIBPFF_ITEM_TYPE_UNDEFINED;
        PffError err;
        const quint32 id = identifierOf(item);
        if (libpff_item_get_type(item, &type, err.out()) != 1) {
            warn(path, QStringLiteral("item %1: type unreadable: %2").arg(id).arg(err.text()));
            return;
        }
        if (isMailItem(type))
            m_result.messages.push_back(reader.read(item, id, 0));
    }

    bool cancelled()
    {
        if (!m_stopped && m_cancelled && m_cancelled())
            m_stopped = true;
        return m_stopped;
    }

    void warn(const QString &path, const QString &what)
    {
        m_result.warnings << QStringLiteral("%1: %2").arg(path.isEmpty() ? QStringLiteral("(root folder)") : path, what);
    }

    int m_fileIndex;
    const std::function<bool()> &m_cancelled;
    PstReader::Result &m_result;
    QSet<quint32> m_seenFolders;
    bool m_stopped = false;
};

/// Opens \a path read-only; on failure returns null with \a error naming the file.
File openFile(const QString &path, QString *error)
{
    // libpff would block on a FIFO or device: only regular files are evidence files here.
    if (const QFileInfo info(path); !info.isFile()) {
        *error = info.exists() ? QStringLiteral("%1: not a regular file").arg(path) : QStringLiteral("%1: no such file").arg(path);
        return {};
    }
    libpff_file_t *raw = nullptr;
    PffError err;
    if (libpff_file_initialize(&raw, err.out()) != 1) {
        *error = QStringLiteral("%1: libpff could not start: %2").arg(path, err.text());
        return {};
    }
    File file(raw);
    if (libpff_file_open(raw, QFile::encodeName(path).constData(), LIBPFF_OPEN_READ, err.out()) != 1) {
        *error = QStringLiteral("%1: not a readable PST/OST file: %2").arg(path, err.text());
        return {};
    }
    return file;
}

/// libpff opens a cut-off file without complaint and walks what is left; the header's size tells.
QString truncationError(libpff_file_t *file, const QString &path)
{
    size64_t declared = 0;
    const qint64 actual = QFileInfo(path).size();
    if (libpff_file_get_size(file, &declared, nullptr) != 1 || qint64(declared) <= actual)
        return {};
    return QStringLiteral("%1: truncated: %2 of the %3 bytes its header declares").arg(path).arg(actual).arg(declared);
}

Item rootFolder(libpff_file_t *file, const QString &path, QString *error)
{
    libpff_item_t *raw = nullptr;
    PffError err;
    const int found = libpff_file_get_root_folder(file, &raw, err.out());
    if (found != 1)
        *error = QStringLiteral("%1: no root folder (corrupt or truncated file)%2")
                     .arg(path, found == -1 ? QStringLiteral(": ") + err.text() : QString());
    return Item(found == 1 ? raw : nullptr);
}

} // namespace

PstReader::Result PstReader::read(const QString &path, int fileIndex, const std::function<bool()> &cancelled)
{
    Result result;
    const File file = openFile(path, &result.error);
    if (!file)
        return result;
    result.error = truncationError(file.get(), path);
    QString rootError;
    const Item root = rootFolder(file.get(), path, &rootError);
    if (!root) {
        result.error = result.error.isEmpty() ? rootError : result.error;
        return result;
    }
    FolderWalker walker(fileIndex, cancelled, result);
    walker.walk(root.get(), folderName(root.get()), 0);
    if (walker.wasCancelled())
        result.warnings << QStringLiteral("%1: cancelled after %2 messages").arg(path).arg(result.messages.size());
    return result;
}

QByteArray PstReader::itemSource(const QString &path, quint32 itemId, QString *error)
{
    QString problem;
    const File file = openFile(path, &problem);
    libpff_item_t *raw = nullptr;
    PffError err;
    if (file && libpff_file_get_item_by_identifier(file.get(), itemId, &raw, err.out()) != 1)
        problem = QStringLiteral("%1: item %2 not found").arg(path).arg(itemId);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return {};
    }
    const Item item(raw);
    QStringList ignored; // the raw view shows what can be read; defects were reported at import
    PropertyReader props(item.get(), ignored);
    const QByteArray headers = transportHeaders(props);
    return MapiMessage::rawSource(headers, props.plainTextBody());
}

} // namespace th::model
