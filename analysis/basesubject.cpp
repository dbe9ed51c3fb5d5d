#include "basesubject.h"

#include <QRegularExpression>

namespace th::analysis {
namespace {

// Reply and forward prefixes, each optionally counted ("Re[2]:", "Re^2:"), followed by a colon
// (ASCII or full-width). Sources: detection-spec 3.4 (crisp email-forward-parser, StackOverflow 11640925).
const QString ReplyWords = QStringLiteral("re|res|aw|sv|vs|antw|rif|r|odp|ynt|απ|σχετ|תגובה|回复|答复|回覆|회신|返信");
const QString ForwardWords = QStringLiteral("fwd?|wg|tr|rv|i|enc|pd|vb|vl|videresend|redir\\.|i̇lt|ilt|转发|轉寄|転送|전달|הועבר");

QRegularExpression prefixRe(const QString &words)
{
    return QRegularExpression(QStringLiteral("^\\s*(?:%1)\\s*(?:\\[\\d+\\]|\\^\\d+)?\\s*[:：]\\s*").arg(words),
                              QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
}

const QRegularExpression &replyPrefix()
{
    static const QRegularExpression re = prefixRe(ReplyWords);
    return re;
}

const QRegularExpression &forwardPrefix()
{
    static const QRegularExpression re = prefixRe(ForwardWords);
    return re;
}

const QRegularExpression &anyPrefix()
{
    static const QRegularExpression re = prefixRe(ReplyWords + u'|' + ForwardWords);
    return re;
}

// Strips one layer: a leading "[list tag]", a reply/forward prefix, a trailing "(fwd)", or "[fwd: ...]".
bool stripOnce(QString &s)
{
    static const QRegularExpression blob(QStringLiteral("^\\s*\\[[^\\[\\]]*\\]\\s*"));
    static const QRegularExpression trailer(QStringLiteral("\\s*\\(fwd\\)\\s*$"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression wrapped(QStringLiteral("^\\[fwd:\\s*(.*)\\]$"), QRegularExpression::CaseInsensitiveOption);
    const QString before = s;
    if (const auto m = wrapped.match(s); m.hasMatch())
        s = m.captured(1);
    s.remove(trailer);
    s.remove(anyPrefix());
    // A bracketed blob is a list tag only if something is left after it (RFC 5256 subj-blob rule).
    if (const auto m = blob.match(s); m.hasMatch() && m.capturedLength() < s.size())
        s = s.mid(m.capturedLength());
    return s != before;
}

// Leading white space and "[list tags]" (the regex ^\s*(?:\[[^\[\]]*\]\s*)*, read without one: the
// reply test runs on every message, and QString::remove with a regex cost 6,000 instructions a subject).
QString withoutListTags(QString subject)
{
    const auto isSpace = [](QChar c) { return c == u' ' || (c >= u'\t' && c <= u'\r'); };
    const qsizetype n = subject.size();
    qsizetype i = 0;
    while (i < n && isSpace(subject[i]))
        ++i;
    qsizetype end = i;
    while (i < n && subject[i] == u'[') {
        qsizetype close = i + 1;
        while (close < n && subject[close] != u'[' && subject[close] != u']')
            ++close;
        if (close == n || subject[close] != u']')
            break;
        i = close + 1;
        while (i < n && isSpace(subject[i]))
            ++i;
        end = i;
    }
    return subject.remove(0, end);
}

} // namespace

QString BaseSubject::of(const QString &subject)
{
    QString s = subject.simplified();
    for (int guard = 0; guard < 64 && stripOnce(s); ++guard) {
    }
    return s.trimmed().toCaseFolded();
}

bool BaseSubject::isReply(const QString &subject)
{
    return replyPrefix().match(withoutListTags(subject)).hasMatch();
}

bool BaseSubject::isForward(const QString &subject)
{
    return forwardPrefix().match(withoutListTags(subject)).hasMatch();
}

} // namespace th::analysis
