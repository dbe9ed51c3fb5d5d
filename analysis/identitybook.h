#pragma once

#include "stringhash.h"

#include "model/message.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <unordered_map>

#include <vector>

namespace th::analysis {

/// Who has written under which display name, from which address, since when: built from the From, To and
/// Cc fields of every message of a case. It answers "had this name ever used this address before this
/// message?" (detection-spec A1) without counting the message under judgement as its own precedent.
class IdentityBook
{
public:
    /// A name written with more addresses (a phishing spray under "IT Support") is judged against the
    /// addresses it was used with most: each question reads at most these. The corpora's most is 18.
    static constexpr int MaxAddresses = 64;

    explicit IdentityBook(const std::vector<model::Message> &messages);

    struct Usage {
        QString address;
        QDateTime first;  ///< earliest valid Date of a message showing the pair (invalid when none has one)
        int messages = 0;
    };

    /// Addresses seen with this display name (normalised), in messages dated before \a before
    /// (all of them when \a before is invalid), except message \a exclude; the most used first. Of a name
    /// with more than MaxAddresses addresses, those it was used with most in the whole case.
    [[nodiscard]] QList<Usage> addressesOf(const QString &displayName, const QDateTime &before, int exclude) const;
    /// The same for one address of the name, however many it has (messages 0 when never seen before).
    [[nodiscard]] Usage usageOf(const QString &displayName, const QString &address, const QDateTime &before, int exclude) const;
    /// How many messages were sent From an address under this registrable domain.
    [[nodiscard]] int senderDomainCount(const QString &registrable) const { return m_senderDomains.value(registrable); }
    /// How many From addresses under this registrable domain, other than \a address, sent messages of the case.
    [[nodiscard]] int otherSenders(const QString &registrable, const QString &address) const;
    /// Registrable domains that sent at least \a minMessages messages.
    [[nodiscard]] QStringList senderDomains(int minMessages) const;

private:
    struct Sighting {
        qint64 date; ///< ms since the epoch (UTC)
        int message;
        bool operator<(const Sighting &o) const { return date < o.date; }
    };
    /// The sightings of one name with one address: dated ones in date order, so that "before" is a prefix.
    struct AddressSightings {
        QString address;
        std::vector<Sighting> dated;
        std::vector<int> undated; ///< messages without a valid date: before any date and after it
    };
    void add(const model::MailAddress &a, const model::Message &m, int index);
    void sortByUse();
    void indexAddresses(const QString &name, const QList<AddressSightings> &addresses);
    /// Where \a address (lower case) is in \a name's list, or -1.
    [[nodiscard]] int placeOf(const QString &name, const QList<AddressSightings> &addresses, const QString &address) const;
    [[nodiscard]] static Usage usageIn(const AddressSightings &s, const QDateTime &before, int exclude);
    [[nodiscard]] static QString pairKey(const QString &name, const QString &address) { return name + u'\n' + address; }

    /// normalised name -> its addresses, most sighted first. A standard hash map: every mention of every message
    /// asks it, and with QString keys a Qt 6.4 QHash is slower (see ThreadParticipants::Tally).
    std::unordered_map<QString, QList<AddressSightings>, StringHash> m_byName;
    static constexpr qsizetype ScannedAddresses = 16; ///< a name with more is looked up in m_pairs, not read
    QHash<QString, int> m_pairs; ///< pairKey() -> place in its name's list, for names of over ScannedAddresses
    QHash<QString, int> m_senderDomains;
    QHash<QString, QSet<QString>> m_domainSenders; ///< registrable domain -> its From addresses, lower case
};

} // namespace th::analysis
