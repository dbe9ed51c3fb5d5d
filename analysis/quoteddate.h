#pragma once

#include <QDateTime>
#include <QStringView>

#include <optional>

namespace th::analysis {

/// Reads the dates that mail clients write into attributions and "Sent:"/"Date:" lines of quoted
/// headers, in the languages of detection-spec section 3: "Thursday, September 9, 2021 1:29 PM",
/// "Tue, Sep 7, 2021 at 10:25 PM", "Mittwoch, 9. Dezember 2020 10:14", "lun. 6 mars 2023 à 14:02",
/// "2020年5月21日 16:15", "2026年4月28日 上午 11:30", "2023. 3. 15. 오후 2:01", "06.03.2023 14:02",
/// "2023-03-06 14:02 GMT+01:00", RFC 2822, ...
///
/// Weekday names are ignored; month names are looked up in a multilingual table. Quoted dates are
/// usually rendered in the replier's local time without an offset, so a date without a zone is read
/// as if it were UTC and reported with hasZone = false: callers must allow for the unknown offset
/// (detection-spec B6 allows one day).
///
/// Typical usage:
/// \code
///   if (const auto d = QuotedDate::parse(u"Mittwoch, 9. Dezember 2020 10:14"))
///       qDebug() << d->utc << d->hasZone;   // 2020-12-09T10:14:00Z false
/// \endcode
class QuotedDate
{
public:
    struct Result {
        QDateTime utc;        ///< always valid and in UTC
        bool hasZone = false; ///< the text gave an offset or a zone name
    };

    [[nodiscard]] static std::optional<Result> parse(QStringView text);
    /// \a language ("en", "fr", ...) settles ambiguous numeric dates: 03/06/2023 is March 6 for "en"
    /// or an unknown language (US clients write month first), June 3 for any other language.
    [[nodiscard]] static std::optional<Result> parse(QStringView text, QStringView language);
    /// Where the date at the start of \a text ends: after its clock time (with am/pm and zone, as in
    /// "Tue, 22 Dec 2015 14:17:36 +0530"), else after its year or numeric date ("4/4/12"); 0 if it has
    /// none of them. Used to split
    /// "<date>, <name> wrote" when the name is not separated by a keyword.
    [[nodiscard]] static qsizetype length(QStringView text);

private:
    [[nodiscard]] static std::optional<Result> parseUncached(QStringView text, QStringView language);
};

} // namespace th::analysis
