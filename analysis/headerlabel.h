#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
#include <QVarLengthArray>

namespace th::analysis {

/// One label of a quoted header block ("From", "Von", "差出人"), the field it names and the client locales
/// that write it (detection-spec 3.3), with the lookups QuoteHeaderParser makes for every line.
struct HeaderLabel {
    enum class Field { From, Date, To, Cc, Subject, Other };
    /// Indexes into languagePriority(): a block's votes are counted in an array.
    using Languages = QVarLengthArray<qsizetype, 4>;

    const char16_t *label;
    Field field;
    const char16_t *languageNames; ///< space separated; empty: neutral ("Cc" is written the same everywhere)

    /// The label written as \a label (any case, spaces ignored), or nullptr.
    [[nodiscard]] static const HeaderLabel *find(QStringView label);
    /// Could \a content (a line without quote marks) start with a label: the cheap test before the regex.
    [[nodiscard]] static bool mayOpen(QStringView content);
    /// One regex alternation of every label, longest first.
    [[nodiscard]] static QString alternation();
    /// Order used to break ties between languages that share a label or a phrase.
    [[nodiscard]] static const QStringList &languagePriority();
    /// The languages of a label find() returned, in the order written.
    [[nodiscard]] const Languages &languages() const;
};

} // namespace th::analysis
