#include "gatewaylink.h"

#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace th::analysis {
namespace {

constexpr int MaxWrappings = 4; // a gateway may wrap a link another one already wrapped

// The wrapped link, or an empty string when \a link is no rewrite that can be read back. Most links are
// none: a substring test spares them a URL parse (the analysis reads every link of a case).
QString unwrapped(const QString &link)
{
    static const QLatin1String hosts[] = {QLatin1String(".safelinks.protection.outlook.com"), QLatin1String("google.com/url"),
                                          QLatin1String("urldefense.proofpoint.com")};
    if (std::none_of(std::begin(hosts), std::end(hosts), [&link](QLatin1String h) { return link.contains(h, Qt::CaseInsensitive); }))
        return {};
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
