#include "sourcescanner.h"

#include "mboxreader.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace th::model {
namespace {

QByteArray head(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(4096);
}

// "cur", "new" or "tmp" when the file sits in a Maildir (a folder holding cur/ and new/), else empty.
QString maildirSubfolder(const QFileInfo &fi)
{
    const QString parent = fi.dir().dirName();
    if (parent != u"cur" && parent != u"new" && parent != u"tmp")
        return {};
    QDir box = fi.dir();
    const bool maildir = box.cdUp() && box.exists(QStringLiteral("cur")) && box.exists(QStringLiteral("new"));
    return maildir ? parent : QString();
}

bool isMaildirEntry(const QFileInfo &fi)
{
    const QString sub = maildirSubfolder(fi);
    return sub == u"cur" || sub == u"new";
}

// RFC 5322 header field name followed by a colon, or an mbox-less "From " line.
bool looksLikeHeaders(const QByteArray &bytes)
{
    static const QRegularExpression field(QStringLiteral("^[!-9;-~]{1,76}:"));
    const QByteArray first = bytes.left(bytes.indexOf('\n')).trimmed();
    return field.match(QString::fromLatin1(first)).hasMatch();
}

bool hasMailExtension(const QString &suffix)
{
    static const QStringList mail{QStringLiteral("eml"), QStringLiteral("mbox"), QStringLiteral("mbx"),
                                  QStringLiteral("mail"), QStringLiteral("msg"), QStringLiteral("pst"),
                                  QStringLiteral("ost")};
    return mail.contains(suffix.toLower());
}

} // namespace

std::optional<SourceFormat> SourceScanner::sniff(const QString &path, bool named)
{
    const QFileInfo fi(path);
    const QByteArray bytes = head(path);
    const QString suffix = fi.suffix().toLower();
    if (bytes.startsWith("!BDN"))
        return SourceFormat::Pst;
    if (bytes.startsWith(QByteArray::fromHex("d0cf11e0a1b11ae1")))
        return (named || suffix == u"msg") ? std::optional(SourceFormat::OutlookMsg) : std::nullopt;
    if (MboxReader::looksLikeMbox(bytes))
        return SourceFormat::Mbox;
    if (named || hasMailExtension(suffix) || looksLikeHeaders(bytes))
        return SourceFormat::Eml;
    return std::nullopt;
}

SourceScanner::Result SourceScanner::scan(const QStringList &paths)
{
    Result r;
    auto add = [&r](const QFileInfo &fi, SourceFormat format) {
        r.files << SourceFile{fi.absoluteFilePath(), format, fi.size(), {}, {}, {}, 0};
    };
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        if (fi.isFile()) {
            add(fi, isMaildirEntry(fi) ? SourceFormat::MaildirMessage : *sniff(p, true));
            continue;
        }
        if (!fi.isDir()) {
            r.missing << p;
            continue;
        }
        QStringList found;
        QDirIterator it(p, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        found.sort();
        for (const QString &f : std::as_const(found)) {
            const QFileInfo entry(f);
            const QString sub = maildirSubfolder(entry);
            if (sub == u"tmp")
                continue; // deliveries in progress, not messages yet
            if (!sub.isEmpty()) {
                add(entry, SourceFormat::MaildirMessage);
            } else if (const auto format = sniff(f, false); format && !entry.fileName().startsWith(u'.')) {
                add(entry, *format);
            } else {
                r.skipped << entry.absoluteFilePath();
            }
        }
    }
    return r;
}

} // namespace th::model
