#include "brokenlinkage.h"

#include "analysis/shingles.h"

namespace th::analysis {
namespace {

Evidence messageEvidence(const MessageContext &ctx, int message)
{
    const model::Message &m = ctx.data.messages[size_t(message)];
    return {Evidence::Kind::Message, -1, -1, m.messageId, m.subject};
}

// The quote copies an older message while the parent's own words are (almost) absent from it. A reply
// that quotes part of a long parent (a patch) still contains a good share of them, or quotes it first.
bool skipsParent(const MessageContext &ctx, int parent)
{
    if (!(ctx.data.messages[size_t(ctx.original.message)].date < ctx.data.messages[size_t(parent)].date))
        return false;
    const std::vector<quint64> own = Shingles::set(ctx.data.bodies[parent].newText());
    if (own.size() < 8)
        return false; // "+1", "Thanks": too short to say whether it is quoted
    const std::vector<quint64> quoted = Shingles::set(QStringView(ctx.body.text).sliced(qMax<qsizetype>(0, ctx.splice)));
    if (Shingles::containment(own, quoted) >= 0.3)
        return false;
    // A short excerpt of a long parent: what the first quote shows is the parent's.
    const std::vector<quint64> first = Shingles::set(ctx.body.contentOf(0));
    return first.size() < 8 || Shingles::containment(first, Shingles::set(ctx.data.bodies[parent].text)) < 0.6;
}

} // namespace

void BrokenLinkage::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const model::Message &m = ctx.message;
    const int parent = ctx.repliedTo();
    const bool authentic = ctx.original.isValid() && ctx.original.containment >= QuoteMatcher::AuthenticCopy;
    if (!m.inReplyTo.isEmpty() && parent < 0 && authentic && !ctx.copyIsAttributed()) {
        findings << Finding{QStringLiteral("B2"), Finding::Severity::Medium,
                            QStringLiteral("It replies to <%1>, which nobody in the case has, but quotes a stored message").arg(m.inReplyTo.first()),
                            {messageEvidence(ctx, ctx.original.message)}};
    } else if (parent >= 0 && authentic && !ctx.body.history.isEmpty() && ctx.original.message != parent && skipsParent(ctx, parent)) {
        findings << Finding{QStringLiteral("B2"), Finding::Severity::Strong,
                            QStringLiteral("It replies to <%1> but quotes an older message instead: the quoted history skips its parent")
                                .arg(m.inReplyTo.first()),
                            {messageEvidence(ctx, parent), messageEvidence(ctx, ctx.original.message)}};
    }
    if (!m.inReplyTo.isEmpty() && !ctx.body.citedIds.isEmpty() && !m.references.contains(ctx.body.citedIds.first())
        && ctx.body.citedIds.first() != m.inReplyTo.first()) {
        // Thunderbird names the message it quoted; a pasted body keeps the name of the thread it came from.
        findings << Finding{QStringLiteral("B2"), Finding::Severity::Medium,
                            QStringLiteral("Its HTML quotes <%1> (blockquote cite), which is neither its In-Reply-To <%2> nor in its References")
                                .arg(ctx.body.citedIds.first(), m.inReplyTo.first()),
                            {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("In-Reply-To"), m.inReplyTo.first()}}};
    }
    if (!m.inReplyTo.isEmpty() && !m.references.isEmpty() && m.references.last() != m.inReplyTo.first() && !ctx.isOnList()) {
        findings << Finding{QStringLiteral("B2"), Finding::Severity::Weak,
                            QStringLiteral("References ends with <%1>, not with the In-Reply-To <%2>").arg(m.references.last(), m.inReplyTo.first()),
                            {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("References"), m.references.join(u' ')}}};
    }
}

} // namespace th::analysis
