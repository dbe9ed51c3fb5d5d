#pragma once

#include <QStringList>

namespace th::analysis {

/// What the analyst tells the engine about the case (detection-spec 1, OrgConfig).
struct CaseSettings {
    QStringList organisationDomains; ///< registrable domains of the victim organisation (suffix match)
    QStringList trustedAuthservIds;  ///< Authentication-Results writers that can be believed
    QStringList sisterDomains;       ///< domains of the organisation's partners or itself never to call look-alikes
    bool organisationInferred = false; ///< organisationDomains was guessed from the case, not configured

    [[nodiscard]] bool isOrganisation(const QString &domain) const;
};

} // namespace th::analysis
