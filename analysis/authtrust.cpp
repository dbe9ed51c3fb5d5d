#include "authtrust.h"

#include "receivedhop.h"

#include <QHash>

#include <algorithm>

namespace th::analysis {
namespace {

// A "by" that names no particular host tells nothing about who added the field.
bool isAnonymousHost(const QString &host)
{
    return host.isEmpty() || host.startsWith(u'[') || ReceivedHop::isAddressLiteral(host)
        || host.compare(u"localhost", Qt::CaseInsensitive) == 0
        || host.compare(u"localhost.localdomain", Qt::CaseInsensitive) == 0;
}

bool addedByOutsider(const ReceivedHop &hop, const QStringList &trustedIds)
{
    return !isAnonymousHost(hop.byHost) && !AuthTrust::isTrustedName(hop.byHost, trustedIds);
}

QString topmostAuthservId(const model::Message &m)
{
    const QString value = m.header(u"Authentication-Results");
    return value.isEmpty() ? QString() : AuthenticationResults::parse(value).authservId.toLower();
}

} // namespace

bool AuthTrust::isTrustedName(QStringView name, const QStringList &trustedIds)
{
    for (const QString &id : trustedIds) {
        if (id.isEmpty())
            continue;
        if (name.compare(id, Qt::CaseInsensitive) == 0)
            return true;
        if (name.endsWith(id, Qt::CaseInsensitive) && name.size() > id.size() && name[name.size() - id.size() - 1] == u'.')
            return true;
    }
    return false;
}

QList<AuthenticationResults> AuthTrust::trusted(const model::Message &m, const QStringList &trustedIds)
{
    QList<AuthenticationResults> out;
    if (trustedIds.isEmpty())
        return out;
    for (const model::HeaderField &f : m.headers) {
        if (m.isNamed(f, u"Received") && addedByOutsider(ReceivedHop::parse(m.headerValue(f)), trustedIds))
            break; // everything below was written before the message reached a trusted server
        if (!m.isNamed(f, u"Authentication-Results"))
            continue;
        AuthenticationResults ar = AuthenticationResults::parse(m.headerValue(f));
        if (!ar.authservId.isEmpty() && isTrustedName(ar.authservId, trustedIds))
            out << ar;
    }
    return out;
}

QList<AuthenticationResults> AuthTrust::all(const model::Message &m)
{
    QList<AuthenticationResults> out;
    for (const QString &value : m.headerValues(u"Authentication-Results"))
        out << AuthenticationResults::parse(value);
    return out;
}

QStringList AuthTrust::likelyReceivingIds(const std::vector<model::Message> &messages)
{
    QHash<QString, int> counts;
    for (const model::Message &m : messages) {
        if (const QString id = topmostAuthservId(m); !id.isEmpty())
            ++counts[id];
    }
    QStringList out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (qsizetype(it.value()) * 5 >= qsizetype(messages.size()))
            out << it.key();
    }
    std::sort(out.begin(), out.end(), [&](const QString &a, const QString &b) {
        return counts.value(a) != counts.value(b) ? counts.value(a) > counts.value(b) : a < b;
    });
    return out;
}

} // namespace th::analysis
