#include "indicatorset.h"

#include "analysis/anchoredmatches.h"
#include "analysis/author.h"
#include "analysis/displayname.h"
#include "analysis/lowercase.h"
#include "analysis/shingles.h"

#include <QRegularExpression>

#include "addressinname.h"
#include "alteredquote.h"
#include "authenticationfailure.h"
#include "brokenlinkage.h"
#include "clientchange.h"
#include "damagedquoteheaders.h"
#include "displaynamespoof.h"
#include "earlierwaves.h"
#include "fakereply.h"
#include "internalhistoryfromoutside.h"
#include "lookalikedomain.h"
#include "luretemplates.h"
#include "lureprofile.h"
#include "messageiddomain.h"
#include "missingattribution.h"
#include "quotestylechange.h"
#include "recipientmismatch.h"
#include "replytomismatch.h"
#include "returnpathmismatch.h"
#include "scrambledsender.h"
#include "threadindexmismatch.h"
#include "threadreuse.h"
#include "threadrevival.h"
#include "transportanomaly.h"
#include "victimhijack.h"

namespace th::analysis {

const std::vector<std::unique_ptr<Indicator>> &IndicatorSet::perMessage()
{
    static const std::vector<std::unique_ptr<Indicator>> set = [] {
        std::vector<std::unique_ptr<Indicator>> v;
        v.push_back(std::make_unique<DisplayNameSpoof>());
        v.push_back(std::make_unique<AddressInName>());
        v.push_back(std::make_unique<LookalikeDomain>());
        v.push_back(std::make_unique<ReplyToMismatch>());
        v.push_back(std::make_unique<ReturnPathMismatch>());
        v.push_back(std::make_unique<AuthenticationFailure>()); // after A1: it reads its finding
        v.push_back(std::make_unique<MessageIdDomain>());
        v.push_back(std::make_unique<ClientChange>());
        v.push_back(std::make_unique<TransportAnomaly>());
        v.push_back(std::make_unique<ScrambledSender>());
        v.push_back(std::make_unique<FakeReply>());
        v.push_back(std::make_unique<BrokenLinkage>());
        v.push_back(std::make_unique<MissingAttribution>());
        v.push_back(std::make_unique<DamagedQuoteHeaders>());
        v.push_back(std::make_unique<RecipientMismatch>());
        v.push_back(std::make_unique<ThreadRevival>());
        v.push_back(std::make_unique<ThreadIndexMismatch>());
        v.push_back(std::make_unique<QuoteStyleChange>());
        v.push_back(std::make_unique<AlteredQuote>());
        v.push_back(std::make_unique<InternalHistoryFromOutside>());
        v.push_back(std::make_unique<LureProfile>());
        v.push_back(std::make_unique<VictimHijack>()); // after C1 and A8: it reads their findings
        return v;
    }();
    return set;
}

// A sender repeating their own text (a patch series sent again, a resent message) copies nothing stolen.
QuoteMatcher::Match IndicatorSet::ownTextRemoved(const MessageContext &ctx, const QuoteMatcher::Match &match)
{
    if (match.isValid() && Lowercase::equal(ctx.data.messages[size_t(match.message)].from.address, ctx.message.from.address))
        return {};
    return match;
}

namespace {

const QRegularExpression &addressPattern()
{
    static const QRegularExpression address(QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"));
    return address;
}

// A text's words as hashes, without the words of its addresses.
std::vector<quint64> wordsWithoutAddresses(QStringView text, std::span<const Shingles::Token> tokens)
{
    const QList<QRegularExpressionMatch> matches = AnchoredMatches::of(addressPattern(), text, {u"@"});
    auto next = matches.cbegin();
    qsizetype skipFrom = -1, skipTo = -1;
    std::vector<quint64> out;
    out.reserve(tokens.size());
    for (const Shingles::Token &t : tokens) {
        for (; t.begin >= skipTo && next != matches.cend(); ++next) {
            skipFrom = next->capturedStart();
            skipTo = next->capturedEnd();
        }
        if (t.begin < skipFrom || t.begin >= skipTo)
            out.push_back(t.hash);
    }
    return out;
}

// Does the original's text contain this line (an attribution it wrote itself when it was a reply)?
// Addresses do not count: a thief strips them from the copy. Nor do lines of a few letters.
bool originalContains(const MessageContext &ctx, const QString &line)
{
    if (Shingles::wordTexts(QString(line).remove(addressPattern())).join(u' ').size() <= 10)
        return false;
    const std::vector<quint64> words = wordsWithoutAddresses(line, Shingles::tokens(line));
    const int original = ctx.original.message;
    const std::vector<quint64> text = wordsWithoutAddresses(ctx.data.bodies[original].text, ctx.data.matcher.tokens(original));
    return std::search(text.cbegin(), text.cend(), words.cbegin(), words.cend()) != text.cend();
}

// Lines at the start of the copy that the original never contained are the thief's or the replier's:
// a fabricated header block, a separator, a client's attribution. The authentic content starts after them.
qsizetype afterForeignHeaders(const MessageContext &ctx, qsizetype splice)
{
    for (const QuotedHeader &h : ctx.body.headers) {
        const QString text = ctx.body.text.mid(h.begin, h.end - h.begin);
        if (splice >= h.begin && splice < h.end && !originalContains(ctx, text))
            splice = h.end;
    }
    while (splice < ctx.body.text.size() && ctx.body.text[splice].isSpace())
        ++splice;
    while (splice > 0 && ctx.body.text[splice - 1] != u'\n')
        --splice;
    return splice;
}

// The sender took part in the conversation before this message: in an earlier message of its thread or of
// the thread it copies. A later wave from the same address does not make the first one a participant (D1).
bool senderTookPart(const MessageContext &ctx)
{
    const QString &address = ctx.message.from.address;
    for (int m : {ctx.index, ctx.original.message}) {
        const int thread = m < 0 ? -1 : ctx.data.threads.threadOfMessage.value(m, -1);
        if (thread >= 0 && ctx.data.participants.namedBefore(thread, address, ctx.message.date, ctx.index))
            return true;
    }
    return false;
}

// Whether a word is one of the names of the conversation's people or of this message's recipients: a lure
// greets them.
std::function<bool(const QString &)> isNameWord(const MessageContext &ctx)
{
    QSet<QString> recipients;
    for (const model::AddressList *list : {&ctx.message.to, &ctx.message.cc}) {
        for (const model::MailAddress &a : *list) {
            for (const QString &word : ThreadParticipants::wordsOf(DisplayName::normalise(a.name)))
                recipients.insert(word);
        }
    }
    return [recipients, &participants = ctx.participants](const QString &word) { return recipients.contains(word) || participants.hasNameWord(word); };
}

} // namespace

// A stored message pasted whole under a lure (or the stolen one given) starts where its text does, whatever
// structure it carries.
// Otherwise a reply's authentic content starts where its quoted history does, or above it where the copied
// message's own words start, or at an attribution line the copied message wrote itself.
void IndicatorSet::locateSplice(MessageContext &ctx, int stolen)
{
    const QuoteMatcher::Match whole = stolen >= 0 ? ctx.data.matcher.copyOf(ctx.index, stolen) : ownTextRemoved(ctx, ctx.data.matcher.pasted(ctx.index));
    if (whole.isValid() && whole.begin > 0) {
        ctx.original = whole;
        ctx.splice = afterForeignHeaders(ctx, whole.begin);
        return;
    }
    const QuoteMatcher::Match copied = ctx.data.matcher.original(ctx.index, 0);
    ctx.original = ownTextRemoved(ctx, copied);
    const bool pasted = ctx.original.containment >= QuoteMatcher::AuthenticCopy && ctx.original.begin > 0;
    if (ctx.body.history.isEmpty()) {
        ctx.splice = pasted ? ctx.original.begin : -1;
        return;
    }
    ctx.splice = ctx.body.quoteStart();
    if (pasted && ctx.original.begin < ctx.splice) {
        ctx.splice = afterForeignHeaders(ctx, ctx.original.begin); // a quoted Subject line may repeat its words
        return;
    }
    // The quoted part's shingles are a subset of the body's, so it holds no copy the body lacks: it is only
    // searched again when the body's best copy was one of the sender's own messages.
    if (!ctx.original.isValid() && copied.isValid())
        ctx.original = ownTextRemoved(ctx, ctx.data.matcher.original(ctx.index, ctx.splice));
    const QuotedMessage &first = ctx.body.history.first();
    if (ctx.original.isValid() && first.header >= 0 && originalContains(ctx, ctx.body.lineAt(ctx.body.headers[first.header].begin)))
        ctx.splice = ctx.body.headers[first.header].begin;
    if (ctx.quotesOnlyItself())
        ctx.splice = -1; // a made-up history has no authentic content to start
}

MessageContext IndicatorSet::contextOf(const CaseData &data, int message, int stolen)
{
    MessageContext ctx = MessageContext::of(data, message);
    locateSplice(ctx, stolen);
    ctx.history = data.linker.link(message, ctx.original.message);
    ctx.participants = ParticipantSet::of(ctx);
    return ctx;
}

MessageAnalysis IndicatorSet::evaluate(const CaseData &data, int message, int stolen)
{
    const MessageContext ctx = contextOf(data, message, stolen);
    MessageAnalysis out;
    for (const auto &indicator : perMessage())
        indicator->evaluate(ctx, out.findings);
    out.splice = ctx.splice;
    out.original = ctx.original.message;
    out.history = ctx.history;
    out.senderInConversation = senderTookPart(ctx);
    if (std::any_of(out.findings.cbegin(), out.findings.cend(), [](const Finding &f) { return f.id == u"C1"; }))
        out.lureKey = LureTemplates::key(LureProfile::newText(ctx), isNameWord(ctx));
    return out;
}

void IndicatorSet::addCaseFindings(const CaseData &data, QList<MessageAnalysis> &analyses)
{
    EarlierWaves::judgeAgainstStolen(data, analyses);
    VictimHijack::applyAfterEarlierLures(data, analyses);
    ThreadReuse::apply(data, analyses);
    LureTemplates::apply(data, analyses);
}

bool IndicatorSet::isKnownSender(const CaseData &data, int message)
{
    const model::Message &m = data.messages[size_t(message)];
    const bool nameUsedIt = data.identities.usageOf(m.from.name, m.from.address, m.date, message).messages > 0;
    return nameUsedIt || !data.senders.before(Author::of(m).address, m.date, message).isEmpty();
}

} // namespace th::analysis
