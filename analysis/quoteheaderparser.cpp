#include "quoteheaderparser.h"

#include "attributionline.h"
#include "quoteddate.h"
#include "separatorline.h"
#include "writtenmailbox.h"

#include <QHash>
#include <QRegularExpression>
#include <QVarLengthArray>

#include <algorithm>
#include <optional>
#include <string>

namespace th::analysis {
namespace {

using model::MailAddress;

// Bounds: talon reads at most 1000 lines (MAX_LINES_COUNT) and joins at most 6 lines when looking for
// a wrapped attribution (SPLITTER_MAX_LINES). Real attributions are far shorter than MaxWindowLength
// even with the duplicated "<a@b<mailto:a@b>>" of Outlook; the cap keeps the regexes linear.
constexpr int MaxLines = 1000;
constexpr int MaxFindings = 200;
constexpr int MaxWindowLines = 6;
constexpr qsizetype MaxWindowLength = 400;
// Lines allowed between two labels of one header block (a wrapped value or a blank line).
constexpr int MaxLabelGap = 2;
constexpr int MaxContinuationLines = 20;
// Longest label with bold markers and spaces ("*Másolatot kap* :").
constexpr qsizetype MaxLabelLength = 24;

constexpr auto Caseless = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;

QRegularExpression rx(const char16_t *pattern, QRegularExpression::PatternOptions options = Caseless)
{
    return QRegularExpression(QString::fromUtf16(pattern), options);
}

// ---------------------------------------------------------------------------------------------------
// Lines

struct Line {
    qsizetype begin = 0, end = 0; ///< in the text; end includes the line break
    QStringView content;          ///< without '>' prefixes and surrounding white space
    int depth = 0;                ///< number of '>' in front
    mutable signed char verb = -1; ///< holds an attribution verb; computed on demand (-1: not yet)
    mutable bool notLabel = false; ///< known not to be a label line: a block's scan asks each line several times
};

// Each line is asked once, however many windows it is part of.
bool hasVerb(const Line &line)
{
    if (line.verb < 0)
        line.verb = AttributionLine::hasVerb(line.content) ? 1 : 0;
    return line.verb == 1;
}

Line makeLine(QStringView text, qsizetype begin, qsizetype contentEnd, qsizetype end)
{
    Line l{begin, end, {}, 0};
    qsizetype i = begin;
    for (; i < contentEnd && (text[i] == u'>' || text[i].isSpace()); ++i)
        l.depth += text[i] == u'>' ? 1 : 0;
    l.content = text.sliced(i, contentEnd - i).trimmed();
    return l;
}

QList<Line> splitLines(QStringView text)
{
    QList<Line> lines;
    qsizetype begin = 0;
    while (begin < text.size() && lines.size() < MaxLines) {
        qsizetype stop = begin;
        while (stop < text.size() && text[stop] != u'\n' && text[stop] != u'\r')
            ++stop;
        qsizetype end = stop;
        if (end < text.size())
            end += (text[end] == u'\r' && end + 1 < text.size() && text[end + 1] == u'\n') ? 2 : 1;
        lines.append(makeLine(text, begin, stop, end));
        begin = end;
    }
    return lines;
}

// ---------------------------------------------------------------------------------------------------
// Languages

// Order used to break ties between languages that share a label or a phrase.
const QStringList &languagePriority()
{
    static const QStringList order = QString::fromUtf16(u"en de fr es it pt nl sv no da pl ru uk ja zh ko fi cs sk sl hu tr ro vi")
                                         .split(u' ');
    return order;
}

bool namesWithoutAddress(const QList<MailAddress> &list)
{
    const bool anyName = std::any_of(list.cbegin(), list.cend(), [](const MailAddress &a) { return !a.name.isEmpty(); });
    const bool anyAddress = std::any_of(list.cbegin(), list.cend(), [](const MailAddress &a) { return !a.address.isEmpty(); });
    return anyName && !anyAddress;
}

// ---------------------------------------------------------------------------------------------------
// Header-block labels (detection-spec 3.3)

enum class Field { From, Date, To, Cc, Subject, Other };

struct LabelDef {
    const char16_t *label;
    Field field;
    const char16_t *languages; ///< space separated; empty: neutral ("Cc" is written the same everywhere)
};

// Labels per client locale (crisp email-forward-parser, mail-parser-reply, talon, spec 3.3). "Other"
// labels (Reply-To, Bcc, Importance...) keep a block together without counting towards the minimum.
constexpr LabelDef LabelDefs[] = {
    {u"From", Field::From, u"en"}, {u"Von", Field::From, u"de"}, {u"De", Field::From, u"fr es pt"},
    {u"Da", Field::From, u"it"}, {u"Mittente", Field::From, u"it"}, {u"Van", Field::From, u"nl"},
    {u"Från", Field::From, u"sv"}, {u"Fra", Field::From, u"no da"}, {u"Lähettäjä", Field::From, u"fi"},
    {u"Od", Field::From, u"pl cs sk"}, {u"Nadawca", Field::From, u"pl"}, {u"Feladó", Field::From, u"hu"},
    {u"De la", Field::From, u"ro"}, {u"Expeditorul", Field::From, u"ro"}, {u"Kimden", Field::From, u"tr"},
    {u"Gönderen", Field::From, u"tr"}, {u"От", Field::From, u"ru"}, {u"Отправитель", Field::From, u"ru"},
    {u"Від", Field::From, u"uk"}, {u"Від кого", Field::From, u"uk"}, {u"差出人", Field::From, u"ja"},
    {u"送信者", Field::From, u"ja"}, {u"送信元", Field::From, u"ja"}, {u"发件人", Field::From, u"zh"},
    {u"寄件者", Field::From, u"zh"}, {u"寄件人", Field::From, u"zh"}, {u"보낸 사람", Field::From, u"ko"},

    {u"Sent", Field::Date, u"en"}, {u"Date", Field::Date, u"en fr"}, {u"Gesendet", Field::Date, u"de"},
    {u"Datum", Field::Date, u"de nl sv cs"}, {u"Envoyé", Field::Date, u"fr"}, {u"Enviado", Field::Date, u"es pt"},
    {u"Enviado el", Field::Date, u"es"}, {u"Enviada em", Field::Date, u"pt"}, {u"Fecha", Field::Date, u"es"},
    {u"Inviato", Field::Date, u"it"}, {u"Data", Field::Date, u"it pl pt"}, {u"Verzonden", Field::Date, u"nl"},
    {u"Skickat", Field::Date, u"sv"}, {u"Sendt", Field::Date, u"no da"}, {u"Dato", Field::Date, u"no da"},
    {u"Lähetetty", Field::Date, u"fi"}, {u"Päivämäärä", Field::Date, u"fi"}, {u"Päiväys", Field::Date, u"fi"},
    {u"Wysłano", Field::Date, u"pl"}, {u"Odesláno", Field::Date, u"cs"}, {u"Odoslané", Field::Date, u"sk"},
    {u"Dátum", Field::Date, u"sk hu"}, {u"Elküldve", Field::Date, u"hu"}, {u"Trimis", Field::Date, u"ro"},
    {u"Dată", Field::Date, u"ro"}, {u"Gönderilen", Field::Date, u"tr"}, {u"Tarih", Field::Date, u"tr"},
    {u"Отправлено", Field::Date, u"ru"}, {u"Дата", Field::Date, u"ru uk"}, {u"Відправлено", Field::Date, u"uk"},
    {u"送信日時", Field::Date, u"ja"}, {u"日付", Field::Date, u"ja"}, {u"发送时间", Field::Date, u"zh"},
    {u"日期", Field::Date, u"zh"}, {u"时间", Field::Date, u"zh"}, {u"寄件日期", Field::Date, u"zh"},
    {u"보낸 날짜", Field::Date, u"ko"}, {u"날짜", Field::Date, u"ko"},

    {u"To", Field::To, u"en"}, {u"An", Field::To, u"de"}, {u"À", Field::To, u"fr"}, {u"Pour", Field::To, u"fr"},
    {u"Para", Field::To, u"es pt"}, {u"A", Field::To, u"it"}, {u"Aan", Field::To, u"nl"}, {u"Till", Field::To, u"sv"},
    {u"Til", Field::To, u"no da"}, {u"Vastaanottaja", Field::To, u"fi"}, {u"Do", Field::To, u"pl"},
    {u"Adresat", Field::To, u"pl"}, {u"Komu", Field::To, u"cs sk"}, {u"Pre", Field::To, u"sk"},
    {u"Címzett", Field::To, u"hu"}, {u"Către", Field::To, u"ro"}, {u"Destinatarul", Field::To, u"ro"},
    {u"Kime", Field::To, u"tr"}, {u"Кому", Field::To, u"ru uk"}, {u"宛先", Field::To, u"ja"},
    {u"送信先", Field::To, u"ja"}, {u"收件人", Field::To, u"zh"}, {u"收件者", Field::To, u"zh"},
    {u"받는 사람", Field::To, u"ko"},

    {u"Cc", Field::Cc, u""}, {u"Kopie", Field::Cc, u"de cs"}, {u"Kopie (CC)", Field::Cc, u"de"},
    {u"Copie à", Field::Cc, u"fr"}, {u"Kopia", Field::Cc, u"sv pl"}, {u"Kopi", Field::Cc, u"no da"},
    {u"Kopio", Field::Cc, u"fi"}, {u"DW", Field::Cc, u"pl"}, {u"Kópia", Field::Cc, u"sk"},
    {u"Másolat", Field::Cc, u"hu"}, {u"Másolatot kap", Field::Cc, u"hu"}, {u"Bilgi", Field::Cc, u"tr"},
    {u"Копия", Field::Cc, u"ru"}, {u"Копія", Field::Cc, u"uk"}, {u"抄送", Field::Cc, u"zh"},
    {u"副本", Field::Cc, u"zh"}, {u"참조", Field::Cc, u"ko"},

    {u"Subject", Field::Subject, u"en"}, {u"Betreff", Field::Subject, u"de"}, {u"Objet", Field::Subject, u"fr"},
    {u"Sujet", Field::Subject, u"fr"}, {u"Asunto", Field::Subject, u"es"}, {u"Oggetto", Field::Subject, u"it"},
    {u"Assunto", Field::Subject, u"pt"}, {u"Onderwerp", Field::Subject, u"nl"}, {u"Ämne", Field::Subject, u"sv"},
    {u"Emne", Field::Subject, u"no da"}, {u"Aihe", Field::Subject, u"fi"}, {u"Temat", Field::Subject, u"pl"},
    {u"Předmět", Field::Subject, u"cs"}, {u"Predmet", Field::Subject, u"sk"}, {u"Tárgy", Field::Subject, u"hu"},
    {u"Subiect", Field::Subject, u"ro"}, {u"Subiectul", Field::Subject, u"ro"}, {u"Konu", Field::Subject, u"tr"},
    {u"Тема", Field::Subject, u"ru uk"}, {u"件名", Field::Subject, u"ja"}, {u"主题", Field::Subject, u"zh"},
    {u"主旨", Field::Subject, u"zh"}, {u"제목", Field::Subject, u"ko"},

    {u"Reply-To", Field::Other, u"en"}, {u"Antwort an", Field::Other, u"de"}, {u"Répondre à", Field::Other, u"fr"},
    {u"Responder a", Field::Other, u"es pt"}, {u"Rispondi a", Field::Other, u"it"}, {u"Risposta", Field::Other, u"it"},
    {u"Antwoord aan", Field::Other, u"nl"}, {u"Svara till", Field::Other, u"sv"}, {u"Svar til", Field::Other, u"no da"},
    {u"Odpowiedź-do", Field::Other, u"pl"}, {u"Ответ-Кому", Field::Other, u"ru"}, {u"Bcc", Field::Other, u""},
    {u"Blindkopie", Field::Other, u"de"}, {u"Cci", Field::Other, u"fr"}, {u"CCO", Field::Other, u"es pt"},
    {u"Ccn", Field::Other, u"it"}, {u"Importance", Field::Other, u"en"}, {u"Wichtigkeit", Field::Other, u"de"},
    {u"Priority", Field::Other, u"en"}, {u"Attachments", Field::Other, u"en"}, {u"Anlagen", Field::Other, u"de"},
    {u"Pièces jointes", Field::Other, u"fr"}, {u"Organization", Field::Other, u"en"},
    {u"Organisation", Field::Other, u"en de fr"},
};

QString labelKey(QStringView label)
{
    QString key = label.toString().toCaseFolded();
    key.removeIf([](QChar c) { return c.isSpace(); });
    return key;
}

const QHash<QString, const LabelDef *> &labelTable()
{
    static const QHash<QString, const LabelDef *> table = [] {
        QHash<QString, const LabelDef *> t;
        for (const LabelDef &d : LabelDefs)
            t.insert(labelKey(QStringView(d.label)), &d);
        return t;
    }();
    return table;
}

// One alternation of every label, longest first, spaces inside labels optional ("보낸사람").
QString labelAlternation()
{
    QStringList labels;
    for (const LabelDef &d : LabelDefs)
        labels << QString::fromUtf16(d.label);
    std::sort(labels.begin(), labels.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (QString &l : labels)
        l = QRegularExpression::escape(l).replace(QStringLiteral("\\ "), QStringLiteral("[\\s\\x{00A0}]?"));
    return labels.join(u'|');
}

// The keys of the ASCII labels, sorted: looked up without building a string.
const std::vector<std::u16string> &asciiLabelKeys()
{
    static const std::vector<std::u16string> keys = [] {
        std::vector<std::u16string> out;
        for (const QString &key : labelTable().keys()) {
            if (std::all_of(key.cbegin(), key.cend(), [](QChar c) { return c.unicode() < 0x80; }))
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
        key += u >= u'A' && u <= u'Z' ? char16_t(u + 32) : u;
    }
    return true;
}

// Cheap test before the long alternation: the text before the first colon, without bold markers and
// white space, must be a known label. Labels are short, and most lines with a colon near the start
// are code or patch trailers ("Signed-off-by:"), which the ASCII path rejects without allocating.
bool mayBeLabel(QStringView content)
{
    const QStringView head = content.left(MaxLabelLength);
    const auto colon = std::find_if(head.cbegin(), head.cend(), [](QChar c) { return c == u':' || c == u'：'; });
    if (colon == head.cend())
        return false;
    const QStringView label = head.first(colon - head.cbegin());
    thread_local std::u16string ascii;
    ascii.clear();
    if (foldAsciiLabel(label, ascii))
        return std::binary_search(asciiLabelKeys().cbegin(), asciiLabelKeys().cend(), ascii);
    QString key = labelKey(label);
    key.removeIf([](QChar c) { return c == u'*' || c == u'_'; });
    return labelTable().contains(key);
}

struct LabelLine {
    const LabelDef *def = nullptr;
    QString value;
    bool spaceColon = false; ///< "Label : value"
};

// A label line: optional bold markers from HTML ("*From:*", "*From*:"), the label, white space or an
// NBSP (French typography) before an ASCII or full-width colon, the value. The label must start with a
// capital (or a letter without case, CJK): mail clients capitalise them, prose lines such as
// "to: whom" do not.
std::optional<LabelLine> labelLine(const QList<Line> &lines, int index)
{
    const Line &line = lines[index];
    if (line.notLabel)
        return std::nullopt;
    line.notLabel = true; // until the regex says otherwise
    // Labels are short: no colon near the start, no label (cheap test before the long alternation).
    if (!mayBeLabel(line.content))
        return std::nullopt;
    static const QRegularExpression re(
        QStringLiteral(R"(^[*_]{0,2}(?=[\p{Lu}\p{Lo}])(%1)[*_]{0,2}([\s\x{00A0}]*)[:：]([*_]{0,2}[\s\x{00A0}]*)(.*)$)")
            .arg(labelAlternation()),
        Caseless);
    const QRegularExpressionMatch m = re.match(line.content);
    if (!m.hasMatch())
        return std::nullopt;
    line.notLabel = false;
    const LabelDef *def = labelTable().value(labelKey(m.capturedView(1)));
    const bool spaceAfter = m.capturedView(4).isEmpty() || std::any_of(m.capturedView(3).cbegin(), m.capturedView(3).cend(),
                                                                      [](QChar c) { return c.isSpace(); });
    return LabelLine{def, m.captured(4).trimmed(), !m.capturedView(2).isEmpty() && spaceAfter};
}

bool isAddressField(Field f)
{
    return f == Field::From || f == Field::To || f == Field::Cc || f == Field::Other;
}

// Does line \a next continue the value of \a label? Address lists wrap after a separator
// ("Cc: a@b;\n c@d"), and a From value after an unclosed bracket ("<a@b\n<mailto:a@b>>").
bool continues(const LabelLine &label, const Line &next)
{
    if (next.content.isEmpty() || !isAddressField(label.def->field))
        return false;
    const QStringView v = QStringView(label.value).trimmed();
    const bool openList = v.endsWith(u',') || v.endsWith(u';');
    const bool openBracket = v.count(u'<') > v.count(u'>') || v.count(u'[') > v.count(u']');
    return openList || openBracket || next.content.startsWith(u'<');
}

// Appends the wrapped continuation lines of \a label; returns the last line used.
int takeContinuation(LabelLine &label, const QList<Line> &lines, int index)
{
    int last = index;
    for (int k = index + 1; k < lines.size() && k - index <= MaxContinuationLines; ++k) {
        if (lines[k].depth != lines[index].depth || labelLine(lines, k) || !continues(label, lines[k]))
            break;
        label.value += u' ' + lines[k].content.toString();
        last = k;
    }
    return last;
}

struct LabelRun {
    QList<LabelLine> labels;
    int lastLine = 0;
};

// Index of the next label line within MaxLabelGap lines after \a end, or -1. Lines in between must
// keep the block's quote depth; a label line may change it, as when only the first line of a block
// escaped quoting ("From: X\n> Sent: ...", seen from Outlook users who trim quotes by hand).
int nextLabel(const QList<Line> &lines, int end, int depth)
{
    for (int k = end + 1; k < lines.size() && k - end <= MaxLabelGap + 1; ++k) {
        if (labelLine(lines, k))
            return k;
        if (lines[k].depth != depth)
            return -1;
    }
    return -1;
}

// Lines between two labels are wrapped parts of the value before ("Subject: a long\nsubject\nTo: x").
void appendGap(LabelLine &label, const QList<Line> &lines, int from, int to)
{
    for (int k = from; k < to; ++k)
        if (!lines[k].content.isEmpty())
            label.value += u' ' + lines[k].content.toString();
}

bool repeatsField(const LabelRun &run, const LabelLine &label)
{
    return label.def->field != Field::Other && std::any_of(run.labels.cbegin(), run.labels.cend(), [&label](const LabelLine &l) {
        return l.def->field == label.def->field;
    });
}

// A block ends where a field comes again: "Subject: x" followed by "> From: y" is the next (older) block.
LabelRun collectLabels(const QList<Line> &lines, int first)
{
    LabelRun run;
    for (int k = first; k >= 0;) {
        LabelLine label = *labelLine(lines, k);
        const int end = takeContinuation(label, lines, k);
        int next = nextLabel(lines, end, lines[first].depth);
        run.labels << label;
        run.lastLine = end;
        if (next >= 0 && repeatsField(run, *labelLine(lines, next)))
            next = -1;
        if (next >= 0)
            appendGap(run.labels.last(), lines, end + 1, next);
        k = next;
    }
    return run;
}

// talon, quotequail and mail-parser-reply all want two header lines. Two different labels, one of
// them From or Sent/Date, keep Q&A ("Q:/A:"), patch trailers ("Cc:/Cc:") and memo lines out; right
// under a separator a From or Date line alone is enough ("----- Ursprüngliche Mail -----\n> Von: x"),
// but not the "Subject: Digest Footer" under a Mailman digest's rule.
bool isBlock(const LabelRun &run, bool afterSeparator)
{
    QList<Field> core;
    for (const LabelLine &l : run.labels)
        if (l.def->field != Field::Other && !core.contains(l.def->field))
            core << l.def->field;
    const bool fromOrDate = core.contains(Field::From) || core.contains(Field::Date);
    return fromOrDate && (afterSeparator || core.size() >= 2);
}

// A label's languages as indexes into languagePriority(), in the order written: a block's votes are
// counted in an array, where a hash of language names cost more than parsing the block.
using Languages = QVarLengthArray<qsizetype, 4>;
const Languages &languagesOf(const LabelDef *def)
{
    static const std::vector<Languages> table = [] {
        std::vector<Languages> t;
        for (const LabelDef &d : LabelDefs) {
            Languages l;
            for (const QString &lang : QString::fromUtf16(d.languages).split(u' ', Qt::SkipEmptyParts))
                l.append(languagePriority().indexOf(lang)); // every label language has a priority
            t.push_back(l);
        }
        return t;
    }();
    return table[size_t(def - LabelDefs)];
}

// The language that explains most labels; ties go to the separator's language above the block (a
// Danish "Oprindelig meddelelse" over Fra/Sendt/Til is Danish, not Norwegian), then to
// languagePriority. Neutral labels ("Cc") vote for nobody.
QString blockLanguage(const QList<LabelLine> &labels, const QString &hint)
{
    QVarLengthArray<int, 32> votes(languagePriority().size(), 0);
    for (const LabelLine &l : labels)
        for (qsizetype lang : languagesOf(l.def))
            ++votes[lang];
    qsizetype best = -1;
    const auto votesOf = [&votes](qsizetype lang) { return lang < 0 ? 0 : votes[lang]; };
    for (qsizetype lang = 0; lang < votes.size(); ++lang)
        if (votes[lang] > votesOf(best))
            best = lang;
    if (!hint.isEmpty() && votesOf(languagePriority().indexOf(hint)) == votesOf(best))
        return hint;
    return best < 0 ? QString() : languagePriority()[best];
}

// Each label is credited to the block's language when it can be read so, else to its own first one.
QStringList labelLanguages(const QList<LabelLine> &labels, const QString &block)
{
    const qsizetype blockIndex = languagePriority().indexOf(block);
    QStringList out;
    for (const LabelLine &l : labels) {
        const Languages &langs = languagesOf(l.def);
        if (langs.isEmpty())
            continue;
        const QString &lang = languagePriority()[langs.contains(blockIndex) ? blockIndex : langs.first()];
        if (!out.contains(lang))
            out << lang;
    }
    return out;
}

void applyFrom(QuotedHeader &h, const QString &value)
{
    MailAddress from = WrittenMailbox::parse(value);
    if (const auto d = WrittenMailbox::delegation(value)) {
        const MailAddress sender = WrittenMailbox::parse(d->first);
        h.senderName = sender.name;
        h.senderAddress = sender.address;
        from = WrittenMailbox::parse(d->second);
    }
    h.fromLine = true;
    h.fromName = from.name;
    h.fromAddress = from.address;
    ++h.addressFields;
    h.addressFieldsWithoutAddress += (from.address.isEmpty() && !from.name.isEmpty()) ? 1 : 0;
}

void applyDate(QuotedHeader &h, const QString &value)
{
    h.dateText = value;
    if (const auto d = QuotedDate::parse(value, h.language)) {
        h.date = d->utc;
        h.dateHasZone = d->hasZone;
    }
}

void applyRecipients(QuotedHeader &h, QList<MailAddress> &list, bool &present, const QString &value)
{
    present = true;
    list = WrittenMailbox::parseList(value);
    ++h.addressFields;
    h.addressFieldsWithoutAddress += namesWithoutAddress(list) ? 1 : 0;
}

// The first label of each kind counts; a second "From:" is more likely body text.
void applyLabel(QuotedHeader &h, const LabelLine &l)
{
    switch (l.def->field) {
    case Field::From:
        if (!h.fromLine)
            applyFrom(h, l.value);
        break;
    case Field::Date:
        if (h.dateText.isEmpty())
            applyDate(h, l.value);
        break;
    case Field::To:
        if (!h.toLine)
            applyRecipients(h, h.to, h.toLine, l.value);
        break;
    case Field::Cc:
        if (!h.ccLine)
            applyRecipients(h, h.cc, h.ccLine, l.value);
        break;
    case Field::Subject:
        if (h.subject.isEmpty())
            h.subject = l.value;
        break;
    case Field::Other:
        break;
    }
}

// The "From <sha1> Mon Sep 17 00:00:00 2001" line of git format-patch right above the block, or its
// From/Date/Subject header with a "[PATCH ...]" subject and no recipients (a mail client's reply to a
// patch mail quotes the same subject but with To/Cc lines).
bool isGitPatch(const QuotedHeader &h, const QList<Line> &lines, int first)
{
    static const QRegularExpression patchSubject = rx(uR"re(^\[(?:[^\]]*\s)?PATCH\b)re");
    static const QRegularExpression mboxLine = rx(uR"re(^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$)re");
    const bool formatPatchHeader = patchSubject.match(h.subject).hasMatch() && !h.toLine && !h.ccLine;
    return formatPatchHeader || (first > 0 && mboxLine.match(lines[first - 1].content).hasMatch());
}

void setSpan(QuotedHeader &h, const QList<Line> &lines, int first, int last)
{
    h.firstLine = first;
    h.lastLine = last;
    h.begin = lines[first].begin;
    h.end = lines[last].end;
    h.depth = lines[first].depth;
}

QuotedHeader headerBlock(const QList<Line> &lines, int first, const LabelRun &run, const QString &hint)
{
    QuotedHeader h;
    h.style = QuotedHeader::Style::HeaderBlock;
    setSpan(h, lines, first, run.lastLine);
    h.language = blockLanguage(run.labels, hint);
    h.labelLanguages = labelLanguages(run.labels, h.language);
    h.spaceColon = std::all_of(run.labels.cbegin(), run.labels.cend(), [](const LabelLine &l) { return l.spaceColon; });
    for (const LabelLine &l : run.labels)
        applyLabel(h, l);
    h.gitPatch = isGitPatch(h, lines, first);
    return h;
}

// \a separator: the separator right above, if any (it lowers the bar and hints the language).
std::optional<QuotedHeader> headerBlockAt(const QList<Line> &lines, int first, const QuotedHeader *separator)
{
    if (!labelLine(lines, first))
        return std::nullopt;
    const LabelRun run = collectLabels(lines, first);
    if (!isBlock(run, separator != nullptr))
        return std::nullopt;
    return headerBlock(lines, first, run, separator ? separator->language : QString());
}

// ---------------------------------------------------------------------------------------------------
// Separators (detection-spec 3.2)

QuotedHeader separator(const QList<Line> &lines, int index, const QString &kind, const QString &language)
{
    QuotedHeader h;
    h.style = QuotedHeader::Style::Separator;
    h.separatorKind = kind;
    h.language = language;
    setSpan(h, lines, index, index);
    return h;
}

// The first non-empty line after \a index, within MaxLabelGap lines, or -1.
int nextContentLine(const QList<Line> &lines, int index)
{
    for (int k = index + 1; k < lines.size() && k - index <= MaxLabelGap + 1; ++k)
        if (!lines[k].content.isEmpty())
            return k;
    return -1;
}

std::optional<QuotedHeader> separatorAt(const QList<Line> &lines, int index)
{
    if (const SeparatorLine::Phrase *p = SeparatorLine::phrase(lines[index].content))
        return separator(lines, index, QString::fromUtf16(p->kind), QString::fromUtf16(p->language));
    const QString kind = SeparatorLine::ruleKind(lines[index].content);
    const int next = kind.isEmpty() ? -1 : nextContentLine(lines, index);
    if (next < 0)
        return std::nullopt;
    const QuotedHeader rule = separator(lines, index, kind, QString());
    if (!headerBlockAt(lines, next, &rule))
        return std::nullopt;
    return rule;
}

// ---------------------------------------------------------------------------------------------------
// Attributions (detection-spec 3.1; the forms are AttributionLine's)

struct AttributionSpan {
    int first = 0;
    AttributionLine::Parts parts;
};

struct Window {
    int first = 0;
    QString text;
    AttributionLine::Signs signs;
};

// The lines [first, last] as one text: the non-empty contents joined by spaces.
QString joinedContent(const QList<Line> &lines, int first, int last)
{
    QString text;
    for (int k = first; k <= last; ++k) {
        if (lines[k].content.isEmpty())
            continue;
        if (!text.isEmpty())
            text += u' ';
        text += lines[k].content;
    }
    return text;
}

// The windows ending at line \a last, latest start first: one line, two lines, ... up to
// MaxWindowLines lines or MaxWindowLength characters, none starting on an empty line. A window no
// attribution form could match (AttributionLine::mayOpen) is left out before its text is built.
QList<Window> windowsEndingAt(const QList<Line> &lines, int last, int floor)
{
    QList<Window> windows;
    AttributionLine::Signs signs;
    qsizetype length = 0;
    for (int first = last; first >= std::max(floor, last - MaxWindowLines + 1); --first) {
        const Line &line = lines[first];
        if (!line.content.isEmpty())
            length += (length > 0 ? 1 : 0) + line.content.size();
        if (length > MaxWindowLength)
            break;
        signs.verb = signs.verb || hasVerb(line);
        signs.address = signs.address || line.content.contains(u'@');
        if (!line.content.isEmpty() && AttributionLine::mayOpen(line.content, signs))
            windows.append({first, joinedContent(lines, first, last), signs});
    }
    return windows;
}

// The attribution whose last line is \a last, not starting before \a floor. Leading forms first, then
// author-first ones; for each, the latest start wins.
std::optional<AttributionSpan> attributionEndingAt(const QList<Line> &lines, int last, int floor)
{
    if (!AttributionLine::mayEnd(lines[last].content))
        return std::nullopt;
    const QList<Window> windows = windowsEndingAt(lines, last, floor);
    for (const AttributionLine::Form form : {AttributionLine::Form::Leading, AttributionLine::Form::AuthorFirst})
        for (const Window &w : windows)
            if (std::optional<AttributionLine::Parts> a = AttributionLine::match(w.text, form, w.signs))
                return AttributionSpan{w.first, *a};
    return std::nullopt;
}

QuotedHeader attribution(const QList<Line> &lines, const AttributionSpan &span, int last)
{
    QuotedHeader h;
    h.style = QuotedHeader::Style::Attribution;
    setSpan(h, lines, span.first, last);
    h.language = span.parts.language;
    const MailAddress who = WrittenMailbox::parse(span.parts.who);
    h.fromName = who.name;
    h.fromAddress = who.address;
    h.addressFields = 1;
    h.addressFieldsWithoutAddress = (who.address.isEmpty() && !who.name.isEmpty()) ? 1 : 0;
    if (!span.parts.date.isEmpty())
        applyDate(h, span.parts.date);
    return h;
}

// ---------------------------------------------------------------------------------------------------
// The scan

class Scan
{
public:
    explicit Scan(const QList<Line> &lines) : m_lines(lines) {}

    QList<QuotedHeader> run()
    {
        for (int i = 0; i < m_lines.size() && m_found.size() < MaxFindings;)
            i = step(i);
        return m_found;
    }

private:
    void add(const QuotedHeader &h)
    {
        m_found << h;
        m_floor = h.lastLine + 1;
    }

    // The latest finding if it is a separator within MaxLabelGap lines above line \a i.
    const QuotedHeader *separatorAbove(int i) const
    {
        const bool near = !m_found.isEmpty() && m_found.last().style == QuotedHeader::Style::Separator
            && i - m_found.last().lastLine <= MaxLabelGap + 1;
        return near ? &m_found.last() : nullptr;
    }

    int step(int i)
    {
        if (m_lines[i].content.isEmpty())
            return i + 1;
        if (const std::optional<QuotedHeader> s = separatorAt(m_lines, i)) {
            add(*s);
            return i + 1;
        }
        if (const std::optional<QuotedHeader> b = headerBlockAt(m_lines, i, separatorAbove(i))) {
            add(*b);
            return b->lastLine + 1;
        }
        if (const std::optional<AttributionSpan> a = attributionEndingAt(m_lines, i, m_floor))
            add(attribution(m_lines, *a, i));
        return i + 1;
    }

    const QList<Line> &m_lines;
    QList<QuotedHeader> m_found;
    int m_floor = 0; ///< first line not part of an earlier finding
};

} // namespace

QList<QuotedHeader> QuoteHeaderParser::find(QStringView text)
{
    const QList<Line> lines = splitLines(text);
    return Scan(lines).run();
}

bool QuoteHeaderParser::isSplitterLine(QStringView line)
{
    qsizetype end = line.size();
    while (end > 0 && (line[end - 1] == u'\n' || line[end - 1] == u'\r'))
        --end;
    const Line l = makeLine(line, 0, end, end);
    if (l.content.isEmpty() || l.content.size() > MaxWindowLength)
        return false;
    const AttributionLine::Signs signs{hasVerb(l), l.content.contains(u'@')};
    return SeparatorLine::phrase(l.content) || AttributionLine::match(l.content, AttributionLine::Form::Leading, signs)
        || AttributionLine::match(l.content, AttributionLine::Form::AuthorFirst, signs);
}

} // namespace th::analysis
