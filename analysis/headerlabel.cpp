#include "headerlabel.h"

#include "codeunits.h"
#include "lowercase.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <string>
#include <vector>

namespace th::analysis {
namespace {

using F = HeaderLabel::Field;

// Longest label with bold markers and spaces ("*Másolatot kap* :").
constexpr qsizetype MaxLabelLength = 24;

// Labels per client locale (crisp email-forward-parser, mail-parser-reply, talon, spec 3.3). "Other"
// labels (Reply-To, Bcc, Importance...) keep a block together without counting towards the minimum.
constexpr HeaderLabel Labels[] = {
    {u"From", F::From, u"en"}, {u"Von", F::From, u"de"}, {u"De", F::From, u"fr es pt"},
    {u"Da", F::From, u"it"}, {u"Mittente", F::From, u"it"}, {u"Van", F::From, u"nl"},
    {u"Från", F::From, u"sv"}, {u"Fra", F::From, u"no da"}, {u"Lähettäjä", F::From, u"fi"},
    {u"Od", F::From, u"pl cs sk"}, {u"Nadawca", F::From, u"pl"}, {u"Feladó", F::From, u"hu"},
    {u"De la", F::From, u"ro"}, {u"Expeditorul", F::From, u"ro"}, {u"Kimden", F::From, u"tr"},
    {u"Gönderen", F::From, u"tr"}, {u"От", F::From, u"ru"}, {u"Отправитель", F::From, u"ru"},
    {u"Від", F::From, u"uk"}, {u"Від кого", F::From, u"uk"}, {u"差出人", F::From, u"ja"},
    {u"送信者", F::From, u"ja"}, {u"送信元", F::From, u"ja"}, {u"发件人", F::From, u"zh"},
    {u"寄件者", F::From, u"zh"}, {u"寄件人", F::From, u"zh"}, {u"보낸 사람", F::From, u"ko"},

    {u"Sent", F::Date, u"en"}, {u"Date", F::Date, u"en fr"}, {u"Gesendet", F::Date, u"de"},
    {u"Datum", F::Date, u"de nl sv cs"}, {u"Envoyé", F::Date, u"fr"}, {u"Enviado", F::Date, u"es pt"},
    {u"Enviado el", F::Date, u"es"}, {u"Enviada em", F::Date, u"pt"}, {u"Fecha", F::Date, u"es"},
    {u"Inviato", F::Date, u"it"}, {u"Data", F::Date, u"it pl pt"}, {u"Verzonden", F::Date, u"nl"},
    {u"Skickat", F::Date, u"sv"}, {u"Sendt", F::Date, u"no da"}, {u"Dato", F::Date, u"no da"},
    {u"Lähetetty", F::Date, u"fi"}, {u"Päivämäärä", F::Date, u"fi"}, {u"Päiväys", F::Date, u"fi"},
    {u"Wysłano", F::Date, u"pl"}, {u"Odesláno", F::Date, u"cs"}, {u"Odoslané", F::Date, u"sk"},
    {u"Dátum", F::Date, u"sk hu"}, {u"Elküldve", F::Date, u"hu"}, {u"Trimis", F::Date, u"ro"},
    {u"Dată", F::Date, u"ro"}, {u"Gönderilen", F::Date, u"tr"}, {u"Tarih", F::Date, u"tr"},
    {u"Отправлено", F::Date, u"ru"}, {u"Дата", F::Date, u"ru uk"}, {u"Відправлено", F::Date, u"uk"},
    {u"送信日時", F::Date, u"ja"}, {u"日付", F::Date, u"ja"}, {u"发送时间", F::Date, u"zh"},
    {u"日期", F::Date, u"zh"}, {u"时间", F::Date, u"zh"}, {u"寄件日期", F::Date, u"zh"},
    {u"보낸 날짜", F::Date, u"ko"}, {u"날짜", F::Date, u"ko"},

    {u"To", F::To, u"en"}, {u"An", F::To, u"de"}, {u"À", F::To, u"fr"}, {u"Pour", F::To, u"fr"},
    {u"Para", F::To, u"es pt"}, {u"A", F::To, u"it"}, {u"Aan", F::To, u"nl"}, {u"Till", F::To, u"sv"},
    {u"Til", F::To, u"no da"}, {u"Vastaanottaja", F::To, u"fi"}, {u"Do", F::To, u"pl"},
    {u"Adresat", F::To, u"pl"}, {u"Komu", F::To, u"cs sk"}, {u"Pre", F::To, u"sk"},
    {u"Címzett", F::To, u"hu"}, {u"Către", F::To, u"ro"}, {u"Destinatarul", F::To, u"ro"},
    {u"Kime", F::To, u"tr"}, {u"Кому", F::To, u"ru uk"}, {u"宛先", F::To, u"ja"},
    {u"送信先", F::To, u"ja"}, {u"收件人", F::To, u"zh"}, {u"收件者", F::To, u"zh"},
    {u"받는 사람", F::To, u"ko"},

    {u"Cc", F::Cc, u""}, {u"Kopie", F::Cc, u"de cs"}, {u"Kopie (CC)", F::Cc, u"de"},
    {u"Copie à", F::Cc, u"fr"}, {u"Kopia", F::Cc, u"sv pl"}, {u"Kopi", F::Cc, u"no da"},
    {u"Kopio", F::Cc, u"fi"}, {u"DW", F::Cc, u"pl"}, {u"Kópia", F::Cc, u"sk"},
    {u"Másolat", F::Cc, u"hu"}, {u"Másolatot kap", F::Cc, u"hu"}, {u"Bilgi", F::Cc, u"tr"},
    {u"Копия", F::Cc, u"ru"}, {u"Копія", F::Cc, u"uk"}, {u"抄送", F::Cc, u"zh"},
    {u"副本", F::Cc, u"zh"}, {u"참조", F::Cc, u"ko"},

    {u"Subject", F::Subject, u"en"}, {u"Betreff", F::Subject, u"de"}, {u"Objet", F::Subject, u"fr"},
    {u"Sujet", F::Subject, u"fr"}, {u"Asunto", F::Subject, u"es"}, {u"Oggetto", F::Subject, u"it"},
    {u"Assunto", F::Subject, u"pt"}, {u"Onderwerp", F::Subject, u"nl"}, {u"Ämne", F::Subject, u"sv"},
    {u"Emne", F::Subject, u"no da"}, {u"Aihe", F::Subject, u"fi"}, {u"Temat", F::Subject, u"pl"},
    {u"Předmět", F::Subject, u"cs"}, {u"Predmet", F::Subject, u"sk"}, {u"Tárgy", F::Subject, u"hu"},
    {u"Subiect", F::Subject, u"ro"}, {u"Subiectul", F::Subject, u"ro"}, {u"Konu", F::Subject, u"tr"},
    {u"Тема", F::Subject, u"ru uk"}, {u"件名", F::Subject, u"ja"}, {u"主题", F::Subject, u"zh"},
    {u"主旨", F::Subject, u"zh"}, {u"제목", F::Subject, u"ko"},

    {u"Reply-To", F::Other, u"en"}, {u"Antwort an", F::Other, u"de"}, {u"Répondre à", F::Other, u"fr"},
    {u"Responder a", F::Other, u"es pt"}, {u"Rispondi a", F::Other, u"it"}, {u"Risposta", F::Other, u"it"},
    {u"Antwoord aan", F::Other, u"nl"}, {u"Svara till", F::Other, u"sv"}, {u"Svar til", F::Other, u"no da"},
    {u"Odpowiedź-do", F::Other, u"pl"}, {u"Ответ-Кому", F::Other, u"ru"}, {u"Bcc", F::Other, u""},
    {u"Blindkopie", F::Other, u"de"}, {u"Cci", F::Other, u"fr"}, {u"CCO", F::Other, u"es pt"},
    {u"Ccn", F::Other, u"it"}, {u"Importance", F::Other, u"en"}, {u"Wichtigkeit", F::Other, u"de"},
    {u"Priority", F::Other, u"en"}, {u"Attachments", F::Other, u"en"}, {u"Anlagen", F::Other, u"de"},
    {u"Pièces jointes", F::Other, u"fr"}, {u"Organization", F::Other, u"en"},
    {u"Organisation", F::Other, u"en de fr"},
};

QString labelKey(QStringView label)
{
    QString key = label.toString().toCaseFolded();
    key.removeIf([](QChar c) { return c.isSpace(); });
    return key;
}

const QHash<QString, const HeaderLabel *> &labelTable()
{
    static const QHash<QString, const HeaderLabel *> table = [] {
        QHash<QString, const HeaderLabel *> t;
        for (const HeaderLabel &d : Labels)
            t.insert(labelKey(QStringView(d.label)), &d);
        return t;
    }();
    return table;
}

// The keys of the ASCII labels, sorted: looked up without building a string.
const std::vector<std::u16string> &asciiLabelKeys()
{
    static const std::vector<std::u16string> keys = [] {
        std::vector<std::u16string> out;
        for (const QString &key : labelTable().keys()) {
            if (CodeUnits::isAscii(key))
                out.emplace_back(reinterpret_cast<const char16_t *>(key.utf16()), size_t(key.size()));
        }
        std::sort(out.begin(), out.end());
        return out;
    }();
    return keys;
}

// An ASCII label folded as labelKey() does, without bold markers, into \a key; false if it is not ASCII.
bool foldAsciiLabel(QStringView label, std::u16string &key)
{
    for (QChar c : label) {
        const char16_t u = c.unicode();
        if (u >= 0x80)
            return false;
        if (u == u'*' || u == u'_' || c.isSpace())
            continue;
        key += Lowercase::ascii(u);
    }
    return true;
}

} // namespace

const HeaderLabel *HeaderLabel::find(QStringView label)
{
    return labelTable().value(labelKey(label));
}

// One alternation of every label, longest first, spaces inside labels optional ("보낸사람").
QString HeaderLabel::alternation()
{
    QStringList labels;
    for (const HeaderLabel &d : Labels)
        labels << QString::fromUtf16(d.label);
    std::sort(labels.begin(), labels.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (QString &l : labels)
        l = QRegularExpression::escape(l).replace(QStringLiteral("\\ "), QStringLiteral("[\\s\\x{00A0}]?"));
    return labels.join(u'|');
}

// Cheap test before the long alternation: the text before the first colon, without bold markers and
// white space, must be a known label. Labels are short, and most lines with a colon near the start
// are code or patch trailers ("Signed-off-by:"), which the ASCII path rejects without allocating.
bool HeaderLabel::mayOpen(QStringView content)
{
    const QStringView head = content.left(MaxLabelLength);
    const qsizetype colon = CodeUnits::nextOf<u':', u'：'>(head, 0); // most lines hold none: read eight at a time
    if (colon < 0)
        return false;
    const QStringView label = head.first(colon);
    thread_local std::u16string ascii;
    ascii.clear();
    if (foldAsciiLabel(label, ascii))
        return std::binary_search(asciiLabelKeys().cbegin(), asciiLabelKeys().cend(), ascii);
    QString key = labelKey(label);
    key.removeIf([](QChar c) { return c == u'*' || c == u'_'; });
    return labelTable().contains(key);
}

// Order used to break ties between languages that share a label or a phrase.
const QStringList &HeaderLabel::languagePriority()
{
    static const QStringList order = QString::fromUtf16(u"en de fr es it pt nl sv no da pl ru uk ja zh ko fi cs sk sl hu tr ro vi")
                                         .split(u' ');
    return order;
}

// A label's languages as indexes into languagePriority(), in the order written: a block's votes are
// counted in an array, where a hash of language names cost more than parsing the block.
const HeaderLabel::Languages &HeaderLabel::languages() const
{
    static const std::vector<Languages> table = [] {
        std::vector<Languages> t;
        for (const HeaderLabel &d : Labels) {
            Languages l;
            for (const QString &lang : QString::fromUtf16(d.languageNames).split(u' ', Qt::SkipEmptyParts))
                l.append(languagePriority().indexOf(lang)); // every label language has a priority
            t.push_back(l);
        }
        return t;
    }();
    return table[size_t(this - Labels)];
}

} // namespace th::analysis
