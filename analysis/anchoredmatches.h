#pragma once

#include <QList>
#include <QRegularExpression>
#include <QStringView>

namespace th::analysis {

/// The matches of a regular expression over a long text, as QRegularExpression::globalMatch gives them,
/// found by running the expression only on the runs between ASCII white space that hold an anchor.
/// For patterns whose every match holds one of the anchors and no ASCII white space, and that look neither ahead nor
/// at the end of the text ($, \b or a lookahead at a match's end): an address always holds '@', a link
/// "://". Looking behind is fine, since each run is matched inside the whole text.
///
/// A scan of mail bodies for addresses otherwise starts the pattern at every character (27 cycles a
/// character for the address patterns here); indexOf skips the text between anchors.
///
/// Typical usage:
/// \code
///   for (const QRegularExpressionMatch &m : AnchoredMatches::of(addressPattern, body, {u"@"}))
///       use(m.captured());
/// \endcode
class AnchoredMatches
{
public:
    /// \a cs: how the anchors are sought; a caseless pattern with letters in its anchors needs Qt::CaseInsensitive.
    /// QStringView::indexOf for an anchor holding an ASCII character other than a letter ("@", "://", "www."),
    /// much faster on long texts; any other needle is passed on to it.
    [[nodiscard]] static qsizetype indexOf(QStringView text, QStringView anchor, qsizetype from, Qt::CaseSensitivity cs = Qt::CaseSensitive);
    [[nodiscard]] static QList<QRegularExpressionMatch> of(const QRegularExpression &re, QStringView text, const QList<QStringView> &anchors,
                                                           Qt::CaseSensitivity cs = Qt::CaseSensitive);
};

} // namespace th::analysis
