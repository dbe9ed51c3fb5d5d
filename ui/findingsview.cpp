#include "findingsview.h"

#include "model/displaytext.h"

#include "analysis/bodystructure.h"
#include "analysis/caseanalysis.h"

namespace th::ui {
namespace {

// Everything shown comes from mail or quotes it, so it is escaped, and cut at a length Qt can lay out.
QString escaped(const QString &s)
{
    return model::DisplayText::shortened(s).toHtmlEscaped();
}

// Red for hijacks, amber for suspicious, green for clean: the analyst's first glance.
QString verdictColour(analysis::Verdict::Kind kind)
{
    switch (kind) {
    case analysis::Verdict::Kind::ExternalThreadHijack:
    case analysis::Verdict::Kind::VictimThreadHijack:
        return QStringLiteral("#b00020");
    case analysis::Verdict::Kind::Suspicious:
        return QStringLiteral("#b36b00");
    case analysis::Verdict::Kind::Clean:
        break;
    }
    return QStringLiteral("#2e7d32");
}

QString evidenceLine(const analysis::Evidence &e)
{
    using Kind = analysis::Evidence::Kind;
    switch (e.kind) {
    case Kind::Header:
        return QObject::tr("Header %1: %2").arg(escaped(e.name), escaped(e.value));
    case Kind::Message:
        return QObject::tr("Message &lt;%1&gt; %2").arg(escaped(e.name), escaped(e.value));
    case Kind::Text:
        break;
    }
    return QObject::tr("Body characters %1–%2: <code>%3</code>").arg(e.begin).arg(e.end).arg(escaped(e.value.left(300)));
}

QString findingRow(const analysis::Finding &f)
{
    QStringList evidence;
    for (const analysis::Evidence &e : f.evidence)
        evidence << evidenceLine(e);
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3<br/><small>%4</small></td></tr>")
        .arg(escaped(f.id), escaped(f.severityName()), escaped(f.summary), evidence.join(QStringLiteral("<br/>")));
}

} // namespace

FindingsView::FindingsView(QWidget *parent) : SafeTextBrowser(parent)
{
    setObjectName(QStringLiteral("findingsView"));
}

void FindingsView::showAnalysis(const analysis::MessageAnalysis &a, const analysis::BodyStructure &body)
{
    QString html = QStringLiteral("<h3 style=\"color:%1\">%2 &mdash; score %3</h3>")
                       .arg(verdictColour(a.verdict.kind), escaped(a.verdict.name()))
                       .arg(a.verdict.score);
    if (a.splice >= 0)
        html += tr("<p><b>Splice point</b> at character %1: the authentic content starts with <code>%2</code></p>")
                    .arg(a.splice)
                    .arg(escaped(body.lineAt(a.splice)));
    if (!a.reuseCluster.isEmpty())
        html += tr("<p><b>Reused thread</b>: %1</p>").arg(escaped(a.reuseCluster));
    if (a.findings.isEmpty()) {
        html += tr("<p>No indicator fired.</p>");
    } else {
        html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th>%1</th><th>%2</th><th>%3</th></tr>")
                    .arg(tr("Indicator"), tr("Severity"), tr("Why"));
        for (const analysis::Finding &f : a.findings)
            html += findingRow(f);
        html += QStringLiteral("</table>");
    }
    setHtml(html);
}

void FindingsView::showNote(const QString &note)
{
    setHtml(QStringLiteral("<p><i>%1</i></p>").arg(escaped(note)));
}

} // namespace th::ui
