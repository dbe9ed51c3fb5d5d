#include "htmltext.h"

#include <gumbo.h>

#include <QRegularExpression>

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

class Writer
{
public:
    QString result() const { return m_out; }

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
        const bool block = isBlock(e.tag);
        if (block)
            newline();
        if (e.tag == GUMBO_TAG_BLOCKQUOTE)
            ++m_quoteDepth;
        if (e.tag == GUMBO_TAG_IMG)
            text(QStringLiteral("[image: %1]").arg(attribute(e, "src")));
        children(e.children, depth);
        if (e.tag == GUMBO_TAG_A)
            linkTarget(attribute(e, "href"));
        if (e.tag == GUMBO_TAG_BLOCKQUOTE)
            --m_quoteDepth;
        if (block)
            newline();
    }

    void linkTarget(const QString &href)
    {
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
    }

    void newline()
    {
        if (!m_atLineStart) {
            m_out += u'\n';
            m_atLineStart = true;
        }
    }

    QString m_out;
    int m_quoteDepth = 0;
    bool m_atLineStart = true;
};

} // namespace

QString HtmlText::toText(const QString &html)
{
    const QByteArray utf8 = html.toUtf8();
    GumboOutput *output = gumbo_parse_with_options(&kGumboDefaultOptions, utf8.constData(), size_t(utf8.size()));
    Writer w;
    w.node(output->document, 0);
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    return w.result().trimmed();
}

} // namespace th::analysis
