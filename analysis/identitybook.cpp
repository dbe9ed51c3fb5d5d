#include "identitybook.h"

#include "author.h"
#include "displayname.h"
#include "domainidentity.h"

#include <algorithm>
#include <tuple>

namespace th::analysis {

IdentityBook::IdentityBook(const std::vector<model::Message> &messages)
{
    for (int i = 0; i < int(messages.size()); ++i) {
        const model::Message &m = messages[size_t(i)];
        add(Author::of(m), m, i);
        for (const model::AddressList *list : {&m.to, &m.cc}) {
            for (const model::MailAddress &a : *list)
                add(a, m, i);
        }
        if (!m.from.address.isEmpty())
            ++m_senderDomains[DomainIdentity::registrable(m.from.address)];
    }
}

void IdentityBook::add(const model::MailAddress &a, const model::Message &m, int index)
{
    const QString name = DisplayName::normalise(a.name);
    if (name.isEmpty() || a.address.isEmpty())
        return;
    m_byName[name] << Sighting{a.address.toLower(), m.date, index};
}

QList<IdentityBook::Usage> IdentityBook::addressesOf(const QString &displayName, const QDateTime &before, int exclude) const
{
    QHash<QString, Usage> usages;
    for (const Sighting &s : m_byName.value(DisplayName::normalise(displayName))) {
        if (s.message == exclude || (before.isValid() && s.date.isValid() && s.date >= before))
            continue;
        Usage &u = usages[s.address];
        u.address = s.address;
        if (!u.first.isValid() || (s.date.isValid() && s.date < u.first))
            u.first = s.date;
        ++u.messages;
    }
    QList<Usage> out = usages.values();
    std::sort(out.begin(), out.end(), [](const Usage &a, const Usage &b) { return std::tie(b.messages, a.address) < std::tie(a.messages, b.address); });
    return out;
}

QSet<QString> IdentityBook::domainsOf(const QString &displayName, const QDateTime &before, int exclude) const
{
    QSet<QString> out;
    for (const Usage &u : addressesOf(displayName, before, exclude))
        out.insert(DomainIdentity::registrable(u.address));
    return out;
}

QStringList IdentityBook::senderDomains(int minMessages) const
{
    QStringList out;
    for (auto it = m_senderDomains.cbegin(); it != m_senderDomains.cend(); ++it) {
        if (it.value() >= minMessages)
            out << it.key();
    }
    out.sort();
    return out;
}

} // namespace th::analysis
