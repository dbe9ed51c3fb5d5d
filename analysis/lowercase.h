#pragma once

#include <QString>

namespace th::analysis {

/// QString::toLower() with a fast path for ASCII. The analysis lower-cases every address of every message
/// several times (participants, linker, identities), and Qt folds each character through its Unicode tables;
/// an ASCII text that is already lower case comes back shared, without a copy.
///
/// Typical usage:
/// \code
///   ++counts[Lowercase::of(address.address)];
/// \endcode
class Lowercase
{
public:
    /// Equal to text.toLower().
    [[nodiscard]] static QString of(const QString &text);
    /// Equal to a.compare(b, Qt::CaseInsensitive) == 0. Qt folds every character through its Unicode tables;
    /// ASCII text (nearly every address) is compared by hand: linking quotes compares addresses by the thousand.
    [[nodiscard]] static bool equal(QStringView a, QStringView b);
    /// An ASCII capital lower-cased; any other character as it is.
    [[nodiscard]] static constexpr char16_t ascii(char16_t c) { return c >= u'A' && c <= u'Z' ? char16_t(c + (u'a' - u'A')) : c; }
};

} // namespace th::analysis
