#include "recipientmismatch.h"

#include "analysis/lowercase.h"

namespace th::analysis {
namespace {

QSet<QString> quotedAddresses(const BodyStructure &b)
{
    QSet<QString> out;
    for (const QuotedHeader &h : b.headers) {
        out.insert(Lowercase::of(h.fromAddress));
        for (const model::AddressList *list : {&h.to, &h.cc}) {
            for (const model::MailAddress &a : *list)
                out.insert(Lowercase::of(a.address));
        }
    }
    out.remove(QString());
    return out;
}

QSet<QString> recipients(const model::Message &m)
{
    QSet<QString> out;
    for (const model::MailAddress &a : m.to + m.cc)
        out.insert(Lowercase::of(a.address));
    return out;
}

} // namespace

void RecipientMismatch::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QSet<QString> quoted = quotedAddresses(ctx.body);
    if (quoted.size() >= 5 && recipients(ctx.message) == quoted) {
        findings << Finding{QStringLiteral("B5"), Finding::Severity::Weak,
                            QStringLiteral("It is sent to exactly every address of the quoted history (%1), as automated reply-all campaigns do").arg(quoted.size()),
                            {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("To"), model::joinAddresses(ctx.message.to)}}};
    }
}

} // namespace th::analysis
