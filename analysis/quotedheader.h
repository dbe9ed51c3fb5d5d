#pragma once

#include "model/mailaddress.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace th::analysis {

/// One quoted-message header found in a plain-text body (detection-spec section 3): an attribution
/// ("On <date>, <name> wrote:"), a separator ("-----Original Message-----", a forward line, the
/// underscores of Outlook 365) or an Outlook-style header block (From/Sent/To/Cc/Subject lines).
///
/// Everything is reported as written, so that the indicators can see what was removed (B4: a name
/// without an address, a "To:" line with nothing after it) and how it was formatted (label language,
/// "Label : value" spacing).
struct QuotedHeader {
    enum class Style { Attribution, HeaderBlock, Separator };
    Style style = Style::Attribution;
    /// Separators: "original-message", "forwarded", "underscores" (30+ '_' directly above a header
    /// block) or "rule" (30+ '-' directly above a header block). A separator directly followed by a
    /// header block is reported as two QuotedHeaders, in order.
    QString separatorKind;
    /// "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "pl", "ru", "uk", "ja", "zh", "ko",
    /// "fi", "cs", "sk", "hu", "tr", "ro", "vi"...; empty when the form is language-neutral (e.g. Gmail's
    /// old "2016-10-24 15:36 GMT+02:00 Name <addr>:"). Danish and Norwegian share their header labels:
    /// such blocks say "no" unless a Danish separator stands above them.
    QString language;
    qsizetype begin = 0;             ///< offset of the first character of the first line, in the text given
    qsizetype end = 0;               ///< offset just after the last line, including its line break
    int firstLine = 0, lastLine = 0; ///< 0-based line numbers in the text
    int depth = 0;                   ///< '>' quote levels in front of the first line
    QString fromName;                ///< as written, without quotes or brackets; empty for a bare "<a@b>"
    QString fromAddress;             ///< empty when none is given ("stripped address" evidence, B4)
    /// "X on behalf of Y" / "X が Y の代理で送信": the delegate X (from* is the owner Y, as in the
    /// quoted message's own From header).
    QString senderName, senderAddress;
    bool fromLine = false;           ///< a From-type label line exists (header blocks)
    QString dateText;
    QDateTime date;                  ///< UTC; invalid if unparseable
    bool dateHasZone = false;
    QList<model::MailAddress> to, cc; ///< entries as written; address empty when only a name is given
    bool toLine = false, ccLine = false; ///< the label exists, possibly with an empty value ("To: ")
    QString subject;
    /// Every label is written "Label : value", with white space on both sides of the colon (Sublime's
    /// programmatic-preamble signal; note that French clients write "De :" naturally).
    bool spaceColon = false;
    QStringList labelLanguages;      ///< languages of the labels used, distinct, in block order (mixing is evidence)
    int addressFields = 0;           ///< From/To/Cc lines (or the attribution's author) present
    int addressFieldsWithoutAddress = 0; ///< of those, how many carry names but no address at all
    /// A git format-patch header ("Subject: [PATCH ...]" or the "From <sha> Mon Sep 17 00:00:00 2001"
    /// line): it is a quoted message header, but one written by git, not by a mail client.
    bool gitPatch = false;
};

} // namespace th::analysis
