#include "separatorline.h"

#include "memo.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace th::analysis {
namespace {

constexpr auto Caseless = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

// Phrases between dashes: "-----Original Message-----", "---------- Forwarded message ---------",
// "-------- Weitergeleitete Nachricht --------" (talon, crisp email-forward-parser, Thunderbird and
// Yahoo localisations, mail-parser-reply).
constexpr SeparatorLine::Phrase DashedPhrases[] = {
    {u"original message", u"original-message", u"en"}, {u"reply message", u"original-message", u"en"},
    {u"ursprüngliche nachricht", u"original-message", u"de"}, {u"ursprüngliche mail", u"original-message", u"de"},
    {u"antwort nachricht", u"original-message", u"de"}, {u"message d'origine", u"original-message", u"fr"},
    {u"mensaje original", u"original-message", u"es"}, {u"messaggio originale", u"original-message", u"it"},
    {u"mensagem original", u"original-message", u"pt"}, {u"oorspronkelijk bericht", u"original-message", u"nl"},
    {u"ursprungligt meddelande", u"original-message", u"sv"}, {u"oprindelig meddelelse", u"original-message", u"da"},
    {u"oprindelig besked", u"original-message", u"da"}, {u"opprinnelig melding", u"original-message", u"no"},
    {u"wiadomość oryginalna", u"original-message", u"pl"}, {u"исходное сообщение", u"original-message", u"ru"},
    {u"оригинальное сообщение", u"original-message", u"ru"}, {u"исходное письмо", u"original-message", u"ru"},
    {u"原始邮件", u"original-message", u"zh"}, {u"原始郵件", u"original-message", u"zh"},
    {u"元のメッセージ", u"original-message", u"ja"}, {u"원본 메시지", u"original-message", u"ko"},
    {u"alkuperäinen viesti", u"original-message", u"fi"}, {u"původní zpráva", u"original-message", u"cs"},
    {u"pôvodná správa", u"original-message", u"sk"}, {u"eredeti üzenet", u"original-message", u"hu"},
    {u"Özgün İleti", u"original-message", u"tr"}, {u"orijinal mesaj", u"original-message", u"tr"},
    {u"forwarded message", u"forwarded", u"en"}, {u"weitergeleitete nachricht", u"forwarded", u"de"},
    {u"message transféré", u"forwarded", u"fr"}, {u"message transmis", u"forwarded", u"fr"},
    {u"mensaje reenviado", u"forwarded", u"es"}, {u"messaggio inoltrato", u"forwarded", u"it"},
    {u"mensagem encaminhada", u"forwarded", u"pt"}, {u"mensagem reencaminhada", u"forwarded", u"pt"},
    {u"doorgestuurd bericht", u"forwarded", u"nl"}, {u"vidarebefordrat meddelande", u"forwarded", u"sv"},
    {u"videresendt meddelelse", u"forwarded", u"da"}, {u"videresendt melding", u"forwarded", u"no"},
    {u"przekazana wiadomość", u"forwarded", u"pl"}, {u"treść przekazanej wiadomości", u"forwarded", u"pl"},
    {u"пересылаемое сообщение", u"forwarded", u"ru"}, {u"перенаправленное сообщение", u"forwarded", u"ru"},
    {u"переслане повідомлення", u"forwarded", u"uk"}, {u"перенаправлене повідомлення", u"forwarded", u"uk"},
    {u"メッセージを転送", u"forwarded", u"ja"}, {u"転送メッセージ", u"forwarded", u"ja"},
    {u"转发邮件", u"forwarded", u"zh"}, {u"转发的邮件", u"forwarded", u"zh"}, {u"轉寄郵件", u"forwarded", u"zh"},
    {u"전달된 메시지", u"forwarded", u"ko"}, {u"přeposlaná zpráva", u"forwarded", u"cs"},
    {u"preposlaná správa", u"forwarded", u"sk"}, {u"továbbított üzenet", u"forwarded", u"hu"},
    {u"edelleenlähetetty viesti", u"forwarded", u"fi"}, {u"välitetty viesti / fwd.msg", u"forwarded", u"fi"},
    {u"İletilmiş Mesaj", u"forwarded", u"tr"}, {u"İletilen İleti", u"forwarded", u"tr"},
    {u"mesaj redirecționat", u"forwarded", u"ro"},
};

// Apple Mail's forward line per locale ("Begin forwarded message:"; crisp email-forward-parser).
constexpr SeparatorLine::Phrase ColonPhrases[] = {
    {u"begin forwarded message", u"forwarded", u"en"}, {u"anfang der weitergeleiteten nachricht", u"forwarded", u"de"},
    {u"début du message réexpédié", u"forwarded", u"fr"}, {u"début du message transféré", u"forwarded", u"fr"},
    {u"inicio del mensaje reenviado", u"forwarded", u"es"}, {u"inizio messaggio inoltrato", u"forwarded", u"it"},
    {u"início da mensagem reencaminhada", u"forwarded", u"pt"}, {u"início da mensagem encaminhada", u"forwarded", u"pt"},
    {u"begin doorgestuurd bericht", u"forwarded", u"nl"}, {u"vidarebefordrat mejl", u"forwarded", u"sv"},
    {u"start på videresendt besked", u"forwarded", u"da"}, {u"videresendt melding", u"forwarded", u"no"},
    {u"początek przekazywanej wiadomości", u"forwarded", u"pl"}, {u"начало переадресованного сообщения", u"forwarded", u"ru"},
    {u"початок листа, що пересилається", u"forwarded", u"uk"}, {u"転送されたメッセージ", u"forwarded", u"ja"},
    {u"以下为转发的邮件", u"forwarded", u"zh"}, {u"전달된 메시지", u"forwarded", u"ko"},
    {u"začátek přeposílané zprávy", u"forwarded", u"cs"}, {u"začiatok preposlanej správy", u"forwarded", u"sk"},
    {u"továbbított levél kezdete", u"forwarded", u"hu"}, {u"välitetty viesti alkaa", u"forwarded", u"fi"},
    {u"İleti başlangıcı", u"forwarded", u"tr"}, {u"începe mesajul redirecționat", u"forwarded", u"ro"},
};

QString phraseKey(QStringView phrase)
{
    return phrase.toString().toCaseFolded().simplified();
}

template<size_t N>
QHash<QString, const SeparatorLine::Phrase *> phraseTable(const SeparatorLine::Phrase (&phrases)[N])
{
    QHash<QString, const SeparatorLine::Phrase *> t;
    for (const SeparatorLine::Phrase &p : phrases)
        t.insert(phraseKey(QStringView(p.text)), &p);
    return t;
}

// Mutt names the author in its forward line: "----- Forwarded message from Jane <jane@example.com> -----".
const SeparatorLine::Phrase *dashedPhrase(const QHash<QString, const SeparatorLine::Phrase *> &table, const QString &key)
{
    if (const SeparatorLine::Phrase *p = table.value(key))
        return p;
    for (const SeparatorLine::Phrase &p : DashedPhrases) {
        const QString phrase = phraseKey(QStringView(p.text));
        if (QStringView(p.kind) == u"forwarded" && key.startsWith(phrase + u' '))
            return &p;
    }
    return nullptr;
}

bool colonEnd(QStringView content)
{
    return content.endsWith(u':') || content.endsWith(u'：') || content.endsWith(u'*');
}

const SeparatorLine::Phrase *phraseOf(QStringView content)
{
    static const QRegularExpression dashed(QStringLiteral(R"re(^[*_]{0,2}\s*-{2,}\s*([^-\s][^-]*?)\s*-{2,}\s*[*_]{0,2}$)re"), Caseless);
    static const QRegularExpression colon(QStringLiteral(R"re(^[*_]{0,2}\s*([^:：]{4,60}?)\s*[:：]\s*[*_]{0,2}$)re"), Caseless);
    static const QHash<QString, const SeparatorLine::Phrase *> dashedTable = phraseTable(DashedPhrases);
    static const QHash<QString, const SeparatorLine::Phrase *> colonTable = phraseTable(ColonPhrases);
    if (content.contains(u"--")) {
        if (const QRegularExpressionMatch m = dashed.match(content); m.hasMatch())
            return dashedPhrase(dashedTable, phraseKey(m.capturedView(1)));
    }
    // The colon form is at most two markers, 60 characters of phrase, the colon and two markers, besides
    // spaces: most lines that end in a colon are prose, too long to be one.
    constexpr qsizetype MaxColonForm = 2 + 60 + 1 + 2;
    const auto visible = [content] { return std::count_if(content.cbegin(), content.cend(), [](QChar c) { return !c.isSpace(); }); };
    if ((colonEnd(content) || content.endsWith(u'_')) && visible() <= MaxColonForm) {
        if (const QRegularExpressionMatch m = colon.match(content); m.hasMatch())
            return colonTable.value(phraseKey(m.capturedView(1)));
    }
    return nullptr;
}

} // namespace

// Quoted separators come again in each later reply of a thread: each line is read once.
const SeparatorLine::Phrase *SeparatorLine::phrase(QStringView content)
{
    if (content.size() > MaxLength)
        return nullptr;
    const bool dashedOrBold = content.startsWith(u'-') || content.startsWith(u'*') || content.startsWith(u'_');
    if (!dashedOrBold && !colonEnd(content))
        return nullptr;
    // Both forms end in dashes, a colon or markers, before any white space: a patch's removed lines
    // ("-\tfoo();") start like a dashed phrase but end otherwise.
    const QChar last = content.back(); // not empty: it starts or ends with a marker
    if (!last.isSpace() && !QStringView(u"-*_:：").contains(last))
        return nullptr;
    return Memo::of<7, Memo::MaxTextEntries>(content, [](QStringView c) { return phraseOf(c); });
}

// Outlook 365/OWA plain text writes 32 underscores, Outlook Mobile 29, a Japanese OWA sample 40.
QString SeparatorLine::ruleKind(QStringView content)
{
    if (!content.startsWith(u'_') && !content.startsWith(u'-'))
        return QString();
    // One character repeated, compared without a regex: patches give many lines that start with '-'.
    const QStringView line = content.endsWith(u'\n') ? content.chopped(1) : content;
    const auto repeats = [line](QChar c, qsizetype least) {
        return line.size() >= least && std::all_of(line.cbegin(), line.cend(), [c](QChar x) { return x == c; });
    };
    if (repeats(u'_', 29))
        return QStringLiteral("underscores");
    return repeats(u'-', 30) ? QStringLiteral("rule") : QString();
}

} // namespace th::analysis
