#pragma once

#include <QStringView>

namespace th::analysis {

/// Where lines end. The segmenter, the quoted-header parser and the signature finder each split every body into
/// lines of a few dozen characters, and QStringView::indexOf spent more on its set-up than on such a line.
///
/// Typical usage:
/// \code
///   for (qsizetype at = 0, nl; at < text.size(); at = nl + 1) {
///       nl = LineFeeds::next(text, at);
///       if (nl < 0)
///           nl = text.size();
///       use(text.sliced(at, nl - at));
///   }
/// \endcode
class LineFeeds
{
public:
    /// The index of the first '\n' of \a text at or after \a from, or -1: as text.indexOf(u'\n', from) for a
    /// \a from of 0 or more (a negative one counts as 0, where indexOf would count it from the end).
    [[nodiscard]] static qsizetype next(QStringView text, qsizetype from);
};

} // namespace th::analysis
