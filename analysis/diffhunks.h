#pragma once

#include <QStringView>

namespace th::analysis {

/// Reads a text line by line and tells which lines belong to unified-diff hunks, quoted or not: an
/// "@@ -a,b +c,d @@" line and the b old and d new lines it announces. Hunk lines are code: no quote header
/// is part of one, and patch mail (every kernel list) is a third to a half hunk lines, which the quote header
/// search passes over. A hunk ends early at the first line that is not a diff line under the header's quote
/// marks: a reviewer's comment between quoted hunk lines, or a hunk cut short by hand.
///
/// Typical usage:
/// \code
///   DiffHunks hunks;
///   for (QStringView line : lines)      // without line breaks, in order
///       code = hunks.take(line);
/// \endcode
class DiffHunks
{
public:
    /// Reads the next line of the text; true if it is a hunk's header or one of its lines. The lines must
    /// outlive the next call (the header's quote marks are kept as a view).
    bool take(QStringView line);

private:
    bool continues(QStringView line);
    bool opens(QStringView line);

    QStringView m_prefix; ///< the quote marks before the hunk header's "@@"
    qsizetype m_bare = 0; ///< their length without trailing white space
    qint64 m_oldLeft = 0, m_newLeft = 0;
};

} // namespace th::analysis
