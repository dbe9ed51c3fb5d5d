#include "scrambledsender.h"

#include "analysis/scrambledlocalpart.h"

namespace th::analysis {

void ScrambledSender::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const model::MailAddress &from = ctx.message.from;
    const QString local = from.address.section(u'@', 0, 0);
    if (local.isEmpty() || !ScrambledLocalPart::isScrambled(local, from.name))
        return;
    const QString summary = ScrambledLocalPart::isAnagram(local, from.name)
        ? QStringLiteral("The sender's local part '%1' shuffles the letters of the name '%2'")
        : QStringLiteral("The sender's local part '%1' reads as a random letter string, unrelated to the name '%2'");
    findings << Finding{QStringLiteral("A10"), Finding::Severity::Weak, summary.arg(local, from.name),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("From"), from.toString()}}};
}

} // namespace th::analysis
