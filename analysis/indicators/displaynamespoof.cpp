#include "displaynamespoof.h"

#include "analysis/displayname.h"
#include "analysis/domainidentity.h"
#include "analysis/lookalike.h"
#include "analysis/lowercase.h"

namespace th::analysis {
namespace {

// The addresses the name is known by, most used first: the person's own before an impostor's earlier try.
QStringList addresses(const QList<IdentityBook::Usage> &usages)
{
    QStringList out;
    for (const IdentityBook::Usage &u : usages)
        out << u.address;
    return out;
}

// "sjayaraman-l3A5Bk7waGM@public.gmane.org" next to "sjayaraman@suse.de": an archive's munged copy of a known
// mailbox keeps its local part in front of the separator. Elsewhere a short local part ("joe") starts too many
// others; on gmane's own domain the rest is its hash, so "joe-6d6DIl74uiNBDgjK7y7TUQ" is joe@perches.com.
bool isVariantOfKnown(const QString &from, const QStringList &known)
{
    const auto extends = [](const QString &longer, const QString &shorter) {
        const QString local = shorter.section(u'@', 0, 0);
        const qsizetype minimum = longer.endsWith(QLatin1String("@public.gmane.org")) ? 2 : 4;
        return local.size() >= minimum && (longer.startsWith(local + u'-') || longer.startsWith(local + u'+'));
    };
    return std::any_of(known.cbegin(), known.cend(), [&](const QString &k) { return extends(from, k) || extends(k, from); });
}

// A list that rewrites From ("X via List <list@lists.example>") or a delegate ("Sender:") is not a spoof.
bool isRelayedIdentity(const MessageContext &ctx, const QStringList &known)
{
    const QString from = Lowercase::of(ctx.message.from.address);
    if (isVariantOfKnown(from, known))
        return true;
    const QString sender = Lowercase::of(ctx.message.sender.address);
    if (!sender.isEmpty() && known.contains(sender))
        return true;
    return ctx.isOnList() && ctx.message.header(u"List-Post").contains(from, Qt::CaseInsensitive);
}

// \a otherTld: whether the same name under another public suffix counts.
bool isLookalike(const MessageContext &ctx, const QString &domain, bool otherTld = true)
{
    for (const QString &known : ctx.participants.domains()) {
        const Lookalike::Kind k = Lookalike::compare(domain, known);
        if (k != Lookalike::Kind::None && k != Lookalike::Kind::Identical && (otherTld || k != Lookalike::Kind::OtherTld))
            return true;
    }
    return false;
}

// "alex@ghiti.fr" for Alexandre Ghiti: a domain named after the person.
bool personalDomain(const QString &name, const QString &domain)
{
    const QString label = domain.section(u'.', 0, 0);
    const QStringList tokens = DisplayName::normalise(name).split(u' ', Qt::SkipEmptyParts);
    return label.size() >= 4 && std::any_of(tokens.cbegin(), tokens.cend(), [&label](const QString &t) { return t == label; });
}

// The person's mailbox name at an organisation other people of the case write from ("broonie@kernel.org"
// beside broonie@opensource.wolfsonmicro.com): an impostor cannot send from their domain, and a cousin
// domain registered for the attack has no other senders.
bool sameMailboxElsewhere(const MessageContext &ctx, const QStringList &known, const QString &domain)
{
    constexpr int MinOtherSenders = 2;
    const QString local = ctx.message.from.address.section(u'@', 0, 0);
    const bool sameLocal = std::any_of(known.cbegin(), known.cend(), [&local](const QString &k) {
        return k.section(u'@', 0, 0).compare(local, Qt::CaseInsensitive) == 0;
    });
    return sameLocal && ctx.data.identities.otherSenders(domain, ctx.message.from.address) >= MinOtherSenders
        && !isLookalike(ctx, domain, false);
}

// People have several addresses. One named after the person on a domain of their own, or on an
// organisation's domain the case already knows (not free mail, where anyone registers any name, not a
// look-alike, not a domain first seen now), or the same mailbox at another organisation's domain, is weak evidence.
// \a known: the name's other addresses, empty when the domain imitates one of them.
Finding::Severity severity(const MessageContext &ctx, const QStringList &known, bool participant)
{
    const model::MailAddress &from = ctx.message.from;
    const QString domain = DomainIdentity::registrable(from.address);
    const bool knownDomain = ctx.data.identities.senderDomainCount(domain) >= 2 || ctx.participants.hasDomain(domain);
    const bool ownAddress = (DisplayName::matchesLocalPart(from.name, from.address.section(u'@', 0, 0)) && knownDomain)
        || personalDomain(from.name, domain);
    const bool otherAddress = (ownAddress && !isLookalike(ctx, domain)) || sameMailboxElsewhere(ctx, known, domain);
    if (otherAddress && !DomainIdentity::isFreemail(domain))
        return Finding::Severity::Weak;
    return participant ? Finding::Severity::Strong : Finding::Severity::Medium;
}

// A domain the name sent from before (\a usages) is the person's. On free mail anyone registers any name, so
// there only an address built from the name counts ("w.tleroricthei@yahoo.com" is not Tellrell White's second one).
bool usedDomainBefore(const MessageContext &ctx, const QList<IdentityBook::Usage> &usages, const QString &domain)
{
    const model::MailAddress &from = ctx.message.from;
    const auto onDomain = [&domain](const IdentityBook::Usage &u) { return DomainIdentity::registrable(u.address) == domain; };
    if (std::none_of(usages.cbegin(), usages.cend(), onDomain))
        return false;
    return !DomainIdentity::isFreemail(domain) || DisplayName::matchesLocalPart(from.name, from.address.section(u'@', 0, 0));
}

// An impostor's earlier wave makes its address known under the name. An address on a look-alike of a
// domain the name used before it (re-dhat.com after redhat.com) is still not the person's, however often it
// was seen since. Another public suffix (suse.de beside suse.com) is often the same organisation's.
// \a self: the name's earlier use of the sender's address.
QString imitatedDomain(const QList<IdentityBook::Usage> &usages, const IdentityBook::Usage &self)
{
    const QString domain = DomainIdentity::registrable(self.address);
    for (const IdentityBook::Usage &u : usages) {
        const bool earlier = self.messages == 0 || !self.first.isValid() || (u.first.isValid() && u.first < self.first);
        const QString known = earlier ? DomainIdentity::registrable(u.address) : QString();
        if (known.isEmpty() || known == domain)
            continue;
        const Lookalike::Kind k = Lookalike::compare(domain, known);
        if (k != Lookalike::Kind::None && k != Lookalike::Kind::Identical && k != Lookalike::Kind::OtherTld)
            return known;
    }
    return {};
}

} // namespace

void DisplayNameSpoof::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const model::MailAddress &from = ctx.message.from;
    if (from.address.isEmpty() || DisplayName::normalise(from.name).size() < 3)
        return;
    const QList<IdentityBook::Usage> usages = ctx.data.identities.addressesOf(from.name, ctx.message.date, ctx.index);
    const IdentityBook::Usage self = ctx.data.identities.usageOf(from.name, from.address, ctx.message.date, ctx.index);
    const QString &address = self.address;
    const QString imitated = imitatedDomain(usages, self);
    QStringList known = addresses(usages);
    if (imitated.isEmpty() && (self.messages > 0 || isRelayedIdentity(ctx, known)))
        return;
    known.removeAll(address);
    const QString domain = DomainIdentity::registrable(from.address);
    if (known.isEmpty() || (imitated.isEmpty() && usedDomainBefore(ctx, usages, domain)) || ctx.data.settings.sisterDomains.contains(domain))
        return;
    const bool participant = ctx.participants.hasName(from.name);
    const bool unrelated = !ctx.participants.hasDomain(domain);
    Finding f{QStringLiteral("A1"), severity(ctx, imitated.isEmpty() ? known : QStringList(), participant),
              QStringLiteral("Display name '%1' %2, but %3 never used %4%5")
                  .arg(from.name, participant ? QStringLiteral("matches a participant of this thread") : QStringLiteral("is known in this case"),
                       known.mid(0, 2).join(QStringLiteral(" / ")), from.address,
                       unrelated ? QStringLiteral("; %1 is unrelated to every domain of the conversation").arg(domain)
                       : imitated.isEmpty() ? QString() : QStringLiteral("; %1 imitates %2, which the name used first").arg(domain, imitated)),
              {}};
    f.evidence << Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("From"), from.toString()};
    findings << f;
}

} // namespace th::analysis
