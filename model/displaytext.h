#pragma once

#include <QString>
#include <QVariant>

namespace th::model {

/// Text from mail as the views show it. A field of hostile length is cut, with a note of how much was left
/// out: Qt lays out a long unbroken line in time quadratic in its length, and a 200 kB subject froze the
/// workbench for 29 s when its thread was selected. The full text stays in the store, the raw source view
/// and the report.
///
/// Typical usage:
/// \code
///   case Qt::DisplayRole: return DisplayText::shortened(message.subject);
/// \endcode
class DisplayText
{
public:
    static constexpr qsizetype MaxLength = 2000;

    [[nodiscard]] static QString shortened(const QString &text, qsizetype max = MaxLength);
    /// A string value shortened; any other value as it is.
    [[nodiscard]] static QVariant shortened(const QVariant &value, qsizetype max = MaxLength);
};

} // namespace th::model
