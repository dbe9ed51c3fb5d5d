#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace th::analysis {

/// The line above a quoted reply that names its author and date (detection-spec 3.1), or a few wrapped
/// lines of it joined by spaces: "On <date>, <name> wrote:" and its forms in the clients' languages,
/// author-first forms ("<name> schrieb am <date>:"), and verb-less ones that open with a date and end in
/// an address (Gmail's "2013/7/20 Name <a@b>"). Text is given without quote marks.
///
/// Typical usage:
/// \code
///   const auto a = AttributionLine::match(u"Am 3. März 2023 um 10:12 schrieb Anna Keller <a@b.de>:",
///                                         AttributionLine::Form::Leading, {true, true});
///   a->language; // "de"; a->who: "Anna Keller <a@b.de>"; a->date: "3. März 2023 um 10:12"
/// \endcode
class AttributionLine
{
public:
    struct Parts {
        QString date, who, language;
    };
    /// The attribution verbs and markers a text holds, one bit each ("wrote", "schrieb", "작성"...).
    using VerbSet = quint32;
    /// What the text holds, for the forms that need it: attribution verbs or markers (verbsIn), an '@'.
    /// Forms whose needs the text lacks are not tried.
    struct Signs {
        VerbSet verbs = 0;
        bool address = false;
    };
    /// Forms that open with a lead word or a date, and forms that open with the author (tried after all
    /// leading ones, so that "Thanks!\nSome One <a@b> wrote:" starts at the name).
    enum class Form { Leading, AuthorFirst };

    /// The parts of \a text when it reads as an attribution of that form.
    [[nodiscard]] static std::optional<Parts> match(QStringView text, Form form, Signs signs);
    /// Cheap test before any regex: an attribution's last line ends in a colon, in "wrote" (English may go
    /// without the colon), in dashes (Android), or in a bracket (an address, or a date in brackets).
    [[nodiscard]] static bool mayEnd(QStringView content);
    /// Could an attribution with these signs open with \a firstLine and end with \a lastLine? False when no
    /// form applies: no verb, no '@' and no form's lead word, or an ending in '>' that only forms opening
    /// with a digit allow. Spares building the text of a window that no form would try.
    [[nodiscard]] static bool mayOpen(QStringView firstLine, QStringView lastLine, Signs signs);
    /// The verbs and markers of attribution forms that \a text holds; 0 for none.
    [[nodiscard]] static VerbSet verbsIn(QStringView text);
};

} // namespace th::analysis
