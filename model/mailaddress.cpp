#include "mailaddress.h"

#include <QStringList>

namespace th::model {

QString MailAddress::toString() const
{
    if (name.isEmpty())
        return address;
    if (address.isEmpty())
        return name;
    return QStringLiteral("%1 <%2>").arg(name, address);
}

QString joinAddresses(const AddressList &list)
{
    QStringList parts;
    parts.reserve(list.size());
    for (const MailAddress &a : list)
        parts << a.toString();
    return parts.join(QStringLiteral(", "));
}

} // namespace th::model
