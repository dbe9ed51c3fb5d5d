#include "receivedhop.h"

#include "codeunits.h"
#include "lowercase.h"
#include "receiveddate.h"
#include "rfc5322comment.h"

#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>
#include <cctype>

namespace th::analysis {
namespace {

struct Token {
    enum Kind { Word, Literal, Angle, Quoted, Comment, Semicolon };
    Kind kind = Word;
    QStringView text; ///< a Literal keeps its brackets, an Angle its angle brackets; a Comment is its inner text
};

using Tokens = std::vector<Token>;

bool endsWord(QChar c)
{
    return c.isSpace() || c == u'(' || c == u')' || c == u';' || c == u'<' || c == u'"';
}

// RFC 5322 lexical level, as far as Received needs it: "[address]" literals, "<path>" and comments are single
// tokens, so that the ';' in "(ORCPT <rfc822;x>)" or "for <rfc822;x>" is not taken for the date separator.
// Tokens are views of the value, or of the comments' texts the lexer keeps: it must outlive them. A case has
// tens of thousands of hops, and an owned string per token was a third of their parsing.
class Lexer
{
public:
    explicit Lexer(QStringView text)
        : m_s(text), m_lastQuote(text.lastIndexOf(u'"')), m_lastAngle(text.lastIndexOf(u'>')),
          m_lastBracket(text.lastIndexOf(u']'))
    {
    }

    Tokens tokens()
    {
        Tokens out;
        out.reserve(32);
        for (;;) {
            while (m_pos < m_s.size() && m_s[m_pos].isSpace())
                ++m_pos;
            if (m_pos >= m_s.size())
                return out;
            out.push_back(next());
        }
    }

    QString problem() const { return m_problem; }

private:
    Token next()
    {
        const QChar c = m_s[m_pos];
        if (c == u'(')
            return {Token::Comment, readComment()};
        if (c == u';')
            return {Token::Semicolon, m_s.sliced(m_pos++, 1)};
        if (c == u'"')
            return {Token::Quoted, readUntil(u'"', m_lastQuote)};
        if (c == u'<')
            return {Token::Angle, readUntil(u'>', m_lastAngle)};
        if (c == u'[')
            return {Token::Literal, readUntil(u']', m_lastBracket)};
        if (c == u')') {
            ++m_pos;
            m_problem = QStringLiteral("unbalanced ')'");
            return {Token::Comment, QStringView()};
        }
        return {Token::Word, readWord()};
    }

    // Moving a QString keeps its characters where they are: views of kept comments stay valid.
    QStringView readComment()
    {
        const Rfc5322Comment comment = Rfc5322Comment::read(m_s, m_pos);
        m_pos = comment.end;
        if (!comment.terminated)
            m_problem = QStringLiteral("unterminated comment");
        m_comments.push_back(comment.text);
        return m_comments.back();
    }

    // From an opening '"', '<' or '[' through \a close, or to the end of the word when it is missing.
    // \a last (the last \a close in the value) spares a scan to the end for each of many unclosed openers.
    QStringView readUntil(QChar close, qsizetype last)
    {
        const qsizetype start = m_pos;
        if (last <= m_pos)
            return readWord();
        const qsizetype end = m_s.indexOf(close, m_pos + 1);
        m_pos = end + 1;
        return m_s.sliced(start, m_pos - start);
    }

    QStringView readWord()
    {
        const qsizetype start = m_pos++;
        while (m_pos < m_s.size() && !endsWord(m_s[m_pos]))
            ++m_pos;
        return m_s.sliced(start, m_pos - start);
    }

    QStringView m_s;
    qsizetype m_lastQuote;
    qsizetype m_lastAngle;
    qsizetype m_lastBracket;
    qsizetype m_pos = 0;
    QString m_problem;
    std::vector<QString> m_comments;
};

// ---------------------------------------------------------------------------------------------------------
// The "from" clause: which of its names is the HELO, which the reverse DNS, and the address.

// "[address]" without its brackets, "[IPv6:address]" without the prefix too.
QStringView withoutBrackets(QStringView literal)
{
    if (literal.startsWith(u'[') && literal.endsWith(u']'))
        literal = literal.sliced(1, literal.size() - 2);
    return literal.startsWith(u"IPv6:", Qt::CaseInsensitive) ? literal.sliced(5) : literal;
}

const QRegularExpression &heloRe()
{
    static const QRegularExpression re(QStringLiteral("(?:\\bhelo=|(?:^|\")(?:HELO|EHLO)\\s+)(\\[[^\\]\\s]*\\]|[^\\s\")\\]]+)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// Whether \a text contains the lower-case ASCII \a word in any case. QString's case-insensitive search
// folds every character through Unicode tables; these words have no non-ASCII case variants.
bool containsWord(QStringView text, std::string_view word)
{
    for (qsizetype i = 0; i + qsizetype(word.size()) <= text.size(); ++i) {
        qsizetype k = 0;
        while (k < qsizetype(word.size()) && Lowercase::ascii(text[i + k].unicode()) == char16_t(word[size_t(k)]))
            ++k;
        if (k == qsizetype(word.size()))
            return true;
    }
    return false;
}

// Most comments name no HELO: a substring test spares them the regex.
bool mentionsHelo(QStringView comment)
{
    return containsWord(comment, "helo") || containsWord(comment, "ehlo");
}

// Exim "helo=x", qmail "(HELO x)", Yahoo "(EHLO x)", ZMailer "\"EHLO x\"": then the word after "from" is the reverse DNS, not the HELO.
QString heloIn(QStringView comment)
{
    return mentionsHelo(comment) ? heloRe().match(comment).captured(1) : QString();
}

// The run of \a text from \a at whose characters \a inRun accepts: its end.
template<typename InRun>
qsizetype runEnd(QStringView text, qsizetype at, InRun &&inRun)
{
    while (at < text.size() && text[at].unicode() < 0x80 && inRun(char(text[at].unicode())))
        ++at;
    return at;
}

// The first "[address]" or "[IPv6:address]" of \a comment, as the regex \[(?:IPv6:)?([0-9A-Fa-f:.]+(?:%[\w.]+)?)\]
// (caseless) would capture it, read by hand: every Received field of a case has such comments.
QStringView bracketedIn(QStringView comment)
{
    const auto isAddressChar = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; };
    const auto isZoneChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
    for (qsizetype open = comment.indexOf(u'['); open >= 0; open = comment.indexOf(u'[', open + 1)) {
        qsizetype begin = open + 1;
        if (comment.sliced(begin).startsWith(u"IPv6:", Qt::CaseInsensitive))
            begin += 5;
        qsizetype end = runEnd(comment, begin, isAddressChar);
        if (end == begin)
            continue;
        if (end + 1 < comment.size() && comment[end] == u'%') {
            const qsizetype zoneEnd = runEnd(comment, end + 1, isZoneChar);
            end = zoneEnd > end + 1 ? zoneEnd : end;
        }
        if (end < comment.size() && comment[end] == u']')
            return comment.sliced(begin, end - begin);
    }
    return {};
}

QString addressLiteralIn(QStringView comment)
{
    if (const QStringView bracketed = bracketedIn(comment); ReceivedHop::isAddressLiteral(bracketed))
        return bracketed.toString();
    const QStringView bare = withoutBrackets(comment);
    return ReceivedHop::isAddressLiteral(bare) ? bare.toString() : QString();
}

// "[1.2.3.4]", "[IPv6:2a01::1]" inside a comment, or a comment that is just an address (Exchange "(2603:10b6::23)").
// A HELO is no address: Exim writes "(port=52874 helo=[192.168.88.181])" beside the real one.
QString addressIn(QStringView comment)
{
    return mentionsHelo(comment) ? addressLiteralIn(comment.toString().remove(heloRe())) : addressLiteralIn(comment);
}

// Postfix/Sendmail "(name [address])": the name is the reverse DNS; "unknown" means there was none.
QString rdnsIn(QStringView comment)
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z0-9][\\w.-]*)\\s+\\["));
    const QString name = comment.contains(u'[') ? re.match(comment).captured(1) : QString();
    if (name.compare(u"unknown", Qt::CaseInsensitive) == 0 || ReceivedHop::isAddressLiteral(name))
        return {};
    return name.endsWith(u'.') ? name.chopped(1) : name;
}

// The words, literals and comments after a keyword, in order, up to the next keyword.
struct Clause {
    std::span<const Token> items;

    QStringView firstWord() const
    {
        for (const Token &t : items) {
            if (t.kind != Token::Comment)
                return t.text;
        }
        return {};
    }
};

// A bare or bracketed address written where a name could be.
QString literalAddress(QStringView word)
{
    const QStringView bare = withoutBrackets(word);
    return ReceivedHop::isAddressLiteral(bare) ? bare.toString() : QString();
}

// What the receiving server wrote about the client beside the name it gave: comments, and a later "[address]"
// outside any comment (MDaemon "from host [1.2.3.4] by ...").
struct ClientNotes {
    enum Reading { Everything, AddressOnly };

    QString ip;
    QString rdns;
    QString helo;

    ClientNotes(const Clause &from, Reading reading)
    {
        bool nameSeen = false;
        for (const Token &t : from.items) {
            if (t.kind == Token::Comment)
                addComment(t.text, reading);
            else if (nameSeen && ip.isEmpty())
                ip = literalAddress(t.text);
            nameSeen = nameSeen || t.kind != Token::Comment;
        }
    }

    void addComment(QStringView text, Reading reading)
    {
        if (ip.isEmpty())
            ip = addressIn(text);
        if (reading == AddressOnly)
            return;
        if (rdns.isEmpty())
            rdns = rdnsIn(text);
        if (helo.isEmpty())
            helo = heloIn(text);
    }

    /// The client's address: a noted one, else the name after "from" when that is an address.
    QString address(const Clause &from) const { return ip.isEmpty() ? literalAddress(from.firstWord()) : ip; }
};

void readFrom(const Clause &from, ReceivedHop &hop)
{
    const QStringView name = from.firstWord();
    const ClientNotes notes(from, ClientNotes::Everything);
    hop.fromIp = notes.address(from);
    if (notes.helo.isEmpty()) {
        hop.fromHelo = name.toString();
        hop.fromRdns = notes.rdns;
        return;
    }
    // The server put the HELO in its note, so the name after "from" is its own lookup of the client.
    hop.fromHelo = notes.helo;
    const bool named = literalAddress(name).isEmpty() && name.compare(u"unknown", Qt::CaseInsensitive) != 0;
    hop.fromRdns = named ? name.toString() : QString();
}

QString protocolOf(const Clause &with)
{
    const QStringView word = with.firstWord();
    // Exchange names its software instead of the protocol; it means SMTP between its servers.
    if (word.compare(u"Microsoft", Qt::CaseInsensitive) == 0)
        return QStringLiteral("SMTP");
    const qsizetype slash = word.indexOf(u'/');
    return (slash < 0 ? word : word.first(slash)).toString().toUpper();
}

QString authenticatedSenderIn(QStringView comment)
{
    static const QRegularExpression re(
        QStringLiteral("(?:Authenticated sender:|\\bauthenticated as|\\bAUTH:\\s*[\\w-]+)\\s*([^\\s,;()]+)"),
        QRegularExpression::CaseInsensitiveOption);
    return containsWord(comment, "auth") ? re.match(comment).captured(1) : QString();
}

// ---------------------------------------------------------------------------------------------------------

enum Keyword { From, By, Via, With, Id, For, KeywordCount };

int keywordOf(const Token &t)
{
    static constexpr std::array<std::u16string_view, KeywordCount> keywords = {u"from", u"by", u"via", u"with", u"id", u"for"};
    if (t.kind != Token::Word || t.text.size() > 4)
        return -1;
    const auto k = std::find_if(keywords.cbegin(), keywords.cend(), [&t](std::u16string_view w) {
        return t.text.compare(QStringView(w), Qt::CaseInsensitive) == 0;
    });
    return k == keywords.cend() ? -1 : int(k - keywords.cbegin());
}

QString withoutAngles(QStringView path)
{
    return (path.startsWith(u'<') && path.endsWith(u'>') ? path.sliced(1, path.size() - 2) : path).toString();
}

QString wordsFrom(const Tokens &tokens, size_t start, size_t end)
{
    QString words;
    for (size_t i = start; i < end; ++i) {
        if (tokens[i].kind == Token::Comment)
            continue;
        if (!words.isEmpty())
            words += u' ';
        words += tokens[i].text;
    }
    return words;
}

// SendGrid and some Exchange servers write the date without the ';' before it. A date is at most a dozen tokens
// long, so only the last ones are tried: bounded work on long values.
qsizetype unseparatedDateStart(const Tokens &tokens)
{
    constexpr size_t MaxDateTokens = 12;
    for (size_t i = tokens.size() > MaxDateTokens ? tokens.size() - MaxDateTokens : 0; i < tokens.size(); ++i) {
        if (tokens[i].kind == Token::Word && ReceivedDate::parse(wordsFrom(tokens, i, tokens.size())).isValid())
            return qsizetype(i);
    }
    return -1;
}

qsizetype lastSemicolon(const Tokens &tokens)
{
    qsizetype at = qsizetype(tokens.size()) - 1;
    while (at >= 0 && tokens[size_t(at)].kind != Token::Semicolon)
        --at;
    return at;
}

// What endsWithPlainDate() stops at (brackets mean something after the semicolon only). The rest of a value, nearly
// all of it, is skipped eight characters at a time.
qsizetype nextPlainDateStop(QStringView text, qsizetype from)
{
    return CodeUnits::nextOf<u'\\', u'"', u'(', u')', u'<', u'>', u'[', u']'>(text, from);
}

// Is the ';' at \a semicolon, the last of \a value, the one run() takes for the date separator, with nothing
// after it that the lexer would read across it? Then lexing from there gives run()'s date tokens, and a hop's
// time costs a date instead of the whole value. Any doubt (quotes, escapes, brackets after it, a comment open
// across it) takes the long way. A quote inside a comment is text to the lexer (Rfc5322Comment), as in
// vger.kernel.org's "(... "EHLO host" ...)" on every list message, unless a '<' or '[' outside comments came
// first: a '(' after it may be no comment's.
bool endsWithPlainDate(QStringView value, qsizetype semicolon)
{
    int depth = 0;
    bool bracketOutside = false;
    // Comments may nest but not close unopened.
    const auto plain = [&](qsizetype from, qsizetype to, bool afterSemicolon) {
        const QStringView part = value.first(to);
        for (qsizetype i = nextPlainDateStop(part, from); i >= 0; i = nextPlainDateStop(part, i + 1)) {
            const char16_t c = value[i].unicode();
            if (c == u'(' || c == u')') {
                depth += c == u'(' ? 1 : -1;
                if (depth < 0)
                    return false;
            } else if ((c == u'<' || c == u'>' || c == u'[' || c == u']') && !afterSemicolon) {
                bracketOutside = bracketOutside || (depth == 0 && (c == u'<' || c == u'['));
            } else if (c != u'"' || depth == 0 || bracketOutside || afterSemicolon) {
                return false;
            }
        }
        return true;
    };
    return plain(0, semicolon, false) && depth == 0 && plain(semicolon + 1, value.size(), true) && depth == 0;
}

class HopParser
{
public:
    explicit HopParser(QStringView value)
    {
        QString raw = value.toString();
        if (raw.size() > ReceivedHop::MaxValueLength) {
            raw.truncate(ReceivedHop::MaxValueLength);
            m_problems << QStringLiteral("value longer than %1 characters; the rest ignored").arg(ReceivedHop::MaxValueLength);
        }
        raw.remove(u'\r').replace(u'\n', u' ');
        m_hop.raw = raw;
    }

    ReceivedHop run()
    {
        Lexer lexer(m_hop.raw);
        const Tokens tokens = lexer.tokens();
        if (!lexer.problem().isEmpty())
            m_problems << lexer.problem();
        const qsizetype dateStart = dateStartOf(tokens);
        fill(readClauses(tokens, clausesEnd(tokens, dateStart)));
        readDate(tokens, dateStart);
        readAuthentication(tokens);
        m_hop.problem = m_problems.join(QStringLiteral("; "));
        return m_hop;
    }

    // The date alone, as run() reads it.
    QDateTime time()
    {
        Lexer lexer(m_hop.raw);
        const Tokens tokens = lexer.tokens();
        const qsizetype dateStart = dateStartOf(tokens);
        return dateStart < 0 ? QDateTime() : ReceivedDate::parse(wordsFrom(tokens, size_t(dateStart), tokens.size()));
    }

    // The client's address alone, as run() reads it.
    QString origin()
    {
        Lexer lexer(m_hop.raw);
        const Tokens tokens = lexer.tokens();
        const Clause from = readClauses(tokens, clausesEnd(tokens, dateStartOf(tokens)))[From];
        return ClientNotes(from, ClientNotes::AddressOnly).address(from);
    }

private:
    static qsizetype dateStartOf(const Tokens &tokens)
    {
        const qsizetype semicolon = lastSemicolon(tokens);
        return semicolon >= 0 ? semicolon + 1 : unseparatedDateStart(tokens);
    }

    // The clauses end at the date: at its ';', or where an unseparated one starts.
    static size_t clausesEnd(const Tokens &tokens, qsizetype dateStart)
    {
        const qsizetype semicolon = lastSemicolon(tokens);
        return size_t(semicolon >= 0 ? semicolon : dateStart >= 0 ? dateStart : qsizetype(tokens.size()));
    }

    // Words from/by/via/with/id/for outside comments open a clause; the first of each kind counts. Later ones,
    // and what comes before the first, are ignored.
    std::array<Clause, KeywordCount> readClauses(const Tokens &tokens, size_t end)
    {
        std::array<Clause, KeywordCount> clauses;
        std::array<bool, KeywordCount> seen = {};
        bool wordIgnored = false;
        int current = -1;
        size_t start = 0;
        const auto close = [&](size_t stop) {
            const Clause clause{std::span<const Token>(tokens).subspan(start, stop - start)};
            if (current >= 0)
                clauses[size_t(current)] = clause;
            else
                wordIgnored = wordIgnored || !clause.firstWord().isEmpty();
        };
        for (size_t i = 0; i < end; ++i) {
            const int k = keywordOf(tokens[i]);
            if (k < 0)
                continue;
            close(i);
            current = seen[size_t(k)] ? -1 : k;
            seen[size_t(k)] = true;
            start = i + 1;
        }
        close(end);
        if (!seen[From] && !seen[By] && wordIgnored)
            m_problems << QStringLiteral("neither a \"from\" nor a \"by\" clause");
        return clauses;
    }

    void fill(const std::array<Clause, KeywordCount> &clauses)
    {
        readFrom(clauses[From], m_hop);
        const QStringView by = clauses[By].firstWord();
        m_hop.byHost = (by.endsWith(u'.') ? by.chopped(1) : by).toString();
        m_hop.via = clauses[Via].firstWord().toString();
        m_hop.protocol = protocolOf(clauses[With]);
        m_hop.id = clauses[Id].firstWord().toString();
        m_hop.forAddress = withoutAngles(clauses[For].firstWord());
    }

    // Comments in the date ("(PDT)") are dropped.
    void readDate(const Tokens &tokens, qsizetype start)
    {
        if (start < 0) {
            m_problems << QStringLiteral("no date");
            return;
        }
        const QString text = wordsFrom(tokens, size_t(start), tokens.size());
        const std::optional<QDateTime> canonical = ReceivedDate::canonical(text);
        m_hop.time = canonical ? *canonical : ReceivedDate::parse(text);
        if (!m_hop.time.isValid())
            m_problems << QStringLiteral("unparseable date \"%1\"").arg(text.left(80));
    }

    void readAuthentication(const Tokens &tokens)
    {
        for (const Token &t : tokens) {
            if (t.kind == Token::Comment && m_hop.authenticatedSender.isEmpty())
                m_hop.authenticatedSender = authenticatedSenderIn(t.text);
        }
    }

    ReceivedHop m_hop;
    QStringList m_problems;
};

} // namespace

bool ReceivedHop::isAuthenticatedSubmission() const
{
    static const QRegularExpression authenticated(QStringLiteral("^(?:E|UTF8)?(?:SMTP|LMTP)S?A$"));
    return !authenticatedSender.isEmpty() || authenticated.match(protocol).hasMatch();
}

ReceivedHop ReceivedHop::parse(QStringView headerValue)
{
    return HopParser(headerValue).run();
}

QString ReceivedHop::originOf(QStringView headerValue)
{
    return HopParser(headerValue).origin();
}

QDateTime ReceivedHop::timeOf(QStringView headerValue)
{
    const QStringView value = headerValue.left(MaxValueLength);
    const qsizetype semicolon = value.lastIndexOf(u';');
    if (semicolon >= 0 && endsWithPlainDate(value, semicolon)) {
        if (const std::optional<QDateTime> canonical = ReceivedDate::canonical(value.sliced(semicolon + 1)))
            return *canonical;
        return ReceivedDate::parse(ReceivedDate::plainWords(value.sliced(semicolon + 1)));
    }
    return HopParser(headerValue).time();
}

bool ReceivedHop::isAddressLiteral(QStringView text)
{
    // Host names, most of what is asked, fail at their first letter past 'f': no regex for them.
    const qsizetype zone = text.indexOf(u'%');
    const QStringView address = zone < 0 ? text : text.first(zone);
    if (address.isEmpty() || !std::all_of(address.cbegin(), address.cend(), [](QChar c) { return (c.unicode() < 0x80 && std::isxdigit(c.unicode())) || c == u':' || c == u'.'; }))
        return false;
    static const QRegularExpression ipv4(QStringLiteral("^\\d{1,3}(?:\\.\\d{1,3}){3}$"));
    // IPv6 (possibly with an embedded IPv4 or a zone); "::" or eight groups keep "12:34:56" times out.
    static const QRegularExpression ipv6(QStringLiteral("^(?=.*::|(?:[^:]*:){7})[0-9A-Fa-f:]+(?:\\.\\d{1,3}){0,3}(?:%[\\w.]+)?$"));
    return ipv4.match(text).hasMatch() || ipv6.match(text).hasMatch();
}

} // namespace th::analysis
