#include "returnpathmismatch.h"

#include "analysis/domainidentity.h"

#include "model/mimeparser.h"

namespace th::analysis {
namespace {

// The text after the character at \a openAt, up to the next \a close (to the end without one).
QStringView between(QStringView text, qsizetype openAt, QChar close)
{
    const QStringView inside = text.sliced(openAt + 1);
    const qsizetype end = inside.indexOf(close);
    return end < 0 ? inside : inside.first(end);
}

// Whether \a domain (not empty) is the list's, from List-Id ("Desc <linux-s390.vger.kernel.org>") or List-Post
// ("<mailto:l@lists.example>"). Read in place: every list message of a case asks.
bool isListDomain(const model::Message &m, const QString &domain)
{
    const QString id = m.header(u"List-Id");
    const qsizetype idOpen = id.lastIndexOf(u'<');
    if (DomainIdentity::registrable(idOpen >= 0 ? between(id, idOpen, u'>') : QStringView(id).trimmed()) == domain)
        return true;
    const QString post = m.header(u"List-Post");
    const qsizetype postOpen = post.indexOf(u'<');
    if (postOpen < 0)
        return false;
    const QStringView address = between(post, postOpen, u'>');
    const qsizetype query = address.indexOf(u'?');
    return DomainIdentity::registrable(query < 0 ? address : address.first(query)) == domain;
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
    if (ctx.isOnList() && isListDomain(ctx.message, domain))
        return;
    findings << Finding{QStringLiteral("A5"), Finding::Severity::Weak,
                        QStringLiteral("The envelope sender %1 is not under the From domain %2").arg(returnPath, DomainIdentity::registrable(ctx.message.from.address)),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("Return-Path"), returnPath}}};
}

} // namespace th::analysis
