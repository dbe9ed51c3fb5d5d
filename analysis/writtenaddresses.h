#pragma once

#include <QList>
#include <QStringView>

#include <utility>

namespace th::analysis {

/// Mail addresses written in a text, found as a global match of
/// (?<![/=A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+ finds them, read by hand from
/// each '@': a thread's quoted originals are searched line by line, and a regex match cost some two thousand
/// instructions an '@'. The look-behind keeps the ids of archive links ("lore.kernel.org/r/<id>") and of
/// "?id=" parameters out.
///
/// Typical usage:
/// \code
///   for (const auto &[begin, end] : WrittenAddresses::spans(text))
///       use(text.sliced(begin, end - begin));
/// \endcode
class WrittenAddresses
{
public:
    /// [begin, end) of each address, in text order, apart.
    [[nodiscard]] static QList<std::pair<qsizetype, qsizetype>> spans(QStringView text);
};

} // namespace th::analysis
