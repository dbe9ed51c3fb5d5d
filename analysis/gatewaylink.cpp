#include "gatewaylink.h"

#include "lowercase.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace th::analysis {
namespace {

constexpr int MaxWrappings = 4; // a gateway may wrap a link another one already wrapped

// Proofpoint v3 keeps the target as it is written, but for the characters it takes out: each '*' stands for
// the next one of them, "**" and a letter for a run of them (the letter's place in this alphabet, plus 2).
// They are given, in order, as base64url after the target. Empty when the marks ask for more than is given,
// or give a run a length outside the alphabet.
QString proofpointV3(const QString &link)
{
    static const QRegularExpression form(QStringLiteral(R"(^https://urldefense\.com/v3/__(.+?)__;([A-Za-z0-9_-]*)!)"),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QLatin1String runLengths("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    const QRegularExpressionMatch m = form.match(link);
    if (!m.hasMatch())
        return {};
    const QString written = QUrl::fromPercentEncoding(m.captured(1).toUtf8());
    const QList<uint> taken = QString::fromUtf8(QByteArray::fromBase64(m.captured(2).toLatin1(), QByteArray::Base64UrlEncoding)).toUcs4();
    QList<uint> out;
    qsizetype next = 0;
    for (qsizetype i = 0; i < written.size(); ++i) {
        if (written[i] != u'*') {
            out << written[i].unicode();
            continue;
        }
        qsizetype run = 1;
        if (i + 2 < written.size() && written[i + 1] == u'*') {
            const qsizetype letter = runLengths.indexOf(written[i + 2]);
            if (letter < 0)
                return {};
            run = letter + 2;
            i += 2;
        }
        if (next + run > taken.size())
            return {};
        out += taken.mid(next, run);
        next += run;
    }
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(out.constData()), out.size());
}

// Mimecast keeps the target in its own records and shows only its host: the link is known as far as its site.
QString mimecastSite(const QString &domain)
{
    static const QRegularExpression hostName(QStringLiteral(R"(^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$)"));
    return hostName.match(domain).hasMatch() ? QStringLiteral("https://%1/").arg(domain) : QString();
}

// The wrapped link, or an empty string when \a link is no rewrite that can be read back. Most links are
// none: a substring test spares them a URL parse (the analysis reads every link of a case).
QString unwrapped(const QString &link)
{
    static const QLatin1String hosts[] = {QLatin1String(".safelinks.protection.outlook.com"), QLatin1String("google.com/url"),
                                          QLatin1String("urldefense.proofpoint.com"), QLatin1String("urldefense.com/v3/"),
                                          QLatin1String(".mimecast.com/s/")};
    const QString lower = Lowercase::of(link); // once: a caseless search per host cost more than the rest together
    if (std::none_of(std::begin(hosts), std::end(hosts), [&lower](QLatin1String h) { return lower.contains(h); }))
        return {};
    if (const QString v3 = proofpointV3(link); !v3.isEmpty())
        return v3;
    const QUrl url(link);
    const QString host = url.host().toLower();
    const QUrlQuery query(url);
    if (host.endsWith(QLatin1String(".safelinks.protection.outlook.com")))
        return query.queryItemValue(QStringLiteral("url"), QUrl::FullyDecoded);
    if ((host == u"www.google.com" || host == u"google.com") && url.path() == u"/url")
        return query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    if (host == u"urldefense.proofpoint.com" && url.path() == u"/v2/url") {
        QString u = query.queryItemValue(QStringLiteral("u"), QUrl::FullyDecoded);
        return QUrl::fromPercentEncoding(u.replace(u'-', u'%').replace(u'_', u'/').toUtf8());
    }
    if (host.startsWith(u"protect") && host.endsWith(QLatin1String(".mimecast.com")) && url.path().startsWith(u"/s/"))
        return mimecastSite(query.queryItemValue(QStringLiteral("domain"), QUrl::FullyDecoded));
    return {};
}

} // namespace

QString GatewayLink::target(const QString &link)
{
    QString out = link;
    for (int i = 0; i < MaxWrappings; ++i) {
        const QString inner = unwrapped(out);
        if (inner.isEmpty())
            break;
        out = inner;
    }
    return out;
}

} // namespace th::analysis
