#include "addressinname.h"

#include "analysis/displayname.h"

namespace th::analysis {

void AddressInName::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const model::MailAddress &from = ctx.message.from;
    // Mailman writes "author@example.com via List" when the author has no display name.
    const QString &author = ctx.author.address;
    for (const QString &embedded : DisplayName::embeddedAddresses(from.name)) {
        if (embedded.compare(from.address, Qt::CaseInsensitive) == 0 || embedded.compare(author, Qt::CaseInsensitive) == 0)
            continue;
        findings << Finding{QStringLiteral("A2"), Finding::Severity::Medium,
                            QStringLiteral("The display name shows the address %1, but the message comes from %2").arg(embedded, from.address),
                            {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("From"), from.toString()}}};
        return;
    }
}

} // namespace th::analysis
