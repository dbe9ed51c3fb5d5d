#include "headerblock.h"

namespace th::model {
namespace {

constexpr int MaxProblems = 5; // a text file read as mail would otherwise list every line

bool isBlank(QByteArrayView line)
{
    return line.isEmpty() || line == QByteArrayView("\r");
}

// RFC 5322 field name: printable US-ASCII except colon, then the colon (white space before it is tolerated).
qsizetype fieldNameLength(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] > ' ' && line[i] <= '~' && line[i] != ':')
        ++i;
    qsizetype colon = i;
    while (colon < line.size() && (line[colon] == ' ' || line[colon] == '\t'))
        ++colon;
    return (i > 0 && colon < line.size() && line[colon] == ':') ? i : -1;
}

} // namespace

HeaderBlock::HeaderBlock(QByteArrayView message)
{
    qint64 at = 0;
    // An mbox envelope line left at the top of a single-message file is not a header field.
    if (message.startsWith("From ")) {
        const qsizetype nl = message.indexOf('\n');
        at = nl < 0 ? message.size() : nl + 1;
    }
    while (at < message.size()) {
        const qsizetype nl = message.indexOf('\n', at);
        const qint64 end = nl < 0 ? message.size() : nl + 1;
        const QByteArrayView line = message.sliced(at, end - at).chopped(nl < 0 ? 0 : 1);
        if (isBlank(line)) {
            m_bodyOffset = end;
            break;
        }
        addLine(message, at, end);
        at = end;
        m_bodyOffset = end;
    }
    if (m_unlistedProblems > 0)
        m_problems << QStringLiteral("%1 more header lines without a field name").arg(m_unlistedProblems);
}

void HeaderBlock::addLine(QByteArrayView message, qint64 start, qint64 end)
{
    const QByteArrayView line = message.sliced(start, end - start);
    if ((line[0] == ' ' || line[0] == '\t') && !m_fields.isEmpty()) {
        Field &f = m_fields.last();
        f.raw = message.sliced(f.offset, end - f.offset);
        return;
    }
    const qsizetype nameLength = fieldNameLength(line);
    if (nameLength < 0 && m_problems.size() >= MaxProblems) {
        ++m_unlistedProblems;
        return;
    }
    if (nameLength < 0) {
        m_problems << QStringLiteral("header line without a field name at byte %1: \"%2\"")
                          .arg(start).arg(QString::fromLatin1(line.first(qMin<qsizetype>(line.size(), 60))).trimmed());
        return;
    }
    m_fields << Field{line.first(nameLength), line, start, line.indexOf(':') + 1};
}

} // namespace th::model
