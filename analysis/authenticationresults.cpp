#include "authenticationresults.h"

#include "rfc5322comment.h"

#include <QRegularExpression>
#include <QSet>

namespace th::analysis {
namespace {

constexpr int MaxProblems = 8; // hostile input could otherwise make the problem text as long as the value

struct Token {
    enum Kind { Word, Quoted, Comment, Semicolon, Equals };
    Kind kind = Word;
    QString text;
    bool glued = false; ///< no white space before it: "header.b=abc==" is one value, not three tokens
};

void note(QStringList &problems, const QString &text)
{
    if (problems.size() < MaxProblems && !problems.contains(text))
        problems << text;
}

bool endsWord(QChar c)
{
    return c.isSpace() || c == u'(' || c == u')' || c == u';' || c == u'=' || c == u'"';
}

// RFC 5322 lexical level: words, quoted strings, nested comments, ";" and "=". White space only separates.
class Lexer
{
public:
    Lexer(QStringView text, QStringList &problems) : m_s(text), m_problems(problems) {}

    QList<Token> tokens()
    {
        QList<Token> out;
        for (;;) {
            const qsizetype before = m_pos;
            while (m_pos < m_s.size() && m_s[m_pos].isSpace())
                ++m_pos;
            if (m_pos >= m_s.size())
                return out;
            out << next(m_pos == before);
        }
    }

private:
    Token next(bool glued)
    {
        const QChar c = m_s[m_pos];
        if (c == u'(')
            return {Token::Comment, readComment(), glued};
        if (c == u'"')
            return {Token::Quoted, readQuoted(), glued};
        if (c == u';' || c == u'=') {
            ++m_pos;
            return {c == u';' ? Token::Semicolon : Token::Equals, QString(c), glued};
        }
        if (c == u')') {
            ++m_pos;
            note(m_problems, QStringLiteral("unbalanced ')'"));
            return {Token::Comment, QString(), glued};
        }
        return {Token::Word, readWord(), glued};
    }

    QString readComment()
    {
        const Rfc5322Comment comment = Rfc5322Comment::read(m_s, m_pos);
        m_pos = comment.end;
        if (!comment.terminated)
            note(m_problems, QStringLiteral("unterminated comment"));
        return comment.text;
    }

    QString readQuoted()
    {
        QString out;
        for (++m_pos; m_pos < m_s.size(); ++m_pos) {
            QChar c = m_s[m_pos];
            if (c == u'"') {
                ++m_pos;
                return out;
            }
            if (c == u'\\' && m_pos + 1 < m_s.size())
                c = m_s[++m_pos];
            out += c;
        }
        note(m_problems, QStringLiteral("unterminated quoted string"));
        return out;
    }

    QString readWord()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_s.size() && !endsWord(m_s[m_pos]))
            ++m_pos;
        return m_s.sliced(start, m_pos - start).toString();
    }

    QStringView m_s;
    qsizetype m_pos = 0;
    QStringList &m_problems;
};

// The IANA "Email Authentication Methods" registry plus Microsoft's compauth: a "name=value" pair with one of
// these names starts a new clause even when the ";" before it is missing.
bool isMethodName(const QString &lower)
{
    static const QSet<QString> methods = {
        QStringLiteral("auth"),     QStringLiteral("dkim"),     QStringLiteral("domainkeys"), QStringLiteral("iprev"),
        QStringLiteral("sender-id"), QStringLiteral("spf"),     QStringLiteral("dkim-adsp"),  QStringLiteral("vbr"),
        QStringLiteral("rrvs"),     QStringLiteral("smime"),    QStringLiteral("dnswl"),      QStringLiteral("dmarc"),
        QStringLiteral("arc"),      QStringLiteral("bimi"),     QStringLiteral("dkim-atps"),  QStringLiteral("compauth")};
    return methods.contains(lower) || lower.startsWith(QLatin1String("x-"));
}

// Key=value pairs inside a clause's comment: where Google and rspamd put the DMARC policy.
void addCommentPairs(AuthResult &r, const QString &comment)
{
    static const QRegularExpression pair(QStringLiteral("(?:^|[\\s,;(])([A-Za-z][\\w.-]*)=([^\\s,;()]+)"));
    for (auto it = pair.globalMatch(comment); it.hasNext();) {
        const auto m = it.next();
        const QString key = m.captured(1).toLower();
        if (!r.properties.contains(key))
            r.properties.insert(key, m.captured(2));
    }
}

// Recursive-descent over the tokens of RFC 8601 section 2.2, skipping (and noting) what does not fit.
class Parser
{
public:
    Parser(QStringView value, AuthenticationResults &out) : m_out(out)
    {
        if (value.size() > AuthenticationResults::MaxValueLength) {
            value = value.first(AuthenticationResults::MaxValueLength);
            note(m_problems, QStringLiteral("value longer than %1 characters; the rest ignored")
                                 .arg(AuthenticationResults::MaxValueLength));
        }
        m_t = Lexer(value, m_problems).tokens();
    }

    void arcInstance()
    {
        skipComments();
        if (isWord(u"i") && is(1, Token::Equals) && is(2, Token::Word) && is(3, Token::Semicolon)) {
            m_out.arcInstance = m_t[m_i + 2].text.toInt();
            m_i += 4;
        }
        if (m_out.arcInstance <= 0)
            note(m_problems, QStringLiteral("no ARC instance (\"i=N;\")"));
    }

    void header()
    {
        skipComments();
        if (atEnd()) {
            note(m_problems, QStringLiteral("empty value"));
            return;
        }
        if (!atPair())
            authservId();
        clauses();
        if (m_out.results.isEmpty() && !m_sawNone)
            note(m_problems, QStringLiteral("no method=result clause"));
    }

    void finish() { m_out.problem = m_problems.join(QStringLiteral("; ")); }

private:
    bool atEnd() const { return m_i >= m_t.size(); }
    bool is(qsizetype ahead, Token::Kind kind) const { return m_i + ahead < m_t.size() && m_t[m_i + ahead].kind == kind; }
    bool isWord(QStringView w) const { return is(0, Token::Word) && m_t[m_i].text.compare(w, Qt::CaseInsensitive) == 0; }
    bool atPair() const { return is(0, Token::Word) && is(1, Token::Equals); }

    // Microsoft writes the recipient's domain again before later clauses:
    // "dkim=none (message not signed) header.d=none;example.com; dmarc=none action=none header.from=x".
    bool atRepeatedDomain() const
    {
        return is(0, Token::Word) && m_t[m_i].text.contains(u'.') && (m_i + 1 == m_t.size() || is(1, Token::Semicolon));
    }

    void skipComments()
    {
        while (is(0, Token::Comment))
            ++m_i;
    }

    void unexpected()
    {
        note(m_problems, QStringLiteral("unexpected \"%1\" skipped").arg(m_t[m_i].text.left(40)));
        ++m_i;
    }

    // authserv-id [CFWS authres-version]
    void authservId()
    {
        if (is(0, Token::Word) || is(0, Token::Quoted))
            m_out.authservId = m_t[m_i++].text;
        skipComments();
        static const QRegularExpression version(QStringLiteral("^\\d+$"));
        if (is(0, Token::Word) && !atPair() && version.match(m_t[m_i].text).hasMatch())
            ++m_i;
    }

    void clauses()
    {
        while (!atEnd()) {
            if (m_out.results.size() >= AuthenticationResults::MaxClauses) {
                note(m_problems, QStringLiteral("more than %1 results; the rest ignored").arg(AuthenticationResults::MaxClauses));
                return;
            }
            if (is(0, Token::Semicolon) || is(0, Token::Comment))
                ++m_i;
            else if (atPair())
                clause();
            else if (isWord(u"none"))
                noResult();
            else if (atRepeatedDomain())
                ++m_i;
            else
                unexpected();
        }
    }

    // RFC 8601 no-result: the server checked nothing.
    void noResult()
    {
        m_sawNone = true;
        ++m_i;
    }

    // method[/version] "=" result, then reason and properties up to the next ";" or method name.
    void clause()
    {
        AuthResult r;
        r.method = m_t[m_i].text.section(u'/', 0, 0).toLower();
        m_i += 2;
        if (is(0, Token::Word))
            r.result = m_t[m_i++].text.toLower();
        else
            note(m_problems, QStringLiteral("no result for \"%1\"").arg(r.method.left(40)));
        clauseTail(r);
        m_out.results << r;
    }

    void clauseTail(AuthResult &r)
    {
        QString firstComment;
        while (!atEnd() && !is(0, Token::Semicolon)) {
            if (is(0, Token::Comment)) {
                if (firstComment.isEmpty())
                    firstComment = m_t[m_i].text;
                addCommentPairs(r, m_t[m_i++].text);
            } else if (atPair()) {
                if (isMethodName(m_t[m_i].text.toLower()))
                    break; // the ";" before this clause is missing
                property(r);
            } else {
                unexpected();
            }
        }
        if (r.reason.isEmpty())
            r.reason = firstComment;
    }

    void property(AuthResult &r)
    {
        const QString name = m_t[m_i].text.toLower();
        m_i += 2;
        const QString value = propertyValue();
        if (name == u"reason")
            r.reason = value;
        else
            r.properties.insert(name, value);
    }

    // A word or quoted string, plus whatever is glued to it ("header.b=abc+/==").
    QString propertyValue()
    {
        if (!(is(0, Token::Word) || is(0, Token::Quoted)) || (atPair() && !m_t[m_i].glued))
            return {};
        QString value = m_t[m_i++].text;
        while (!atEnd() && m_t[m_i].glued && (is(0, Token::Word) || is(0, Token::Equals)))
            value += m_t[m_i++].text;
        return value;
    }

    AuthenticationResults &m_out;
    QList<Token> m_t;
    qsizetype m_i = 0;
    bool m_sawNone = false;
    QStringList m_problems;
};

} // namespace

QString AuthResult::property(QStringView name) const
{
    // QMultiHash lists the most recently inserted value first.
    const QStringList values = properties.values(name.toString());
    return values.isEmpty() ? QString() : values.constLast();
}

bool AuthenticationResults::isValid() const
{
    return problem.isEmpty() && (!authservId.isEmpty() || !results.isEmpty());
}

const AuthResult *AuthenticationResults::first(QStringView method) const
{
    for (const AuthResult &r : results) {
        if (r.method.compare(method, Qt::CaseInsensitive) == 0)
            return &r;
    }
    return nullptr;
}

AuthenticationResults AuthenticationResults::parse(QStringView headerValue)
{
    AuthenticationResults out;
    Parser p(headerValue, out);
    p.header();
    p.finish();
    return out;
}

AuthenticationResults AuthenticationResults::parseArc(QStringView headerValue)
{
    AuthenticationResults out;
    Parser p(headerValue, out);
    p.arcInstance();
    p.header();
    p.finish();
    return out;
}

} // namespace th::analysis
