#pragma once

#include "quotedheader.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace th::analysis {

/// A stretch of a body with one role. Offsets are characters in BodyStructure::text.
struct Segment {
    enum class Kind { New, Quoted, Attribution, HeaderBlock, Separator, Signature, Disclaimer };
    Kind kind = Kind::New;
    int depth = 0;       ///< 0 for the sender's own text; 1 for the parent, 2 for the grandparent...
    qsizetype begin = 0;
    qsizetype end = 0;
};

/// One message quoted inside a body: the header that introduces it (if any) and its content.
struct QuotedMessage {
    int header = -1;     ///< index into BodyStructure::headers, or -1 when the quote has no attribution
    int separator = -1;  ///< index of a separator line ("-----Original Message-----") before it, or -1
    qsizetype begin = 0; ///< content, after the header
    qsizetype end = 0;
    int depth = 1;       ///< 1 for the parent, 2 for the grandparent...: the order of the attributions
    /// In a '>'-quoted body the message's own lines are those with this many marks, anywhere up to
    /// scopeEnd: the parent answered between the grandparent's lines. 0 when the quote is not marked.
    int marks = 0;
    qsizetype scopeEnd = 0;
};

/// How a body is built: the sender's new text, then the quoted history, newest first.
struct BodyStructure {
    QString text;                ///< the analysed text: the text/plain body, or the HTML body as text
    bool fromHtml = false;
    QStringList citedIds;        ///< from HTML blockquote cite="mid:" (HtmlText::citedMessageIds)
    QList<QuotedHeader> headers; ///< every attribution, header block and separator found, in order
    QList<Segment> segments;     ///< in text order, covering the non-blank text
    QList<QuotedMessage> history;
    qsizetype newEnd = 0;        ///< the sender's own text is [0, newEnd)
    bool interleaved = false;    ///< the sender answered between quoted lines

    [[nodiscard]] QString newText() const { return text.left(newEnd); }
    /// Everything the sender wrote: the new text above the quotes plus answers between and below them.
    [[nodiscard]] QList<Segment> ownSegments() const;
    /// Where the first quoted message's content starts (its first non-blank character), or -1.
    [[nodiscard]] qsizetype quoteStart() const;
    /// The words quoted message \a k shows of its own, without quote marks: its quoted, signature and
    /// disclaimer segments, which in a '>'-quoted body lie wherever its lines sit before the end of its scope.
    [[nodiscard]] QString contentOf(int k) const;
    [[nodiscard]] QList<Segment> contentSegments(int k) const;
    /// The quoted content, every quoted message concatenated.
    [[nodiscard]] QString quotedText() const;
    /// The line of text starting at \a offset, without its line break.
    [[nodiscard]] QString lineAt(qsizetype offset) const;
};

} // namespace th::analysis
