#include "returnpathmismatch.h"

#include "analysis/domainidentity.h"

#include "model/mimeparser.h"

#include <QSet>

namespace th::analysis {
namespace {

// The list's domains, from List-Id ("Desc <linux-s390.vger.kernel.org>") and List-Post ("<mailto:l@lists.example>").
QSet<QString> listDomains(const model::Message &m)
{
    const QString id = m.header(u"List-Id");
    const QString post = m.header(u"List-Post").section(u'<', 1).section(u'>', 0, 0).section(u'?', 0, 0);
    QSet<QString> out{DomainIdentity::registrable(id.contains(u'<') ? id.section(u'<', -1).section(u'>', 0, 0) : id.trimmed()),
                      DomainIdentity::registrable(post)};
    out.remove(QString());
    return out;
}

} // namespace

void ReturnPathMismatch::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    // "<user@host>" or, from some MTAs, the bare address.
    const QString raw = ctx.message.header(u"Return-Path").trimmed();
    const QString returnPath = raw.startsWith(u'<') ? model::MimeParser::extractMessageIds(raw).value(0) : raw.section(u' ', 0, 0);
    if (returnPath.isEmpty())
        return;
    const QString local = returnPath.section(u'@', 0, 0).toLower();
    if (local.startsWith(QLatin1String("srs0=")) || local.startsWith(QLatin1String("srs1=")) || local.startsWith(QLatin1String("bounce")))
        return; // forwarding rewrites (SRS) and bounce handlers
    const QString domain = DomainIdentity::registrable(returnPath);
    if (domain.isEmpty() || DomainIdentity::sameOrganisation(domain, ctx.message.from.address))
        return;
    // A list sends from its own bounce address; a spam run's made-up List-Id does not explain another domain.
    if (ctx.isOnList() && listDomains(ctx.message).contains(domain))
        return;
    findings << Finding{QStringLiteral("A5"), Finding::Severity::Weak,
                        QStringLiteral("The envelope sender %1 is not under the From domain %2").arg(returnPath, DomainIdentity::registrable(ctx.message.from.address)),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Return-Path"), returnPath}}};
}

} // namespace th::analysis
