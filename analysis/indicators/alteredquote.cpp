#include "alteredquote.h"

#include "analysis/anchoredmatches.h"
#include "analysis/gatewaylink.h"
#include "analysis/shingles.h"
#include "analysis/writtenaddresses.h"
#include "threadrevival.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace th::analysis {
namespace {

QString sorted(const QSet<QString> &set)
{
    QStringList l(set.cbegin(), set.cend());
    l.sort();
    return l.join(QStringLiteral(", "));
}

// Where the original's own words are copied, quoted lines only: answers written between them are the
// sender's, and older history beyond the original was never in it. A quoted list footer is the list's, as
// delivered to the replier: another list's copy of the original carries another footer.
QString copiedLines(const MessageContext &ctx)
{
    const qsizetype begin = ctx.original.begin, end = ctx.original.end;
    if (begin < 0 || end <= begin)
        return {};
    if (ctx.body.history.isEmpty())
        return ctx.body.text.mid(begin, end - begin);
    QString out;
    for (const Segment &s : ctx.body.segments) {
        const qsizetype from = qMax(begin, s.begin), to = qMin(end, s.end);
        const bool quoted = s.kind == Segment::Kind::Quoted || (s.depth > 0 && s.kind == Segment::Kind::Signature);
        if (quoted && to > from)
            out += QStringView(ctx.body.text).sliced(from, to - from);
    }
    return out;
}

// A link whose target the original shows as plain text ("UHD 4.1.0.1" becoming "<http://4.1.0.1>") was
// made by the replier's client linking it automatically.
bool autoLinked(const QString &link, const QString &originalText)
{
    const QString target = link.section(QStringLiteral("://"), 1).chopped(link.endsWith(u'/') ? 1 : 0);
    return !target.isEmpty() && AnchoredMatches::indexOf(originalText, target, 0, Qt::CaseInsensitive) >= 0;
}

// Whether the quoted original, or another stored message of its thread or of this message's, shows the link
// (in its text or as an HTML href: the quoting client writes an HTML link out as "text <url>").
bool inConversation(const MessageContext &ctx, const QString &link)
{
    const LinkIndex &links = ctx.data.links;
    const model::ThreadSet &threads = ctx.data.threads;
    const int original = ctx.original.message;
    const bool sameThread = threads.threadOfMessage.value(original, -1) >= 0
        && threads.threadOfMessage.value(original, -1) == threads.threadOfMessage.value(ctx.index, -1);
    return links.known(link, original, ctx.index) || (!sameThread && links.known(link, ctx.index, ctx.index));
}

// The lines of \a text holding \a anchor, each once, without their line breaks.
QList<QStringView> linesWith(QStringView text, QStringView anchor)
{
    QList<QStringView> out;
    for (qsizetype at = AnchoredMatches::indexOf(text, anchor, 0); at >= 0;) {
        const qsizetype begin = text.lastIndexOf(u'\n', at) + 1;
        qsizetype end = text.indexOf(u'\n', at);
        end = end < 0 ? text.size() : end;
        out << text.sliced(begin, end - begin);
        at = end < text.size() ? AnchoredMatches::indexOf(text, anchor, end) : -1;
    }
    return out;
}

// A quoted link is inserted when no link of the conversation matches it. Links in list footers are
// boilerplate, whatever the original shows.
QSet<QString> insertedLinks(const MessageContext &ctx, const QString &copied)
{
    QSet<QString> quoted;
    for (QStringView line : linesWith(copied, u"://")) {
        if (!ctx.data.matcher.isBoilerplate(line))
            quoted += AlteredQuote::linksIn(line);
    }
    const QString &originalText = ctx.data.bodies[ctx.original.message].text;
    QSet<QString> out;
    for (const QString &link : quoted) {
        if (!inConversation(ctx, link) && !autoLinked(link, originalText))
            out.insert(link);
    }
    return out;
}

// Word hashes in order: how text is compared after quote marks and re-wrapping.
std::vector<quint64> wordHashes(std::span<const Shingles::Token> tokens)
{
    std::vector<quint64> out(tokens.size());
    std::transform(tokens.begin(), tokens.end(), out.begin(), [](const Shingles::Token &t) { return t.hash; });
    return out;
}

// "name-XXXX@public.gmane.org", "name+tag@example.com": archives rewrite and sub-addressing extends
// addresses, but keep the local part in front (up to the first '@', '+' or '-'); a stripped address leaves
// nothing of it behind.
QString mailboxKey(const QString &address)
{
    const auto end = std::find_if(address.cbegin(), address.cend(), [](QChar c) { return c == u'@' || c == u'+' || c == u'-'; });
    return address.first(end - address.cbegin());
}

QSet<QString> mailboxKeys(const QSet<QString> &addresses)
{
    QSet<QString> out;
    for (const QString &a : addresses)
        out.insert(mailboxKey(a));
    return out;
}

// An address counts as removed only where the rest of its line survives in the copy: a reply that trims
// a signature or a whole paragraph removes the address with its line, and that is not evidence. Nor is a
// list footer, which archives and digests rewrite.
// The copy's words are read only once a line of the original holds an address, and its addresses only once
// such a line survives in the copy.
QSet<QString> strippedAddresses(const MessageContext &ctx, QStringView original, qsizetype copyStart)
{
    std::optional<std::vector<quint64>> copyWords;
    std::optional<QSet<QString>> copyAddresses;
    QSet<QString> out;
    for (QStringView line : linesWith(original, u"@")) {
        const QSet<QString> inLine = AlteredQuote::addressesIn(line);
        if (inLine.isEmpty() || ctx.data.matcher.isBoilerplate(line))
            continue;
        QString rest = line.toString();
        for (const QString &a : inLine)
            rest.remove(a, Qt::CaseInsensitive);
        const std::vector<quint64> restWords = wordHashes(Shingles::tokens(rest));
        if (restWords.size() < 3)
            continue;
        if (!copyWords)
            copyWords = wordHashes(Shingles::within(ctx.data.matcher.tokens(ctx.index), copyStart, ctx.body.text.size()));
        if (std::search(copyWords->cbegin(), copyWords->cend(), restWords.cbegin(), restWords.cend()) == copyWords->cend())
            continue;
        if (!copyAddresses)
            copyAddresses = mailboxKeys(AlteredQuote::addressesIn(QStringView(ctx.body.text).sliced(copyStart)));
        for (const QString &a : inLine) {
            if (!copyAddresses->contains(mailboxKey(a)))
                out.insert(a);
        }
    }
    return out;
}

Evidence originalEvidence(const MessageContext &ctx)
{
    const model::Message &o = ctx.data.messages[size_t(ctx.original.message)];
    return {Evidence::Kind::Message, -1, -1, o.messageId, o.subject};
}

} // namespace

QSet<QString> AlteredQuote::addressesIn(QStringView text)
{
    QSet<QString> out;
    for (const auto &[begin, end] : WrittenAddresses::spans(text))
        out.insert(text.sliced(begin, end - begin).toString().toLower());
    return out;
}

QSet<QString> AlteredQuote::linksIn(QStringView text)
{
    static const QRegularExpression re(QStringLiteral("https?://[^\\s<>\"')\\]]+"), QRegularExpression::CaseInsensitiveOption);
    QSet<QString> out;
    for (const QRegularExpressionMatch &m : AnchoredMatches::of(re, text, {u"://"}))
        out.insert(GatewayLink::target(m.captured()).toLower());
    return out;
}

void AlteredQuote::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    if (!ctx.original.isValid() || ctx.copyIsAttributed())
        return; // a maintainer's resend may add "Link:" tags and drop addresses; that is editing, openly
    const QString &originalText = ctx.data.bodies[ctx.original.message].text;
    const QSet<QString> removed = strippedAddresses(ctx, originalText, qMax<qsizetype>(0, ctx.splice));
    if (!removed.isEmpty()) {
        // Re-rendering a deep quote (plain text to HTML and back, Mailbird) also loses "<addr>"; the stripping
        // is no proof from a participant answering the stored parent from their own address, nor in a
        // prompt answer to the very message it copies (stolen threads come back months later).
        const int parent = ctx.repliedTo();
        const bool linkedParticipant = parent >= 0 && ctx.participants.hasAddress(ctx.authorAddress());
        const model::Message &original = ctx.data.messages[size_t(ctx.original.message)];
        const bool promptAnswer = parent == ctx.original.message && original.date.isValid() && ctx.message.date.isValid()
            && original.date.daysTo(ctx.message.date) <= ThreadRevival::WeakDays;
        findings << Finding{QStringLiteral("B4"), linkedParticipant || promptAnswer ? Finding::Severity::Medium : Finding::Severity::Strong,
                            QStringLiteral("The quoted text copies a stored message, but %1 address(es) it contains were removed: %2")
                                .arg(removed.size()).arg(sorted(removed)),
                            {Evidence{Evidence::Kind::Text, ctx.splice, ctx.body.text.size(), QString(), ctx.body.lineAt(ctx.splice)}, originalEvidence(ctx)}};
    }
    const QSet<QString> inserted = insertedLinks(ctx, copiedLines(ctx));
    if (!inserted.isEmpty()) {
        findings << Finding{QStringLiteral("B9"), Finding::Severity::Strong,
                            QStringLiteral("Links were inserted into the copy of a stored message: %1").arg(sorted(inserted)), {originalEvidence(ctx)}};
    }
}

} // namespace th::analysis
