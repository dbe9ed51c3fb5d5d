#include "verdict.h"

#include <QHash>

namespace th::analysis {
namespace {

double weight(Finding::Severity s)
{
    switch (s) {
    case Finding::Severity::Weak: return 0.5;
    case Finding::Severity::Medium: return 1.5;
    case Finding::Severity::Strong: return 3;
    }
    return 0;
}

bool has(const QList<Finding> &findings, const QStringList &ids)
{
    return std::any_of(findings.cbegin(), findings.cend(), [&ids](const Finding &f) { return ids.contains(f.id); });
}

// Combinations the spec names: a look-alike domain behind a participant's name (A3 with A1); a thread more
// than a year old revived by a forged identity or a broken structure (B6 with A1/A3/B1/B4); a random
// local part behind a participant's name (A10 with A1).
void applyCombinations(QList<Finding> &findings)
{
    const bool spoofedName = has(findings, {QStringLiteral("A1")});
    const bool forged = has(findings, {QStringLiteral("A1"), QStringLiteral("A3"), QStringLiteral("B1"), QStringLiteral("B4")});
    for (Finding &f : findings) {
        if ((f.id == u"A3" && spoofedName && f.severity == Finding::Severity::Medium) || (f.id == u"B6" && f.magnitude > 365 && forged))
            f.severity = Finding::Severity::Strong;
        else if (f.id == u"A10" && spoofedName)
            f.severity = Finding::Severity::Medium;
    }
}

} // namespace

QString Verdict::name(Kind kind)
{
    switch (kind) {
    case Kind::Clean: return QStringLiteral("clean");
    case Kind::Suspicious: return QStringLiteral("suspicious");
    case Kind::ExternalThreadHijack: return QStringLiteral("external-thread-hijack");
    case Kind::VictimThreadHijack: return QStringLiteral("victim-thread-hijack");
    }
    return {};
}

QString Verdict::name() const
{
    return name(kind);
}

Verdict Verdict::of(QList<Finding> &findings, bool knownSender)
{
    applyCombinations(findings);
    QHash<QString, Finding::Severity> strongest;
    for (const Finding &f : findings)
        strongest[f.id] = qMax(strongest.value(f.id, f.severity), f.severity);
    Verdict v;
    int strong = 0, medium = 0;
    for (Finding::Severity s : std::as_const(strongest)) {
        v.evidence += weight(s);
        strong += s == Finding::Severity::Strong ? 1 : 0;
        medium += s == Finding::Severity::Medium ? 1 : 0;
    }
    v.score = qMin(100, qRound(v.evidence * 10));
    const bool forgedIdentity = has(findings, {QStringLiteral("A1"), QStringLiteral("A2"), QStringLiteral("A3"), QStringLiteral("A6")});
    if (v.evidence >= HijackEvidence || (strong >= 1 && medium >= 1))
        v.kind = knownSender && !forgedIdentity ? Kind::VictimThreadHijack : Kind::ExternalThreadHijack;
    else if (v.evidence >= SuspiciousEvidence)
        v.kind = Kind::Suspicious;
    return v;
}

} // namespace th::analysis
