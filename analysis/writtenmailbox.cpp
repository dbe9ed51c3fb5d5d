#include "writtenmailbox.h"

#include "memo.h"

#include <QRegularExpression>

namespace th::analysis {
namespace {

constexpr auto Unicode = QRegularExpression::UseUnicodePropertiesOption;
constexpr auto Caseless = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

QString decodeEntities(QString s)
{
    s.replace(QStringLiteral("&lt;"), QStringLiteral("<")).replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    s.replace(QStringLiteral("&quot;"), QStringLiteral("\"")).replace(QStringLiteral("&#39;"), QStringLiteral("'"));
    return s.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
}

// Brings the address spellings of quoted headers (crisp email-forward-parser "mailbox") to "<a@b>":
// "a@b<mailto:a@b>" (Outlook plain text), "[mailto:a@b]" (Outlook <= 2010), "(<a@b>)" (Gmail es, fi),
// "< mailto:Name <a@b> >" (Polymail), "[a@b]", "(a@b)". ("<mailto:a@b>" is left to parse().)
QString canonicalBrackets(QString s)
{
    static const QRegularExpression mailtoCopy(QString::fromUtf16(uR"re(([^\s<>\[\]]+@[^\s<>\[\]]+)\s*<\s*mailto:[^<>]*>)re"), Caseless);
    static const QRegularExpression polymail(QString::fromUtf16(uR"re(<\s*mailto:[^<>]*<\s*([^<>\s]+@[^<>\s]+)\s*>(?:\s*>)?)re"), Caseless);
    static const QRegularExpression wrapped(QString::fromUtf16(uR"re([\[(]\s*(?:mailto:)?<?\s*([^\[\]()<>\s]+@[^\[\]()<>\s]+?)\s*>?\s*[\])])re"), Caseless);
    s.replace(mailtoCopy, QStringLiteral("\\1"));
    s.replace(polymail, QStringLiteral("<\\1>"));
    return s.replace(wrapped, QStringLiteral("<\\1>"));
}

QString unquotedName(QString name)
{
    static const QRegularExpression quotes(QString::fromUtf16(uR"re(^\s*["'«„“‘”]+\s*|\s*["'»”“’]+\s*$)re"), Caseless);
    static const QRegularExpression trailing(QString::fromUtf16(uR"re([\s,;]+$)re"), Caseless);
    return name.remove(trailing).remove(quotes).trimmed();
}

// Splits an address list at the separators outside quotes and brackets. Outlook and Yahoo separate
// with ';' and then keep "Last, First" names whole; the others separate with ','.
QStringList splitOutside(QStringView list, QChar separator)
{
    QStringList parts;
    int nesting = 0;
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QChar c = list[i];
        quoted = c == u'"' ? !quoted : quoted;
        nesting += (c == u'<' || c == u'[' || c == u'(') ? 1 : (c == u'>' || c == u']' || c == u')') ? -1 : 0;
        if (c == separator && !quoted && nesting <= 0) {
            parts << list.sliced(start, i - start).trimmed().toString();
            start = i + 1;
        }
    }
    parts << list.sliced(start).trimmed().toString();
    return parts;
}

// "Deucher, Alexander <a@b>" split at its comma: a single word without an address followed by a part
// with a bracketed address is one "Last, First" mailbox.
QStringList mergeLastFirst(const QStringList &parts)
{
    QStringList merged;
    for (const QString &part : parts) {
        const bool lastNameBefore = !merged.isEmpty() && !merged.last().contains(u' ') && !merged.last().contains(u'@')
            && !merged.last().isEmpty();
        if (lastNameBefore && (part.contains(u'<') || part.contains(u'[')) && !part.startsWith(u'<'))
            merged.last() += QStringLiteral(", ") + part;
        else
            merged << part;
    }
    return merged;
}

} // namespace

// Quoted headers come again in each later reply of a thread: each mailbox is read once.
model::MailAddress WrittenMailbox::parse(QStringView written)
{
    return Memo::of<6, Memo::MaxTextEntries>(written, [](QStringView w) { return parseUncached(w); });
}

model::MailAddress WrittenMailbox::parseUncached(QStringView written)
{
    static const QRegularExpression bracketed(QString::fromUtf16(uR"re([<\[(]\s*(?:mailto:)?\s*([^\s<>()\[\]"',;:]+@[^\s<>()\[\]"',;:]*[^\s<>()\[\]"',;:.]))re"), Caseless);
    static const QRegularExpression bare(QString::fromUtf16(uR"re([^\s<>()\[\]"',;:]+@[^\s<>()\[\]"',;:]*[^\s<>()\[\]"',;:.])re"), Caseless);
    const QString s = canonicalBrackets(decodeEntities(written.trimmed().toString()));
    QRegularExpressionMatch m = bracketed.match(s);
    if (!m.hasMatch())
        m = bare.match(s);
    if (!m.hasMatch())
        return {unquotedName(s), QString()};
    return {unquotedName(s.left(m.capturedStart())), m.captured(m.lastCapturedIndex())};
}

QList<model::MailAddress> WrittenMailbox::parseList(QStringView value)
{
    const bool semicolons = splitOutside(value, u';').size() > 1;
    const QStringList parts = semicolons ? splitOutside(value, u';') : mergeLastFirst(splitOutside(value, u','));
    QList<model::MailAddress> out;
    for (const QString &p : parts)
        if (!p.isEmpty())
            out << parse(p);
    return out;
}

std::optional<std::pair<QString, QString>> WrittenMailbox::delegation(QStringView from)
{
    static const QRegularExpression western(QString::fromUtf16(uR"re(^(.+?)\s+(?:on behalf of|im Auftrag von|de la part de|en nombre de|per conto di|em nome de|namens)\s+(.+)$)re"), Caseless);
    static const QRegularExpression japanese(QString::fromUtf16(uR"re(^(.+?)\s*が\s*(.+?)\s*の代理で送信$)re"), Unicode);
    static const QRegularExpression chinese(QString::fromUtf16(uR"re(^(.+?)\s+代表\s+(.+?)(?:\s*发送)?$)re"), Unicode);
    for (const QRegularExpression *re : {&western, &japanese, &chinese})
        if (const QRegularExpressionMatch m = re->match(from); m.hasMatch())
            return std::pair{m.captured(1), m.captured(2)};
    return std::nullopt;
}

} // namespace th::analysis
