#include "lureprofile.h"

#include "alteredquote.h"

#include "analysis/anchoredmatches.h"
#include "analysis/domainidentity.h"
#include "analysis/shingles.h"

#include <QRegularExpression>
#include <QUrl>

namespace th::analysis {
namespace {

bool riskyAttachment(const model::Attachment &a)
{
    static const QRegularExpression ext(QStringLiteral("\\.(zip|7z|rar|gz|iso|img|vhdx?|one|html?|svg|pdf|xlsb|xlsm|docm|pptm|lnk|wsf|js|jse|vbs|hta|cab|msi|exe|scr)$"),
                                        QRegularExpression::CaseInsensitiveOption);
    return ext.match(a.fileName).hasMatch() || a.mimeType.contains(QLatin1String("zip")) || a.mimeType.contains(QLatin1String("onenote"));
}

bool hasPassword(QStringView text)
{
    // The short forms ("pass", "pw") need a separator or a value with a digit: "pass this on" is no password.
    static const QRegularExpression password(QStringLiteral("(?:") + LureProfile::passwordLabel() + QStringLiteral(")"
                                                            "\\W{0,3}\\s*[:：]?\\s*[A-Za-z0-9!@#$%&*]{3,12}\\b"
                                                            "|\\b(?:pass|pwd?)\\s*[:：=]\\s*\\S{3,12}"
                                                            "|\\b(?:pass|pwd?)\\s+(?:is\\s+)?[A-Za-z!@#$%&*]*\\d[A-Za-z0-9!@#$%&*]{2,11}\\b"),
                                             QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return password.match(text).hasMatch();
}

// Addresses the text gives to write to, outside the conversation: advance-fee and BEC lures move the
// victim to a mailbox the attacker controls.
QStringList outsideAddresses(const MessageContext &ctx, QStringView text)
{
    static const QRegularExpression address(QStringLiteral("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}"));
    QStringList out;
    for (const QRegularExpressionMatch &m : AnchoredMatches::of(address, text, {u"@"})) {
        const QString found = m.captured().toLower();
        const QString domain = DomainIdentity::registrable(found.section(u'@', 1));
        const bool known = ctx.participants.hasAddress(found) || ctx.participants.hasDomain(domain)
                           || ctx.data.settings.isOrganisation(domain) || DomainIdentity::registrable(ctx.message.from.address.section(u'@', 1)) == domain;
        if (!known && !out.contains(found))
            out << found;
    }
    return out;
}

} // namespace

QStringView LureProfile::newText(const MessageContext &ctx)
{
    // With quote structure the new text ends where the first attribution or header block begins; without
    // it, where the copied original begins. A made-up quote is itself the lure.
    qsizetype begin = 0;
    qsizetype end = !ctx.body.history.isEmpty() || ctx.splice < 0 ? ctx.body.newEnd : ctx.splice;
    if (ctx.quotesOnlyItself()) {
        begin = ctx.body.history.first().begin;
        end = ctx.body.history.first().end;
    }
    for (const Segment &s : ctx.body.segments) {
        const bool trailer = s.kind == Segment::Kind::Signature || s.kind == Segment::Kind::Disclaimer;
        if (trailer && s.begin >= begin && s.begin < end)
            end = s.begin;
    }
    return QStringView(ctx.body.text).sliced(begin, end - begin);
}

QStringList LureProfile::actionObjects(const MessageContext &ctx)
{
    QStringList out;
    for (const model::Attachment &a : ctx.message.attachments) {
        if (riskyAttachment(a) && !a.isInline)
            out << QStringLiteral("attachment %1 (%2)").arg(a.fileName, a.mimeType);
    }
    const QStringView text = newText(ctx);
    QStringList links = AlteredQuote::linksIn(text).values();
    links.sort(); // a set's order changes from run to run (Qt seeds its hashes): the report must not
    for (const QString &link : std::as_const(links)) {
        const QString domain = DomainIdentity::registrable(QUrl(link).host());
        if (!ctx.participants.hasDomain(domain) && !ctx.data.settings.isOrganisation(domain))
            out << QStringLiteral("link to %1").arg(link);
    }
    if (hasPassword(text))
        out << QStringLiteral("an archive password");
    for (const QString &address : outsideAddresses(ctx, text))
        out << QStringLiteral("contact address %1").arg(address);
    return out;
}

QString LureProfile::passwordLabel()
{
    return QStringLiteral("\\b(?:password|passwort|kennwort|mot de passe|contrase[ñn]a|senha|has[łl]o|wachtwoord|lösenord)|パスワード|密码|密碼|비밀번호");
}

int LureProfile::wordCount(const MessageContext &ctx, QStringView part)
{
    const qsizetype from = part.constData() - ctx.body.text.constData();
    const qsizetype words = Shingles::wordCount(ctx.body.text, ctx.data.matcher.tokens(ctx.index), from, from + part.size());
    static const QRegularExpression link(QStringLiteral("(?:https?://|www\\.)\\S+"), QRegularExpression::CaseInsensitiveOption);
    int links = 0;
    qsizetype linkWords = 0;
    for (const QRegularExpressionMatch &m : AnchoredMatches::of(link, part, {u"://", u"www."}, Qt::CaseInsensitive)) {
        ++links;
        linkWords += Shingles::wordCount(m.capturedView());
    }
    return int(words - linkWords + links);
}

void LureProfile::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    const QStringView text = newText(ctx);
    const int words = wordCount(ctx, text);
    if (words > MaxWords)
        return;
    const QStringList actions = actionObjects(ctx); // before counting the quoted words, often thousands
    if (actions.isEmpty())
        return;
    const int quoted = ctx.quotesOnlyItself() ? 0 : wordCount(ctx, QStringView(ctx.body.text).sliced(text.size()));
    if (!ctx.quotesOnlyItself() && quoted < qMax(words * MinQuotedRatio, MinQuotedWords))
        return;
    const QString action = actions.join(QStringLiteral("; "));
    const QString summary = ctx.quotesOnlyItself()
                                ? QStringLiteral("The lure sits inside the quoted message: %1 words, asking to act on %2").arg(words).arg(action)
                                : QStringLiteral("The new text is a lure: %1 words over %2 quoted words, asking to act on %3").arg(words).arg(quoted).arg(action);
    const qsizetype begin = text.constData() - ctx.body.text.constData();
    findings << Finding{QStringLiteral("C1"), Finding::Severity::Medium,
                        summary,
                        {Evidence{Evidence::Kind::Text, begin, begin + text.size(), QString(), text.toString().trimmed()}}};
}

} // namespace th::analysis
