#pragma once

#include <QString>
#include <QStringList>

namespace th::analysis {

/// Renders HTML mail as plain text without rendering it: a gumbo DOM walk that never fetches anything.
///
/// Scripts, styles and the head are dropped; block elements become line breaks; links show their real
/// target ("text <https://...>") and images their source ("[image: cid:...]"), because the target is
/// what an analyst must see.
///
/// The quote containers of mail clients (detection-spec 2.2) are written the way QuoteSegmenter reads
/// plain text. Containers that enclose the quoted message mark its lines with "> " per level: every
/// blockquote (Gmail's blockquote.gmail_quote, Apple Mail's and Thunderbird's type="cite") and Yahoo's
/// div.yahoo_quoted, whose content is not in a blockquote. Outlook's containers only head the quoted
/// message, which follows as their siblings, so they are written as Outlook writes them in plain text:
/// a line of 32 underscores above the From/Sent/To/Subject block (the top-bordered header div of Outlook
/// desktop, div#divRplyFwdMsg of OWA, #OLK_SRC_BODY_SECTION of Outlook for Mac, the top-bordered div of
/// Windows Mail). Every <hr> is such a line too: OWA, Outlook 2003, Hotmail and Zimbra put one above the
/// header block. Attributions (div.gmail_attr, div.moz-cite-prefix) stay lines of their own.
///
/// Typical usage:
/// \code
///   const HtmlText html = HtmlText::parse(message.htmlBody);
///   QuoteSegmenter::segment(html.text);
///   html.citedMessageIds; // B2: the Message-IDs Thunderbird says it quoted
/// \endcode
struct HtmlText {
    QString text;
    /// Message-IDs from blockquote cite="mid:X" (Thunderbird), without angle brackets, distinct, in
    /// document order: the first is the message this reply quoted, nested ones come from earlier replies.
    QStringList citedMessageIds;

    static constexpr int MaxCitedMessageIds = 64; ///< bounded work on hostile bodies

    [[nodiscard]] static HtmlText parse(const QString &html);
    [[nodiscard]] static QString toText(const QString &html) { return parse(html).text; }
};

} // namespace th::analysis
