#include "mimeparser.h"

#include "headerblock.h"
#include "headerreader.h"
#include "partwalker.h"
#include "sha256.h"
#include "vmimeplatform.h"

#include <vmime/vmime.hpp>

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <initializer_list>

namespace th::model {
namespace {

bool isOneOf(QByteArrayView name, std::initializer_list<const char *> names)
{
    return std::any_of(names.begin(), names.end(), [name](const char *n) { return name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0; });
}

bool isAddressField(QByteArrayView name)
{
    return isOneOf(name, {"from", "sender", "reply-to", "to", "cc", "bcc"});
}

// The fields whose structure is read through vmime; all others are taken as written.
bool needsTyping(QByteArrayView name)
{
    return isAddressField(name) || isOneOf(name, {"date", "mime-version", "content-type", "content-transfer-encoding", "content-disposition"});
}

constexpr qsizetype MaxPaddedName = 1000;

// A From or Sender of hostile length is a display name padded to push the address out of sight: the field is
// handed on as the name's first MaxPaddedName bytes and the last address in angle brackets. The local part
// holds no '@', which keeps the pattern linear on a run of them.
QByteArray mailboxFieldInput(const HeaderBlock::Field &f)
{
    static const QRegularExpression angleAddress(QStringLiteral("<([^<>\\s@]+@[^<>\\s]+)>"));
    const QString value = QString::fromLatin1(f.value());
    QRegularExpressionMatch last;
    for (auto it = angleAddress.globalMatch(value); it.hasNext();)
        last = it.next();
    if (!last.hasMatch())
        return {};
    QByteArray name = f.value().first(last.capturedStart()).toByteArray().simplified();
    name.replace('"', "").replace('\\', "");
    return f.name.toByteArray() + ": \"" + name.left(MaxPaddedName) + "\" " + last.captured(0).toLatin1() + "\r\n";
}

// vmime's address parser takes time quadratic in the length of some malformed lists (a To of 120 kB of
// encoded words, one left open, as fuzz_message wrote it: 1.4 s). Real ones stay far below MaxAddressField
// (the longest Cc of the corpora: 4.5 kB), so a longer list is read up to its last comma before the cap, a
// longer mailbox through mailboxFieldInput, which writes the field anew into \a rewritten. Only the first
// field of each name is read (HeaderReader), so repeats are not parsed at all (empty).
QByteArrayView addressFieldInput(const HeaderBlock::Field &f, QSet<QByteArray> &seen, QStringList &defects, QByteArray &rewritten)
{
    constexpr qsizetype MaxAddressField = 32 * 1024;
    if (!isAddressField(f.name))
        return f.raw;
    const QByteArray name = f.name.toByteArray().toLower();
    if (seen.contains(name))
        return {};
    seen.insert(name);
    if (f.raw.size() <= MaxAddressField)
        return f.raw;
    rewritten = name == "from" || name == "sender" ? mailboxFieldInput(f) : QByteArray();
    if (!rewritten.isEmpty()) {
        defects << QStringLiteral("%1 of %2 bytes: its display name is read up to %3 bytes").arg(QString::fromLatin1(f.name)).arg(f.raw.size()).arg(MaxPaddedName);
        return rewritten;
    }
    const qsizetype comma = QByteArrayView(f.raw).first(MaxAddressField).lastIndexOf(',');
    defects << QStringLiteral("%1 of %2 bytes: addresses after its first %3 bytes are not read")
                   .arg(QString::fromLatin1(f.name)).arg(f.raw.size()).arg(MaxAddressField);
    return f.raw.first(comma > 0 ? comma : MaxAddressField);
}

// What vmime parses: the typed fields, a blank line, and the body (unless \a headersOnly).
std::string vmimeInput(const QByteArray &bytes, const HeaderBlock &block, bool headersOnly, QStringList &defects)
{
    std::string out;
    out.reserve(size_t(headersOnly ? 4096 : bytes.size()));
    QSet<QByteArray> seen;
    for (const HeaderBlock::Field &f : block.fields()) {
        if (!needsTyping(f.name))
            continue;
        QByteArray rewritten;
        const QByteArrayView raw = addressFieldInput(f, seen, defects, rewritten);
        if (raw.isEmpty())
            continue;
        out.append(raw.data(), size_t(raw.size()));
        if (!raw.endsWith('\n'))
            out += "\r\n";
    }
    out += "\r\n";
    if (!headersOnly)
        out.append(bytes.constData() + block.bodyOffset(), size_t(bytes.size() - block.bodyOffset()));
    return out;
}

int countMultiparts(const QByteArray &bytes)
{
    int n = 0;
    for (qsizetype at = bytes.indexOf("ultipart/"); at > 0; at = bytes.indexOf("ultipart/", at + 9)) {
        if ((bytes[at - 1] | 0x20) == 'm')
            ++n;
    }
    return n;
}

bool exceedsLimits(const QByteArray &bytes, const MimeParser::Limits &limits, QStringList &defects)
{
    if (bytes.size() > limits.maxBytes) {
        defects << QStringLiteral("message of %1 bytes exceeds the %2-byte limit: headers only").arg(bytes.size()).arg(limits.maxBytes);
        return true;
    }
    const int multiparts = countMultiparts(bytes);
    if (multiparts > limits.maxMultiparts) {
        defects << QStringLiteral("%1 multipart declarations exceed the limit of %2: headers only").arg(multiparts).arg(limits.maxMultiparts);
        return true;
    }
    return false;
}

} // namespace

QStringList MimeParser::extractMessageIds(QStringView headerValue)
{
    static const QRegularExpression re(QStringLiteral("<\\s*([^<>\\s]+)\\s*>"));
    QStringList ids;
    for (auto it = re.globalMatch(headerValue); it.hasNext();)
        ids << it.next().captured(1);
    return ids;
}

Message MimeParser::parse(const QByteArray &bytes)
{
    return parse(bytes, Limits());
}

Message MimeParser::parse(const QByteArray &bytes, const Limits &limits, int depth)
{
    return parseWith(bytes, limits, depth, false);
}

Message MimeParser::parseHeaders(const QByteArray &bytes)
{
    return parseWith(bytes, Limits(), 0, true);
}

Message MimeParser::parseWith(const QByteArray &bytes, const Limits &limits, int depth, bool headersOnly)
{
    VmimePlatform::ensure();
    Message m;
    m.size = bytes.size();
    m.contentSha256 = Sha256::hex(bytes);
    if (bytes.trimmed().isEmpty()) {
        m.defects << QStringLiteral("empty message: no header fields and no body");
        return m;
    }
    const HeaderBlock block(bytes);
    m.rawHeader = bytes.left(block.bodyOffset());
    m.defects << block.problems();
    headersOnly = headersOnly || exceedsLimits(bytes, limits, m.defects);
    try {
        vmime::message vm;
        vm.parse(vmimeInput(bytes, block, headersOnly, m.defects));
        const vmime::message &cvm = vm; // const access never inserts fields (platform note 1)
        HeaderReader(block, *cvm.getHeader(), m).read();
        if (!headersOnly)
            m.mimeStructure = PartWalker(m, limits, depth).walk(cvm, 0, false);
    } catch (const std::exception &e) {
        m.defects << QStringLiteral("MIME parser stopped: %1").arg(QString::fromLocal8Bit(e.what()));
    }
    if (m.headers.isEmpty())
        m.defects << QStringLiteral("no header fields found: not an RFC 5322 message");
    return m;
}

} // namespace th::model
