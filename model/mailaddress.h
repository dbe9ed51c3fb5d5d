#pragma once

#include <QList>
#include <QString>

namespace th::model {

/// One mailbox from an address header: decoded display name plus addr-spec.
struct MailAddress {
    QString name;
    QString address;

    [[nodiscard]] bool isEmpty() const { return name.isEmpty() && address.isEmpty(); }
    /// "Name <addr>", or whichever half exists.
    [[nodiscard]] QString toString() const;
    bool operator==(const MailAddress &) const = default;
};

using AddressList = QList<MailAddress>;

[[nodiscard]] QString joinAddresses(const AddressList &list);

} // namespace th::model
