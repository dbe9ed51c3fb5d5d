#include "damagedquoteheaders.h"

namespace th::analysis {
namespace {

Evidence block(const MessageContext &ctx, const QuotedHeader &h)
{
    return {Evidence::Kind::Text, h.begin, h.end, QString(), ctx.body.text.mid(h.begin, h.end - h.begin).trimmed()};
}

bool namesOnly(const model::AddressList &list)
{
    return !list.isEmpty() && std::all_of(list.cbegin(), list.cend(), [](const model::MailAddress &a) { return a.address.isEmpty(); });
}

} // namespace

// The parent's block (the first one) lacking the From address, or a block written by a program, is
// medium evidence; names-only recipient lists are weak: Outlook on phones and list digests write them too.
void DamagedQuoteHeaders::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    bool parent = true;
    for (const QuotedHeader &h : ctx.body.headers) {
        if (h.style != QuotedHeader::Style::HeaderBlock)
            continue;
        QStringList problems;
        const bool noFromAddress = h.fromLine && !h.fromName.isEmpty() && h.fromAddress.isEmpty();
        if (noFromAddress)
            problems << QStringLiteral("'From: %1' has no address").arg(h.fromName);
        if ((h.toLine && namesOnly(h.to)) || (h.ccLine && namesOnly(h.cc)))
            problems << QStringLiteral("To/Cc list names only");
        if ((h.toLine && h.to.isEmpty()) || (h.ccLine && h.cc.isEmpty()))
            problems << QStringLiteral("an empty To/Cc line");
        if (h.spaceColon && h.language != u"fr") // French typography puts a space before the colon
            problems << QStringLiteral("every label is written as 'Label : value', as programs do");
        if (!problems.isEmpty()) {
            const bool medium = (parent && noFromAddress) || (h.spaceColon && h.language != u"fr");
            findings << Finding{QStringLiteral("B4"), medium ? Finding::Severity::Medium : Finding::Severity::Weak,
                                QStringLiteral("A quoted header block is damaged: %1").arg(problems.join(QStringLiteral("; "))), {block(ctx, h)}};
            return;
        }
        parent = false;
        if (h.labelLanguages.size() > 1) {
            findings << Finding{QStringLiteral("B4"), Finding::Severity::Weak,
                                QStringLiteral("A quoted header block mixes label languages (%1)").arg(h.labelLanguages.join(QStringLiteral(", "))),
                                {block(ctx, h)}};
            return;
        }
    }
}

} // namespace th::analysis
