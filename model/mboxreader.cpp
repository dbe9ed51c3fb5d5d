#include "mboxreader.h"

#include <QtGlobal>

#include <optional>

namespace th::model {
namespace {

qint64 lineEnd(QByteArrayView data, qint64 at)
{
    const qint64 nl = data.indexOf('\n', at);
    return nl < 0 ? data.size() : nl;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "From sender Thu Jun 16 22:14:41 2016": look for an hh:mm time on the line.
bool hasTimeOfDay(QByteArrayView line)
{
    for (qsizetype i = 2; i + 2 < line.size(); ++i) {
        if (line[i] == ':' && isDigit(line[i - 1]) && isDigit(line[i + 1]) && isDigit(line[i + 2]))
            return true;
    }
    return false;
}

qint64 headerEnd(QByteArrayView data, qint64 from, qint64 limit)
{
    for (qint64 at = from; at < limit;) {
        const qint64 end = lineEnd(data, at);
        const qint64 len = end - at;
        if (len == 0 || (len == 1 && data[at] == '\r'))
            return qMin(end + 1, limit);
        at = end + 1;
    }
    return limit;
}

// The Content-Length value of the header block [from, to), or -1.
qint64 contentLength(QByteArrayView data, qint64 from, qint64 to)
{
    static constexpr QByteArrayView name("content-length:");
    for (qint64 at = from; at < to;) {
        const qint64 end = lineEnd(data, at);
        const QByteArrayView line = data.sliced(at, end - at);
        if (line.size() > name.size() && QByteArrayView(line.first(name.size())).compare(name, Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 n = line.sliced(name.size()).trimmed().toLongLong(&ok);
            return ok && n >= 0 ? n : -1;
        }
        at = end + 1;
    }
    return -1;
}

qint64 nextSeparator(QByteArrayView data, qint64 from)
{
    for (qint64 at = data.indexOf("\nFrom ", from); at >= 0; at = data.indexOf("\nFrom ", at + 1)) {
        if (MboxReader::isSeparatorLine(data, at + 1))
            return at + 1;
    }
    return data.size();
}

// Drops the blank line that separates a message from the next "From " line.
qint64 trimSeparatorBlankLine(QByteArrayView data, qint64 start, qint64 end)
{
    if (end - start >= 2 && data[end - 1] == '\n' && data[end - 2] == '\n')
        return end - 1;
    if (end - start >= 4 && data.sliced(end - 4, 4) == QByteArrayView("\r\n\r\n"))
        return end - 2;
    return end;
}

enum class Dialect { Separators, ContentLength };

struct Bounds {
    qint64 contentEnd;
    qint64 next; ///< the next separator line, or the end of the data
};

// Where a message ends by its Content-Length, if that lands on a separator or the end of the file.
std::optional<Bounds> contentLengthBounds(QByteArrayView data, qint64 bodyStart)
{
    const qint64 hdrEnd = headerEnd(data, bodyStart, data.size());
    const qint64 cl = contentLength(data, bodyStart, hdrEnd);
    if (cl < 0 || hdrEnd + cl > data.size())
        return std::nullopt;
    qint64 next = hdrEnd + cl;
    while (next < data.size() && (data[next] == '\n' || data[next] == '\r'))
        ++next;
    if (next != data.size() && !MboxReader::isSeparatorLine(data, next))
        return std::nullopt;
    return Bounds{hdrEnd + cl, next};
}

Bounds messageBounds(QByteArrayView data, qint64 bodyStart, Dialect dialect)
{
    if (dialect == Dialect::ContentLength) {
        if (const auto b = contentLengthBounds(data, bodyStart))
            return *b;
    }
    const qint64 next = nextSeparator(data, bodyStart);
    return {trimSeparatorBlankLine(data, bodyStart, next), next};
}

QList<MboxReader::Span> splitAs(QByteArrayView data, Dialect dialect)
{
    QList<MboxReader::Span> spans;
    qint64 at = MboxReader::isSeparatorLine(data, 0) ? 0 : nextSeparator(data, 0);
    while (at < data.size()) {
        const qint64 start = qMin(lineEnd(data, at) + 1, data.size());
        const Bounds b = messageBounds(data, start, dialect);
        spans << MboxReader::Span{start, b.contentEnd - start};
        at = b.next;
    }
    return spans;
}

// A Content-Length header is the sender's claim, so one message cannot make the reader trust it: a file is
// read as mboxcl/mboxcl2 only when nearly all of its separator-delimited messages carry a Content-Length
// that matches their actual body length.
bool isContentLengthFile(QByteArrayView data, const QList<MboxReader::Span> &spans)
{
    qsizetype consistent = 0;
    for (const MboxReader::Span &s : spans) {
        const qint64 hdrEnd = headerEnd(data, s.offset, s.offset + s.length);
        const qint64 cl = contentLength(data, s.offset, hdrEnd);
        if (cl >= 0 && qAbs(cl - (s.offset + s.length - hdrEnd)) <= 2)
            ++consistent;
    }
    return !spans.isEmpty() && consistent * 10 >= spans.size() * 9;
}

} // namespace

bool MboxReader::isSeparatorLine(QByteArrayView data, qint64 at)
{
    if (!data.sliced(at).startsWith("From "))
        return false;
    const qint64 end = lineEnd(data, at);
    return hasTimeOfDay(data.sliced(at, end - at));
}

bool MboxReader::looksLikeMbox(QByteArrayView head)
{
    return isSeparatorLine(head, 0);
}

QList<MboxReader::Span> MboxReader::split(QByteArrayView data)
{
    QList<Span> spans = splitAs(data, Dialect::Separators);
    return isContentLengthFile(data, spans) ? splitAs(data, Dialect::ContentLength) : spans;
}

QByteArray MboxReader::unescape(QByteArrayView message)
{
    if (message.indexOf(">From ") < 0)
        return message.toByteArray();
    QByteArray out;
    out.reserve(message.size());
    qint64 at = 0;
    while (at < message.size()) {
        const qint64 end = qMin(lineEnd(message, at) + 1, message.size());
        QByteArrayView line = message.sliced(at, end - at);
        qint64 quotes = 0;
        while (quotes < line.size() && line[quotes] == '>')
            ++quotes;
        if (quotes > 0 && line.sliced(quotes).startsWith("From "))
            line = line.sliced(1);
        out.append(line);
        at = end;
    }
    return out;
}

} // namespace th::model
