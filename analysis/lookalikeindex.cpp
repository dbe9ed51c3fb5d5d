#include "lookalikeindex.h"

#include "domainidentity.h"
#include "lookalike.h"

#include <QSet>

#include <algorithm>

namespace th::analysis {
namespace {

constexpr int MaxTypoEdits = 2; // Lookalike's typos are at most two edits apart

// Keys are tagged by kind, so that a label never meets a skeleton or a deletion by chance.
QString key(QChar kind, QStringView text)
{
    return kind + text.toString();
}

QString labelOf(const QString &registrable)
{
    return registrable.section(u'.', 0, 0);
}

// The label with up to MaxTypoEdits code points deleted, each once: Damerau-Levenshtein distance d leaves
// a string both sides reach by at most d deletions (a transposition or a substitution is one on each side).
QSet<QString> deletions(const QString &label)
{
    QSet<QString> out{label};
    QSet<QString> frontier{label};
    for (int edit = 0; edit < MaxTypoEdits; ++edit) {
        QSet<QString> next;
        for (const QString &s : std::as_const(frontier)) {
            const QList<uint> points = s.toUcs4();
            for (qsizetype i = 0; i < points.size(); ++i) {
                QList<uint> shorter = points;
                shorter.removeAt(i);
                next.insert(QString::fromUcs4(reinterpret_cast<const char32_t *>(shorter.constData()), shorter.size()));
            }
        }
        out.unite(next);
        frontier = std::move(next);
    }
    return out;
}

// "paypal-secure": the parts before and after each hyphen, which a hyphenated addition keeps whole.
QStringList hyphenParts(const QString &label)
{
    QStringList out;
    for (qsizetype at = label.indexOf(u'-'); at >= 0; at = label.indexOf(u'-', at + 1))
        out << label.left(at) << label.mid(at + 1);
    return out;
}

} // namespace

LookalikeIndex::LookalikeIndex(const QStringList &registrableDomains)
    : m_domains(registrableDomains)
{
    if (m_domains.size() < IndexedFrom)
        return;
    for (int d = 0; d < m_domains.size(); ++d) {
        const QString label = labelOf(DomainIdentity::registrable(m_domains[d]));
        if (label.isEmpty())
            continue;
        m_byKey[key(u'l', label)] << d;
        m_byKey[key(u's', Lookalike::skeleton(label))] << d;
        m_byKey[key(u'h', QString(label).remove(u'-'))] << d;
        for (const QString &shorter : deletions(label))
            m_byKey[key(u't', shorter)] << d;
    }
}

QStringList LookalikeIndex::candidates(const QString &domain) const
{
    if (m_domains.size() < IndexedFrom)
        return m_domains;
    const QString label = labelOf(DomainIdentity::registrable(domain));
    if (label.isEmpty())
        return {};
    QList<int> found;
    QStringList labels{label, label + u's'};
    if (label.endsWith(u's'))
        labels << label.chopped(1);
    labels += hyphenParts(label);
    for (const QString &l : std::as_const(labels))
        found += m_byKey.value(key(u'l', l));
    found += m_byKey.value(key(u's', Lookalike::skeleton(label)));
    found += m_byKey.value(key(u'h', QString(label).remove(u'-')));
    for (const QString &shorter : deletions(label))
        found += m_byKey.value(key(u't', shorter));
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    QStringList out;
    for (int d : std::as_const(found))
        out << m_domains[d];
    return out;
}

} // namespace th::analysis
