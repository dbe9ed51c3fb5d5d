#pragma once

#include <QString>

namespace th::analysis {

/// Domain names as organisations: IDNA forms, the Public Suffix List's registrable domain (the
/// DMARC "Organizational Domain"), relaxed alignment and free-mail providers (detection-spec A3, A4, A5, A7).
///
/// Every function is thread-safe and never throws; garbage in gives an empty string (or false) out.
/// The PSL is libpsl's newest list (the system's publicsuffix package if newer than the built-in one),
/// with its private section, so "github.io" is a suffix and "foo.github.io" its own organisation.
class DomainIdentity
{
public:
    /// The part after the last '@', lower case, without a trailing dot or '>'; empty if there is no '@'.
    [[nodiscard]] static QString domainOf(QStringView address);
    /// The IDNA U-label form ("xn--d1acufc.xn--p1ai" -> "домен.рф"), UTS #46 mapped (so lower case);
    /// \a domain unchanged when it is not a valid IDNA name.
    [[nodiscard]] static QString toUnicode(QStringView domain);
    /// The IDNA A-label form ("домен.рф" -> "xn--d1acufc.xn--p1ai"); empty when it has none.
    [[nodiscard]] static QString toAscii(QStringView domain);
    /// The PSL registrable domain in U-label form ("mail.ettus.com" -> "ettus.com", "a.b.co.uk" -> "b.co.uk").
    /// Takes a host name or an address. A name the PSL cannot shorten (a public suffix itself such as
    /// "co.uk", a single label such as "localhost") and IPv4 literals come back as they are; empty for
    /// empty input or anything that is not a host name (spaces, empty labels, bad punycode, brackets).
    /// Unknown TLDs follow the PSL's implicit "*" rule: "a.b.unknowntld" -> "b.unknowntld".
    [[nodiscard]] static QString registrable(QStringView domainOrAddress);
    /// DMARC relaxed alignment (RFC 7489 3.1): both have the same, non-empty, registrable domain.
    [[nodiscard]] static bool sameOrganisation(QStringView a, QStringView b);
    /// A web-mail service anyone can sign up to (the list is in domainidentity.cpp: Gmail, Microsoft,
    /// Yahoo, AOL, Apple, GMX/web.de, Mail.ru, Yandex, QQ/163/126, Naver, Proton, Zoho, ...).
    /// Families such as hotmail.*, live.*, yahoo.*, gmx.* and yandex.* match under any public suffix.
    /// Takes a registrable domain, a host or an address.
    [[nodiscard]] static bool isFreemail(QStringView registrableDomain);
};

} // namespace th::analysis
