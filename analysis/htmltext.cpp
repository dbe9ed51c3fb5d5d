#include "htmltext.h"

#include <gumbo.h>

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <vector>

namespace th::analysis {
namespace {

bool isSkipped(GumboTag tag)
{
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_TITLE
        || tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_TEMPLATE;
}

bool isBlock(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_TR:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_HR: case GUMBO_TAG_TABLE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_BODY:
        return true;
    default:
        return false;
    }
}

QString attribute(const GumboElement &e, const char *name)
{
    const GumboAttribute *a = gumbo_get_attribute(&e.attributes, name);
    return a ? QString::fromUtf8(a->value).trimmed() : QString();
}

// Clients prefix the classes and ids of the messages they quote ("x_divRplyFwdMsg" from Outlook,
// "yiv0763106760gmail_quote" and "ydp584ef9feyahoo_quoted" from Yahoo), so names match at the end.
bool hasClass(const GumboElement &e, QStringView name)
{
    const QStringList classes = attribute(e, "class").split(u' ', Qt::SkipEmptyParts);
    return std::any_of(classes.cbegin(), classes.cend(), [name](const QString &c) { return c.endsWith(name); });
}

// The top-bordered div that holds the header block: Outlook desktop 2007/2010 (#B5C4DF), 2013 and later
// (#E1E1E1), Windows Mail (rgb(229, 229, 229)). Style text is compared without white space, which
// Thunderbird inserts when it rewraps a quoted Outlook message.
bool isTopBorderedHeader(const GumboElement &e)
{
    static const QRegularExpression outlook(QStringLiteral("border-top:solid#(?:e1e1e1|b5c4df)|border-top-color:rgb\\(229,229,229\\)"));
    if (e.tag != GUMBO_TAG_DIV)
        return false;
    QString style = attribute(e, "style").toLower();
    style.removeIf([](QChar c) { return c.isSpace(); });
    return outlook.match(style).hasMatch();
}

// Elements written as Outlook's separator line. div#appendonsend is left out: OWA writes it into new
// messages too, with nothing quoted below it (in replies the <hr> and div#divRplyFwdMsg follow it).
bool isSeparator(const GumboElement &e)
{
    const QString id = attribute(e, "id");
    return e.tag == GUMBO_TAG_HR || id.endsWith(u"divRplyFwdMsg") || id == u"OLK_SRC_BODY_SECTION"
        || id == u"mail-editor-reference-message-container" || isTopBorderedHeader(e);
}

bool isEnclosingQuote(const GumboElement &e)
{
    return e.tag == GUMBO_TAG_BLOCKQUOTE || (e.tag == GUMBO_TAG_DIV && hasClass(e, u"yahoo_quoted"));
}

// RFC 2392: "mid:" and the URL-encoded Message-ID, optionally followed by "/" and a Content-ID.
QString citedMessageId(const GumboElement &e)
{
    const QString cite = attribute(e, "cite");
    if (!cite.startsWith(u"mid:", Qt::CaseInsensitive))
        return {};
    const QString id = QUrl::fromPercentEncoding(cite.mid(4).section(u'/', 0, 0).toUtf8()).trimmed();
    return id.startsWith(u'<') && id.endsWith(u'>') ? id.mid(1, id.size() - 2) : id;
}

// ---------------------------------------------------------------------------------------------------
// Nesting bound. gumbo checks its stack of open elements at every tag and copies the stack into every
// parse error it records: 50,000 unclosed <blockquote> (600 kB of hostile HTML) took 73 s and 19 GB,
// 100,000 nested <div> 28 s. Errors are not recorded (max_errors 0), and a document is read only up to
// where more than MaxNesting elements would be open; the walk below stops at depth 512 anyway.

constexpr int MaxNesting = 600;

bool isTagChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Elements that never hold others (void) or that the next sibling closes (<p>, <li>, <td>, ... left open
// in sloppy HTML): they do not deepen the document.
bool nests(QByteArrayView name)
{
    static const char *const flat[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                       "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
                                       "optgroup", "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rp"};
    return std::none_of(std::begin(flat), std::end(flat), [name](const char *f) { return name.compare(QByteArrayView(f), Qt::CaseInsensitive) == 0; });
}

// Elements whose content is text up to their end tag.
bool isRawText(QByteArrayView name)
{
    static const char *const raw[] = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"};
    return std::any_of(std::begin(raw), std::end(raw), [name](const char *r) { return name.compare(QByteArrayView(r), Qt::CaseInsensitive) == 0; });
}

qsizetype after(QByteArrayView html, qsizetype from, QByteArrayView token)
{
    const qsizetype at = html.indexOf(token, from);
    return at < 0 ? html.size() : at + token.size();
}

QByteArrayView tagName(QByteArrayView html, qsizetype from)
{
    qsizetype end = from;
    while (end < html.size() && isTagChar(html[end]))
        ++end;
    return html.sliced(from, end - from);
}

// An end tag closes the latest open element of its name and those opened after it; one that matches no open
// element (a stray </b>, a </p> never counted) closes nothing, as gumbo ignores it.
void close(std::vector<QByteArrayView> &open, QByteArrayView name)
{
    for (size_t k = open.size(); k-- > 0;) {
        if (open[k].compare(name, Qt::CaseInsensitive) == 0) {
            open.resize(k);
            return;
        }
    }
}

// How much of \a html to read: all of it, or up to the tag that would open element MaxNesting + 1, as a scan
// of the tags estimates it.
qsizetype nestingBound(QByteArrayView html)
{
    std::vector<QByteArrayView> open;
    for (qsizetype i = html.indexOf('<'); i >= 0 && i + 1 < html.size(); i = html.indexOf('<', i)) {
        const qsizetype tag = i;
        if (html.sliced(i).startsWith("<!--")) {
            i = after(html, i + 4, "-->");
            continue;
        }
        const bool closing = html[i + 1] == '/';
        if (!closing && (html[i + 1] == '!' || html[i + 1] == '?')) {
            i = after(html, i + 1, ">");
            continue;
        }
        const QByteArrayView name = tagName(html, closing ? i + 2 : i + 1);
        i = after(html, i + 1, ">");
        if (closing)
            close(open, name);
        else if (!name.isEmpty() && isRawText(name))
            i = after(html, i, "</");
        else if (!name.isEmpty() && nests(name))
            open.push_back(name);
        if (open.size() > size_t(MaxNesting))
            return tag;
    }
    return html.size();
}

class Writer
{
public:
    HtmlText result() const { return {m_out.trimmed(), m_cited}; }

    void node(const GumboNode *n, int depth)
    {
        if (depth > 512) // pathological nesting: stop descending rather than exhaust the stack
            return;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA)
            text(QString::fromUtf8(n->v.text.text));
        else if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
            element(n->v.element, depth);
        else if (n->type == GUMBO_NODE_DOCUMENT)
            children(n->v.document.children, depth);
    }

private:
    void children(const GumboVector &v, int depth)
    {
        for (unsigned i = 0; i < v.length; ++i)
            node(static_cast<const GumboNode *>(v.data[i]), depth + 1);
    }

    void element(const GumboElement &e, int depth)
    {
        if (isSkipped(e.tag))
            return;
        const bool separator = isSeparator(e);
        const bool enclosing = isEnclosingQuote(e);
        const bool block = isBlock(e.tag) || separator; // #OLK_SRC_BODY_SECTION is a span
        if (block)
            newline();
        if (separator)
            rule();
        if (enclosing)
            openQuote(e);
        if (e.tag == GUMBO_TAG_IMG)
            text(QStringLiteral("[image: %1]").arg(attribute(e, "src")));
        const qsizetype shownFrom = m_out.size();
        children(e.children, depth);
        if (e.tag == GUMBO_TAG_A)
            linkTarget(attribute(e, "href"), QStringView(m_out).sliced(shownFrom));
        if (enclosing)
            --m_quoteDepth;
        if (block)
            newline();
    }

    void openQuote(const GumboElement &e)
    {
        ++m_quoteDepth;
        const QString id = citedMessageId(e);
        if (!id.isEmpty() && !m_cited.contains(id) && m_cited.size() < HtmlText::MaxCitedMessageIds)
            m_cited << id;
    }

    // Outlook's plain-text separator, once for adjacent containers (OWA's <hr> above div#divRplyFwdMsg).
    // QuoteHeaderParser reads it as a separator only directly above a header block.
    void rule()
    {
        if (m_afterRule)
            return;
        newline();
        text(QString(32, u'_'));
        newline();
        m_afterRule = true;
    }

    // A mailto: link whose text already shows the address adds nothing (and would break the address
    // out of attribution lines such as "Jane <jane@example.com>").
    void linkTarget(const QString &href, QStringView shown)
    {
        if (href.startsWith(u"mailto:", Qt::CaseInsensitive) && shown.contains(QStringView(href).sliced(7).split(u'?').first(), Qt::CaseInsensitive))
            return;
        if (!href.isEmpty() && !href.startsWith(u'#'))
            text(QStringLiteral(" <%1>").arg(href));
    }

    void text(const QString &t)
    {
        static const QRegularExpression spaces(QStringLiteral("\\s+"));
        QString s = t;
        s.replace(spaces, QStringLiteral(" "));
        if (s.isEmpty() || (s == u" " && (m_out.isEmpty() || m_out.endsWith(u'\n') || m_out.endsWith(u' '))))
            return;
        if (m_atLineStart) {
            m_out += QStringLiteral("> ").repeated(m_quoteDepth);
            if (s.startsWith(u' '))
                s.remove(0, 1);
            m_atLineStart = false;
        }
        m_out += s;
        m_afterRule = false;
    }

    void newline()
    {
        if (!m_atLineStart) {
            m_out += u'\n';
            m_atLineStart = true;
        }
    }

    QString m_out;
    QStringList m_cited;
    int m_quoteDepth = 0;
    bool m_atLineStart = true;
    bool m_afterRule = false;
};

} // namespace

HtmlText HtmlText::parse(const QString &html)
{
    const QByteArray utf8 = html.toUtf8();
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput *output = gumbo_parse_with_options(&options, utf8.constData(), size_t(nestingBound(utf8)));
    Writer w;
    w.node(output->document, 0);
    gumbo_destroy_output(&options, output);
    return w.result();
}

} // namespace th::analysis
