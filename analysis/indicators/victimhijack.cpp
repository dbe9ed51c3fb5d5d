#include "victimhijack.h"

#include "clientchange.h"
#include "indicatorset.h"
#include "lureprofile.h"

#include "analysis/author.h"

namespace th::analysis {
namespace {

bool fired(const QList<Finding> &findings, const char16_t *id)
{
    return std::any_of(findings.cbegin(), findings.cend(), [id](const Finding &f) { return f.id == id; });
}

// A8 needs two earlier messages; one is enough when this client is another program than its. A mailer program
// the address never used in three or more messages is enough next to a lure.
bool clientChanged(const MessageContext &ctx, const QList<Finding> &findings, QStringList &unseen)
{
    int history = 0;
    unseen = ClientChange::unseenTraits(ctx, &history);
    if (fired(findings, u"A8") || fired(findings, u"B8"))
        return true;
    const QStringList mailer = unseen.filter(QStringLiteral("mailer="));
    if (history >= 3 && !mailer.isEmpty() && mailer.first() != u"mailer=none") {
        unseen = mailer;
        return true;
    }
    if (history >= ClientChange::MinHistory)
        return false;
    const QList<int> earlier = ctx.authorHistory();
    if (earlier.isEmpty())
        return false;
    const QStringList now = ctx.data.fingerprints[ctx.index].traits;
    const QStringList then = ctx.data.fingerprints[earlier.last()].traits;
    unseen.clear();
    for (const QString &t : now) {
        if (!then.contains(t) && !t.startsWith(QLatin1String("quote=")))
            unseen << t;
    }
    return ClientChange::isAnotherProgram(unseen);
}

// From the real account the client change is the main evidence, so the lure may run longer than C1's few
// words: a note about changed bank details still asks to act on a link, an archive or a password.
bool lureSent(const MessageContext &ctx, const QList<Finding> &findings)
{
    if (fired(findings, u"C1"))
        return true;
    return LureProfile::wordCount(ctx, LureProfile::newText(ctx)) <= 2 * LureProfile::MaxWords && !LureProfile::actionObjects(ctx).isEmpty();
}

} // namespace

void VictimHijack::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    if (fired(findings, u"A1") || ctx.message.inReplyTo.isEmpty() || !lureSent(ctx, findings))
        return;
    QStringList unseen;
    if (!clientChanged(ctx, findings, unseen))
        return;
    Finding e{QStringLiteral("E"), Finding::Severity::Strong,
              QStringLiteral("The real account %1 sent a lure into its own conversation from a client it never used before (%2)%3: "
                             "the mailbox is likely compromised")
                  .arg(ctx.message.from.address, unseen.isEmpty() ? QStringLiteral("quoting style") : unseen.join(QStringLiteral(", ")),
                       ctx.rogueLures.isEmpty() ? QString() : QStringLiteral(", other than for its earlier lures")),
              {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("From"), ctx.message.from.toString()}}};
    for (int lure : ctx.rogueLures)
        e.evidence << Evidence{Evidence::Kind::Message, -1, -1, ctx.data.messages[size_t(lure)].messageId, QStringLiteral("earlier lure from the account")};
    findings << e;
}

void VictimHijack::applyAfterEarlierLures(const CaseData &data, QList<MessageAnalysis> &analyses)
{
    QHash<QString, QList<int>> lures; // author -> its messages judged E, oldest first
    for (int i = 0; i < analyses.size(); ++i) {
        if (fired(analyses[i].findings, u"E"))
            lures[Author::of(data.messages[size_t(i)]).address.toLower()] << i;
    }
    const VictimHijack e;
    for (auto it = lures.begin(); it != lures.end(); ++it) {
        const auto byDate = [&data](int a, int b) { return data.messages[size_t(a)].date < data.messages[size_t(b)].date; };
        const QDateTime first = data.messages[size_t(*std::min_element(it.value().cbegin(), it.value().cend(), byDate))].date;
        for (int m : data.senders.all(it.key())) {
            const model::Message &message = data.messages[size_t(m)];
            if (!(message.date > first) || fired(analyses[m].findings, u"E"))
                continue;
            // The client is judged without the splice: the full context is only built where it changed.
            MessageContext profile = MessageContext::of(data, m);
            profile.rogueLures = it.value();
            QStringList unseen;
            if (!clientChanged(profile, analyses[m].findings, unseen))
                continue;
            MessageContext ctx = IndicatorSet::contextOf(data, m);
            ctx.rogueLures = it.value();
            e.evaluate(ctx, analyses[m].findings);
            if (fired(analyses[m].findings, u"E"))
                it.value() << m;
        }
    }
}

} // namespace th::analysis
