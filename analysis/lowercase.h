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
};

} // namespace th::analysis
