#include "identitybook.h"

#include "author.h"
#include "displayname.h"
#include "domainidentity.h"
#include "lowercase.h"

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
        if (!m.from.address.isEmpty()) {
            const QString domain = DomainIdentity::registrable(m.from.address);
            ++m_senderDomains[domain];
            m_domainSenders[domain].insert(Lowercase::of(m.from.address));
        }
    }
    sortByUse();
}

// A list's order decides which addresses of a sprayed name are read: the person's own are used most.
void IdentityBook::sortByUse()
{
    const auto sightings = [](const AddressSightings &s) { return s.dated.size() + s.undated.size(); };
    for (auto &[name, addresses] : m_byName) {
        for (AddressSightings &s : addresses)
            std::stable_sort(s.dated.begin(), s.dated.end());
        std::sort(addresses.begin(), addresses.end(), [&](const AddressSightings &a, const AddressSightings &b) {
            return std::tuple(sightings(b), a.address) < std::tuple(sightings(a), b.address);
        });
        if (addresses.size() > ScannedAddresses)
            indexAddresses(name, addresses);
    }
}

void IdentityBook::indexAddresses(const QString &name, const QList<AddressSightings> &addresses)
{
    for (int i = 0; i < addresses.size(); ++i)
        m_pairs.insert(pairKey(name, addresses[i].address), i);
}

int IdentityBook::placeOf(const QString &name, const QList<AddressSightings> &addresses, const QString &address) const
{
    if (addresses.size() > ScannedAddresses)
        return m_pairs.value(pairKey(name, address), -1);
    const auto it = std::find_if(addresses.cbegin(), addresses.cend(), [&address](const AddressSightings &x) { return x.address == address; });
    return it == addresses.cend() ? -1 : int(it - addresses.cbegin());
}

void IdentityBook::add(const model::MailAddress &a, const model::Message &m, int index)
{
    const QString name = DisplayName::normalise(a.name);
    if (name.isEmpty() || a.address.isEmpty())
        return;
    const QString address = Lowercase::of(a.address);
    QList<AddressSightings> &addresses = m_byName[name];
    int place = placeOf(name, addresses, address);
    if (place < 0) {
        place = int(addresses.size());
        addresses.append(AddressSightings{address, {}, {}});
        if (addresses.size() == ScannedAddresses + 1)
            indexAddresses(name, addresses);
        else if (addresses.size() > ScannedAddresses)
            m_pairs.insert(pairKey(name, address), place);
    }
    AddressSightings *s = &addresses[place];
    if (m.date.isValid())
        s->dated.push_back({m.date.toMSecsSinceEpoch(), index});
    else
        s->undated.push_back(index);
}

// Prolific list participants are named in thousands of messages: the dated sightings before \a before
// are a prefix found by binary search, and only that prefix is read.
IdentityBook::Usage IdentityBook::usageIn(const AddressSightings &s, const QDateTime &before, int exclude)
{
    const auto end = before.isValid() ? std::lower_bound(s.dated.cbegin(), s.dated.cend(), Sighting{before.toMSecsSinceEpoch(), -1})
                                      : s.dated.cend();
    const auto other = [exclude](int message) { return message != exclude; };
    Usage u{s.address, {}, 0};
    for (auto it = s.dated.cbegin(); it != end; ++it) {
        if (!other(it->message))
            continue;
        if (u.messages++ == 0)
            u.first = QDateTime::fromMSecsSinceEpoch(it->date, Qt::UTC);
    }
    u.messages += int(std::count_if(s.undated.cbegin(), s.undated.cend(), other));
    return u;
}

QList<IdentityBook::Usage> IdentityBook::addressesOf(const QString &displayName, const QDateTime &before, int exclude) const
{
    QList<Usage> out;
    // A const list: a loop over the non-const copy value() returns would detach it, a deep copy per question.
    const auto found = m_byName.find(DisplayName::normalise(displayName));
    const QList<AddressSightings> addresses = found == m_byName.end() ? QList<AddressSightings>() : found->second;
    for (qsizetype i = 0; i < qMin(addresses.size(), qsizetype(MaxAddresses)); ++i) {
        if (Usage u = usageIn(addresses[i], before, exclude); u.messages > 0)
            out << u;
    }
    std::sort(out.begin(), out.end(), [](const Usage &a, const Usage &b) { return std::tie(b.messages, a.address) < std::tie(a.messages, b.address); });
    return out;
}

IdentityBook::Usage IdentityBook::usageOf(const QString &displayName, const QString &address, const QDateTime &before, int exclude) const
{
    const QString name = DisplayName::normalise(displayName);
    const QString lower = Lowercase::of(address);
    const auto addresses = m_byName.find(name);
    const int place = addresses == m_byName.end() ? -1 : placeOf(name, addresses->second, lower);
    return place < 0 ? Usage{lower, {}, 0} : usageIn(addresses->second.at(place), before, exclude);
}

int IdentityBook::otherSenders(const QString &registrable, const QString &address) const
{
    const QSet<QString> senders = m_domainSenders.value(registrable);
    return int(senders.size()) - (senders.contains(Lowercase::of(address)) ? 1 : 0);
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
