#pragma once

#include "quotedheader.h"

#include <QList>
#include <QStringView>

namespace th::analysis {

/// Finds the quoted-message headers of a plain-text body: attributions, separators and Outlook-style
/// header blocks, in the languages of detection-spec section 3 (EN, DE, FR, ES, IT, PT, NL, SV/DA/NO,
/// PL, RU, UK, JA, ZH, KO, FI, CS, SK, SL, HU, TR, VI; header labels also RO), and parses their fields.
///
/// Lines are read without their '>' quote prefixes; offsets refer to the text given. Attributions may
/// be wrapped over up to six lines (talon SPLITTER_MAX_LINES). A header block needs two different
/// labels (From, Sent/Date, To, Cc, Subject), one of them From or Sent/Date, with at most two other
/// lines between consecutive labels; directly under a separator a From or Date line is enough. A git
/// format-patch header (From/Date/Subject: [PATCH]) is reported as a header block with gitPatch set.
///
/// Typical usage:
/// \code
///   for (const QuotedHeader &h : QuoteHeaderParser::find(message.textBody))
///       if (h.style == QuotedHeader::Style::HeaderBlock && h.fromAddress.isEmpty()) ...; // B4
/// \endcode
class QuoteHeaderParser
{
public:
    /// Every attribution, separator and header block in \a text, in order of position. Never throws;
    /// bounded: reads at most 1000 lines and stops at 200 findings.
    [[nodiscard]] static QList<QuotedHeader> find(QStringView text);
    /// Does this single line (after stripping '>' prefixes) start a quoted header? True for separators
    /// of the original-message and forward kinds and for one-line attributions. False for a lone label
    /// line ("From: x") and for underscores, which only a look at the next lines can confirm: find()
    /// does that.
    [[nodiscard]] static bool isSplitterLine(QStringView line);
};

} // namespace th::analysis
