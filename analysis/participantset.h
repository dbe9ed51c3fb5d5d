#pragma once

#include "model/mailaddress.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace th::analysis {

struct MessageContext;

/// PS(thread) of detection-spec 5: the people of the conversation a message claims to belong to: the other
/// stored messages of its header thread, of the thread its quoted content was copied from, and the names and
/// addresses in its own quoted header blocks.
class ParticipantSet
{
public:
    [[nodiscard]] static ParticipantSet of(const MessageContext &ctx);

    [[nodiscard]] bool hasName(const QString &displayName) const;
    [[nodiscard]] bool hasAddress(const QString &address) const { return m_addresses.contains(address.toLower()); }
    [[nodiscard]] const QSet<QString> &addresses() const { return m_addresses; }
    [[nodiscard]] const QSet<QString> &domains() const { return m_domains; } ///< registrable
    [[nodiscard]] const QSet<QString> &names() const { return m_names; }     ///< normalised
    [[nodiscard]] bool isEmpty() const { return m_addresses.isEmpty() && m_names.isEmpty(); }

private:
    void add(const model::MailAddress &a);
    void addThread(const MessageContext &ctx, int thread);
    static void addOthers(const QHash<QString, int> &all, const QHash<QString, int> &own, QSet<QString> &out);

    QSet<QString> m_addresses;
    QSet<QString> m_domains;
    QSet<QString> m_names;
};

} // namespace th::analysis
