#include "clientfingerprint.h"

#include "memo.h"

#include <QRegularExpression>

#include <algorithm>

namespace th::analysis {
namespace {

// The host's last labels, lower case, with each run of digits folded to a 9:
// "BN7PR05MB4500.namprd05.prod.outlook.com" -> "prod.outlook.com". Read by a loop: every message asks.
QString hostShape(QStringView host)
{
    qsizetype start = host.size();
    for (int dots = 0; start > 0; --start) {
        if (host[start - 1] == u'.' && ++dots == 3)
            break;
    }
    const QString labels = host.sliced(start).toString().toLower();
    const auto isDigit = [](QChar c) { return c >= u'0' && c <= u'9'; };
    QString out;
    out.reserve(labels.size());
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (!isDigit(labels[i]))
            out += labels[i];
        else if (i == 0 || !isDigit(labels[i - 1]))
            out += u'9';
    }
    return out;
}

// "01234567-89ab-cdef-0123-456789abcdef", either case.
bool isUuid(QStringView local)
{
    constexpr qsizetype Dashes[] = {8, 13, 18, 23};
    if (local.size() != 36)
        return false;
    for (qsizetype i = 0; i < local.size(); ++i) {
        const bool dash = std::find(std::cbegin(Dashes), std::cend(Dashes), i) != std::cend(Dashes);
        const char16_t c = local[i].unicode();
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (dash ? c != u'-' : !hex)
            return false;
    }
    return true;
}

// The shape of the left-hand side, which each Message-ID generator writes its own way: runs of letters and
// digits become "w", separators stay ("20230126071424.1250056-9-kuba" -> "w.w-w-w", a UUID -> "uuid",
// Outlook 2003 -> "w$w$w"), and a few well-known forms get names.
QString localShape(QStringView local)
{
    if (isUuid(local))
        return QStringLiteral("uuid");
    if (local.startsWith(QLatin1String("CA")) && local.size() > 30 && !local.contains(u'.'))
        return QStringLiteral("CA…"); // Gmail's base64-like ids
    QString shape;
    for (QChar c : local) {
        const QChar k = c.isLetterOrNumber() ? u'w' : c;
        if (shape.isEmpty() || shape.back() != k || k != u'w')
            shape += k;
    }
    return shape.left(24);
}

// Reads one part of a layout string ("multipart/mixed(text/plain,application/pdf)") at \a at and returns it
// with everything but text parts removed and single-child multiparts collapsed: attaching a file changes
// the MIME tree, not the client.
QString textLayout(const QString &s, qsizetype &at, int depth = 0)
{
    const qsizetype start = at;
    while (at < s.size() && s[at] != u'(' && s[at] != u',' && s[at] != u')')
        ++at;
    const QString type = s.mid(start, at - start);
    QStringList children;
    if (at < s.size() && s[at] == u'(') {
        do {
            ++at;
            const QString child = depth < 16 ? textLayout(s, at, depth + 1) : QString();
            if (!child.isEmpty())
                children << child;
        } while (at < s.size() && s[at] == u',');
        ++at; // ')'
    }
    if (!type.startsWith(QLatin1String("multipart/")))
        return type.startsWith(QLatin1String("text/")) ? type : QString();
    if (children.size() <= 1)
        return children.value(0);
    return type + u'(' + children.join(u',') + u')';
}

QString bodyLayout(const QString &structure)
{
    qsizetype at = 0;
    return textLayout(structure, at);
}

// How the sender's client introduces the quote. A header block is Outlook's whether a separator line
// ("-----Original Message-----", underscores) stands above it or not: versions differ only there. A
// forward is no reply style at all.
QString quoteStyleOf(const BodyStructure &body, const QuotedMessage &q)
{
    const QuotedHeader *separator = q.separator >= 0 ? &body.headers[q.separator] : nullptr;
    if (separator && separator->separatorKind == u"forwarded")
        return QStringLiteral("forward");
    if (q.header >= 0)
        return body.headers[q.header].style == QuotedHeader::Style::HeaderBlock ? QStringLiteral("header-block") : QStringLiteral("on-wrote");
    return separator ? QStringLiteral("separator") : QStringLiteral("bare-quote");
}

// "Microsoft Outlook 16.0" and "Microsoft Outlook 15.0" are one client; "Mozilla/5.0 (X11; Linux x86_64;
// rv:102.0) Gecko/20100101 Thunderbird/102.8.0" is Thunderbird.
QString mailerFamilyUncached(const QString &mailer)
{
    static const QRegularExpression product(QStringLiteral("(Thunderbird|Outlook|Apple Mail|iPhone Mail|Roundcube|"
                                                           "Evolution|Mutt|NeoMutt|Claws|K-9|Gmail|Zimbra|Horde|SquirrelMail|"
                                                           "PHPMailer|Postbox|eM Client|KMail|Sylpheed|Alpine|Lotus Notes)"),
                                            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression versions(QStringLiteral("[\\d._/()-]+"));
    if (mailer.trimmed().isEmpty())
        return QStringLiteral("none");
    if (const auto m = product.match(mailer); m.hasMatch())
        return m.captured(1).toLower();
    return mailer.toLower().replace(versions, QStringLiteral(" ")).simplified().left(40);
}

} // namespace

QString ClientFingerprint::messageIdShapeOf(const QString &messageId)
{
    const qsizetype at = messageId.lastIndexOf(u'@');
    if (at < 0)
        return QStringLiteral("none");
    return localShape(QStringView(messageId).first(at)) + QLatin1Char('@') + hostShape(QStringView(messageId).sliced(at + 1));
}

// A case's messages come from a few dozen mailers: each is read once.
QString ClientFingerprint::mailerFamily(const QString &mailer)
{
    return Memo::of<9>(mailer, [](QStringView m) { return mailerFamilyUncached(m.toString()); });
}

ClientFingerprint ClientFingerprint::of(const model::Message &m, const BodyStructure &body)
{
    ClientFingerprint f;
    const QString mailer = m.header(u"X-Mailer");
    f.mailer = mailerFamily(mailer.isEmpty() ? m.header(u"User-Agent") : mailer);
    f.messageIdShape = messageIdShapeOf(m.messageId);
    f.mimeLayout = bodyLayout(m.mimeStructure);
    f.threadIndex = m.threadIndex.variant != model::ThreadIndex::Variant::Absent;
    f.quoteStyle = QStringLiteral("none");
    if (!body.history.isEmpty())
        f.quoteStyle = quoteStyleOf(body, body.history.first());
    f.traits = {QStringLiteral("mailer=") + f.mailer, QStringLiteral("message-id=") + f.messageIdShape, QStringLiteral("mime=") + f.mimeLayout,
                QStringLiteral("thread-index=") + QString::number(f.threadIndex), QStringLiteral("quote=") + f.quoteStyle};
    return f;
}

} // namespace th::analysis
