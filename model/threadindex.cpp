#include "threadindex.h"

namespace th::model {
namespace {

constexpr int HeaderBytes = 22;
constexpr int ChildBytes = 5;
constexpr qint64 FileTimeEpochOffsetMs = 11644473600000LL; // 1601-01-01 to 1970-01-01

quint64 bigEndian(const QByteArray &b, int from, int count)
{
    quint64 v = 0;
    for (int i = from; i < from + count; ++i)
        v = (v << 8) | quint8(b[i]);
    return v;
}

QDateTime fromFileTime(quint64 ft)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(ft / 10000) - FileTimeEpochOffsetMs, Qt::UTC);
}

bool plausible(quint64 ft, const QDateTime &latest)
{
    const QDateTime t = fromFileTime(ft);
    return t.date().year() >= 1990 && t <= latest;
}

QUuid guidAt(const QByteArray &b, int at)
{
    // Data1..Data3 are stored big-endian in the index, unlike a Windows GUID in memory.
    return QUuid(uint(bigEndian(b, at, 4)), ushort(bigEndian(b, at + 4, 2)), ushort(bigEndian(b, at + 6, 2)),
                 uchar(b[at + 8]), uchar(b[at + 9]), uchar(b[at + 10]), uchar(b[at + 11]),
                 uchar(b[at + 12]), uchar(b[at + 13]), uchar(b[at + 14]), uchar(b[at + 15]));
}

struct ChildBlock {
    quint64 delta;
    int shift;
};

ChildBlock childAt(const QByteArray &b, int at)
{
    const quint64 v = bigEndian(b, at, ChildBytes);
    const bool dc = (v >> 39) & 1;
    return {(v >> 8) & 0x7fffffffULL, dc ? 23 : 18};
}

ThreadIndex malformed(ThreadIndex ti, const QString &why)
{
    ti.variant = ThreadIndex::Variant::Malformed;
    ti.problem = why;
    return ti;
}

// Exchange computes modern children against the classic misreading of the header, modulo 2^31.
quint64 modernChildTime(quint64 classicFt, quint64 floor, ChildBlock c)
{
    quint64 t = classicFt + (c.delta << c.shift);
    const quint64 step = (1ULL << 31) << c.shift;
    for (int k = 0; k < 64 && t < floor; ++k)
        t += step;
    return t;
}

} // namespace

QString ThreadIndex::variantName() const
{
    switch (variant) {
    case Variant::Absent: return QStringLiteral("absent");
    case Variant::Malformed: return QStringLiteral("malformed");
    case Variant::Classic: return QStringLiteral("classic");
    case Variant::Modern: return QStringLiteral("modern");
    }
    return {};
}

ThreadIndex ThreadIndex::decode(QStringView headerValue, const QDateTime &reference)
{
    ThreadIndex ti;
    const QByteArray text = headerValue.trimmed().toLatin1();
    if (text.isEmpty())
        return ti;
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return malformed(ti, QStringLiteral("not valid base64"));
    ti.bytes = *decoded;
    const qsizetype n = ti.bytes.size();
    if (n < HeaderBytes || (n - HeaderBytes) % ChildBytes != 0)
        return malformed(ti, QStringLiteral("%1 bytes is not 22 + 5k").arg(n));

    const QDateTime latest = (reference.isValid() ? reference : QDateTime::currentDateTimeUtc()).addDays(1);
    const quint64 classicFt = bigEndian(ti.bytes, 0, 6) << 16;
    const quint64 modernFt = bigEndian(ti.bytes, 1, 5) << 24;
    const bool modernOk = quint8(ti.bytes[0]) == 0x01 && plausible(modernFt, latest);
    const bool classicOk = plausible(classicFt, latest);
    if (!modernOk && !classicOk)
        return malformed(ti, QStringLiteral("no header variant decodes to a date between 1990 and the message date"));

    // Prefer the variant closer to the message date when both are plausible.
    bool modern = modernOk;
    if (modernOk && classicOk && reference.isValid())
        modern = qAbs(fromFileTime(modernFt).secsTo(reference)) < qAbs(fromFileTime(classicFt).secsTo(reference));
    ti.variant = modern ? Variant::Modern : Variant::Classic;
    const quint64 rootFt = modern ? modernFt : classicFt;
    ti.rootTime = fromFileTime(rootFt);
    ti.guid = guidAt(ti.bytes, 6);

    quint64 previous = rootFt;
    for (qsizetype at = HeaderBytes; at < n; at += ChildBytes) {
        const ChildBlock c = childAt(ti.bytes, int(at));
        const quint64 t = modern ? modernChildTime(classicFt, previous, c) : rootFt + (c.delta << c.shift);
        ti.childTimes << fromFileTime(t);
        previous = qMax(previous, t);
    }
    return ti;
}

} // namespace th::model
