#include "casesettings.h"

namespace th::analysis {

bool CaseSettings::isOrganisation(const QString &domain) const
{
    const QString d = domain.toLower();
    for (const QString &org : organisationDomains) {
        if (d == org || d.endsWith(u'.' + org))
            return true;
    }
    return false;
}

} // namespace th::analysis
