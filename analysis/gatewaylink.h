#pragma once

#include <QString>

namespace th::analysis {

/// The link behind a mail security gateway's rewrite. The recipient's gateway rewrites every link of a message
/// as it delivers it, in the quoted history as in the new text, so links are compared by their targets:
/// - Microsoft Defender Safe Links: https://<region>.safelinks.protection.outlook.com/?url=<target>&data=...
/// - Google's redirect (Gmail, Docs): https://www.google.com/url?q=<target>&sa=...
/// - Proofpoint URL Defense v2: https://urldefense.proofpoint.com/v2/url?u=<target, "-XX" escapes, "_" for "/">&d=...
/// - Proofpoint URL Defense v3: https://urldefense.com/v3/__<target, some characters as '*'>__;<those characters>!!<customer>!<signature>$
/// - Mimecast URL Protect: https://protect-<region>.mimecast.com/s/<token>?domain=<host> keeps the target in
///   Mimecast's records; its target is given as the site, https://<host>/, which any link there starts with.
///
/// Typical usage:
/// \code
///   GatewayLink::target(QStringLiteral("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2F&data=05"))
///   // "https://example.org/"
/// \endcode
class GatewayLink
{
public:
    [[nodiscard]] static QString target(const QString &link);
};

} // namespace th::analysis
