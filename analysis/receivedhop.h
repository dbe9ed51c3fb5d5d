#pragma once

#include <QDateTime>
#include <QString>

namespace th::analysis {

/// One Received field (RFC 5321 section 4.4), parsed from the forms real MTAs write: Postfix and Sendmail
/// "from helo (rdns [ip])", Exim "from rdns ([ip] helo=x)", qmail "from rdns (HELO x) (ip)", ZMailer
/// "from rdns ([ip]:port "EHLO x")", Exchange "from helo (ip) ... with Microsoft SMTP Server", Gmail's
/// "by <IPv6> with SMTP id ...". Comments are skipped when looking for the from/by/via/with/id/for clauses,
/// so "(using TLSv1.2 with cipher ...)" is not mistaken for the protocol.
///
/// Never throws. Bounded work: values longer than MaxValueLength are cut.
///
/// Typical usage:
/// \code
///   for (const QString &v : message.headerValues(u"Received")) {
///       const ReceivedHop hop = ReceivedHop::parse(v);   // topmost (newest) hop first
///       if (hop.isAuthenticatedSubmission()) ...
///   }
/// \endcode
struct ReceivedHop {
    static constexpr qsizetype MaxValueLength = 16 * 1024;

    QString fromHelo;            ///< the name the client gave (HELO/EHLO), as written; may be an "[address]"
    QString fromRdns;            ///< the receiving server's reverse-DNS name of the client; empty when "unknown" or not given
    QString fromIp;              ///< IPv4 or IPv6 as written, without brackets or "IPv6:" prefix
    QString byHost;              ///< the server that added this field, trailing dot removed
    QString via;                 ///< the "via" link type ("listexpand", "Frontend")
    QString protocol;            ///< the "with" value in upper case (ESMTPSA, MAPI, HTTPREST, ...); Exchange's "Microsoft SMTP Server" is SMTP
    QString id;
    QString forAddress;          ///< without angle brackets
    QString authenticatedSender; ///< from "(Authenticated sender: x)", "(authenticated as x)" or Courier's "(AUTH: LOGIN x)"
    QDateTime time;              ///< UTC, from the date after the last ';'; invalid if missing or unparseable
    QString raw;                 ///< the unfolded value
    QString problem;             ///< non-empty when part of the value could not be understood

    /// The client logged in to submit (RFC 3848 ESMTPA/ESMTPSA/LMTPA/LMTPSA, RFC 6531 UTF8SMTPA/UTF8SMTPSA) or the
    /// server noted an authenticated sender: the mail was injected with an account's credentials.
    [[nodiscard]] bool isAuthenticatedSubmission() const;

    [[nodiscard]] static ReceivedHop parse(QStringView headerValue);
    /// parse(headerValue).fromIp, without reading the rest.
    [[nodiscard]] static QString originOf(QStringView headerValue);
    /// parse(headerValue).time, without reading the rest.
    [[nodiscard]] static QDateTime timeOf(QStringView headerValue);
    /// An IPv4 or IPv6 address as written in Received fields (no brackets), e.g. Gmail's "by 2002:a59:...".
    [[nodiscard]] static bool isAddressLiteral(QStringView text);
};

} // namespace th::analysis
