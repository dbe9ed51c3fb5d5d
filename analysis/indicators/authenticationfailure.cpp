#include "authenticationfailure.h"

#include "analysis/authtrust.h"
#include "analysis/domainidentity.h"

#include <algorithm>

namespace th::analysis {
namespace {

bool failed(const AuthResult *r)
{
    return r && (r->result == u"fail" || r->result == u"softfail");
}

Evidence headerEvidence(const AuthenticationResults &ar)
{
    QStringList clauses;
    for (const AuthResult &r : ar.results)
        clauses << r.method + u'=' + r.result;
    return {Evidence::Kind::Header, -1, -1, QStringLiteral("Authentication-Results"), ar.authservId + QStringLiteral("; ") + clauses.join(QStringLiteral("; "))};
}

} // namespace

void AuthenticationFailure::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QList<AuthenticationResults> trusted = AuthTrust::trusted(ctx.message, ctx.data.settings.trustedAuthservIds);
    if (trusted.isEmpty())
        return;
    const AuthenticationResults &ar = trusted.first();
    const QString domain = DomainIdentity::registrable(ctx.message.from.address);
    const bool known = ctx.participants.hasDomain(domain) || ctx.data.settings.isOrganisation(domain);
    const AuthResult *dmarc = ar.first(u"dmarc");
    if (dmarc && dmarc->result == u"fail") {
        findings << Finding{QStringLiteral("A6"), known ? Finding::Severity::Strong : Finding::Severity::Medium,
                            QStringLiteral("%1 reports dmarc=fail for %2%3").arg(ar.authservId, domain,
                                known ? QStringLiteral(", a domain of this conversation: the From address is forged") : QString()),
                            {headerEvidence(ar)}};
        return;
    }
    const AuthResult *spf = ar.first(u"spf");
    const AuthResult *dkim = ar.first(u"dkim");
    if (known && failed(spf) && !(dkim && dkim->result == u"pass")) {
        findings << Finding{QStringLiteral("A6"), Finding::Severity::Medium,
                            QStringLiteral("%1 reports spf=%2 and no passing DKIM for %3, a domain of this conversation")
                                .arg(ar.authservId, spf->result, domain),
                            {headerEvidence(ar)}};
        return;
    }
    // Spec A6: without a DMARC policy nothing stops a forged From; with a participant's name on another
    // address (A1) that is the likely use.
    const bool spoofedName = std::any_of(findings.cbegin(), findings.cend(), [](const Finding &f) { return f.id == u"A1"; });
    if (known && spoofedName && (!dmarc || dmarc->result == u"none")) {
        findings << Finding{QStringLiteral("A6"), Finding::Severity::Medium,
                            QStringLiteral("%1 reports %2 for %3, a domain of this conversation: nothing stops a forged From, and the display name is another participant's")
                                .arg(ar.authservId, dmarc ? QStringLiteral("dmarc=none") : QStringLiteral("no DMARC result"), domain),
                            {headerEvidence(ar)}};
    }
}

} // namespace th::analysis
