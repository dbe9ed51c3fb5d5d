#pragma once

#include "authenticationresults.h"
#include "model/message.h"

#include <QStringList>

#include <vector>

namespace th::analysis {

/// Which Authentication-Results fields of a message can be believed (RFC 8601 section 7, detection-spec A6).
///
/// Any sender can write "Authentication-Results: mx.example.com; dmarc=pass" into its own header block. Only
/// fields that a server of the analyst's organisation added are evidence: their authserv-id is one the analyst
/// trusts, and they sit above the point where the message entered from outside, i.e. above the first Received
/// field (from the top) that a host outside the trusted names added.
///
/// Received fields whose "by" names no host (missing, an address literal such as Gmail's internal
/// "by 2002:a19:c1cd::", or localhost) do not end the trusted region: they identify nobody, and real receiving
/// chains put them above the border MTA's own field.
///
/// Known limits, all of which make the result stricter, never looser: Microsoft 365 fields carry no authserv-id
/// and so are never trusted; a server that appends its field below the sender's Received fields (seen with
/// rspamd milters) is not trusted; a mailbox fed through a forwarder or archive needs that relay's name in the
/// trusted list too.
///
/// Typical usage:
/// \code
///   for (const AuthenticationResults &ar : AuthTrust::trusted(message, settings.trustedAuthservIds))
///       if (const AuthResult *d = ar.first(u"dmarc"); d && d->result == u"fail") ...
/// \endcode
class AuthTrust
{
public:
    /// The trusted Authentication-Results fields of \a m, top to bottom. An id matches case-insensitively, and as a
    /// suffix on a dot boundary (trusted "example.com" accepts "mx1.example.com", not "badexample.com"). Fields without
    /// authserv-id are never trusted; with an empty \a trustedIds nothing is.
    [[nodiscard]] static QList<AuthenticationResults> trusted(const model::Message &m, const QStringList &trustedIds);
    /// Every Authentication-Results field of \a m, parsed, top to bottom (to show as "untrusted claims").
    [[nodiscard]] static QList<AuthenticationResults> all(const model::Message &m);
    /// A default guess of the receiving servers when the analyst configured none: the authserv-ids of the topmost
    /// Authentication-Results field, each kept when it is the topmost one of at least a fifth of \a messages;
    /// lower case, most frequent first.
    [[nodiscard]] static QStringList likelyReceivingIds(const std::vector<model::Message> &messages);
    /// \a name equals a trusted id or ends with "." followed by one (case-insensitive).
    [[nodiscard]] static bool isTrustedName(QStringView name, const QStringList &trustedIds);
};

} // namespace th::analysis
