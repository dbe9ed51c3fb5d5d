#pragma once

#include <QList>
#include <QMultiHash>
#include <QString>

namespace th::analysis {

/// One "method=result" clause of an Authentication-Results field.
struct AuthResult {
    QString method; ///< lower case, version dropped: spf, dkim, dmarc, arc, compauth, auth, iprev, dkim-atps, ...
    QString result; ///< lower case: pass, fail, softfail, neutral, none, temperror, permerror, policy, bestguesspass, ...
    /// reason="..." (Microsoft's compauth code, e.g. "109", is one), else the clause's first (comment) text.
    QString reason;
    /// "ptype.property" names in lower case ("smtp.mailfrom", "header.from", "header.d", "header.b", "arc.chain", ...)
    /// with values as written (quotes removed). Bare names come from Microsoft's non-standard pairs
    /// ("action") and from key=value pairs inside the clause's comments (Google's dmarc "(p=NONE sp=... dis=...)",
    /// rspamd's "(policy=none)", "(i=1)").
    QMultiHash<QString, QString> properties;

    /// The first value given for \a name (lower case), or an empty string.
    [[nodiscard]] QString property(QStringView name) const;
};

/// A parsed Authentication-Results (RFC 8601 section 2.2) or ARC-Authentication-Results (RFC 8617 section 4.1.1)
/// value. Parsing is tolerant, because real fields bend the grammar: CFWS comments anywhere, a version after the
/// authserv-id ("mx.microsoft.com 1;"), "none", clauses without the separating semicolon, and Microsoft 365's form
/// without any authserv-id ("spf=pass (sender IP is ...) smtp.mailfrom=x; dkim=none ...;compauth=pass reason=100").
///
/// Never throws. Bounded work: values longer than MaxValueLength are cut, at most MaxClauses clauses are kept.
/// What could not be understood is skipped and described in \c problem; what was understood is kept.
///
/// Typical usage:
/// \code
///   const auto ar = AuthenticationResults::parse(message.header(u"Authentication-Results"));
///   if (const AuthResult *dmarc = ar.first(u"dmarc"); dmarc && dmarc->result == u"fail") ...
/// \endcode
class AuthenticationResults
{
public:
    static constexpr qsizetype MaxValueLength = 16 * 1024;
    static constexpr int MaxClauses = 64;

    QString authservId;    ///< as written; empty when the field has none (Microsoft 365)
    int arcInstance = 0;   ///< the "i=" of an ARC-Authentication-Results (parseArc); 0 otherwise
    QList<AuthResult> results;
    QString problem;       ///< non-empty when part of the value could not be parsed

    /// Parsed without problem, and it names an authserv-id or gives at least one result.
    [[nodiscard]] bool isValid() const;
    /// The first result of \a method (case-insensitive), or nullptr. Valid while this object is unchanged.
    [[nodiscard]] const AuthResult *first(QStringView method) const;

    [[nodiscard]] static AuthenticationResults parse(QStringView headerValue);
    /// An ARC-Authentication-Results value: "i=N;" then an A-R value.
    [[nodiscard]] static AuthenticationResults parseArc(QStringView headerValue);
};

} // namespace th::analysis
