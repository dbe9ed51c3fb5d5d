#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace th::analysis {

/// The date-time after a Received field's last ';' (RFC 5322 date-time, with the obsolete forms old MTAs still
/// write: two-digit years, named zones; and Go's time.Time text, as SendGrid writes it), in UTC.
///
/// Typical usage:
/// \code
///   const std::optional<QDateTime> t = ReceivedDate::canonical(tail);
///   const QDateTime time = t ? *t : ReceivedDate::parse(ReceivedDate::plainWords(tail));
/// \endcode
class ReceivedDate
{
public:
    /// "Tue, 28 Feb 2023 10:12:13 +0100 (CET)", the form nearly every MTA writes (or with a zone name), read
    /// without a regex or a copy; nothing for any other form, which parse() reads.
    [[nodiscard]] static std::optional<QDateTime> canonical(QStringView text);
    /// Any of the forms; invalid when \a text is none of them.
    [[nodiscard]] static QDateTime parse(const QString &text);
    /// The words of \a tail, a field's text after its last ';', without comments and joined as the hop lexer
    /// joins them: what parse() reads.
    [[nodiscard]] static QString plainWords(QStringView tail);
};

} // namespace th::analysis
