#include "finding.h"

namespace th::analysis {

QString Finding::severityName() const
{
    switch (severity) {
    case Severity::Weak: return QStringLiteral("weak");
    case Severity::Medium: return QStringLiteral("medium");
    case Severity::Strong: return QStringLiteral("strong");
    }
    return {};
}

} // namespace th::analysis
