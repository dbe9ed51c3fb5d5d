#include "message.h"

#include "mimetext.h"

namespace th::model {
namespace {

QByteArrayView fieldBytes(const QByteArray &raw, const HeaderField &f)
{
    if (f.offset < 0 || f.offset + f.length > raw.size())
        return {};
    return QByteArrayView(raw).sliced(f.offset, f.length);
}

// Field names are ASCII: letters compare without Qt's Unicode case folding, which cost more than the scan of
// a message's fields. A byte beyond ASCII (hostile mail) takes Qt's comparison.
bool sameNameCaseless(QByteArrayView bytes, QStringView name)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char16_t a = char16_t(uchar(bytes[i])), b = name[i].unicode();
        if (a >= 0x80 || b >= 0x80)
            return QLatin1StringView(bytes).compare(name, Qt::CaseInsensitive) == 0;
        const auto lower = [](char16_t c) { return c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c; };
        if (lower(a) != lower(b))
            return false;
    }
    return true;
}

} // namespace

QString Message::headerName(const HeaderField &field) const
{
    return QString::fromLatin1(fieldBytes(rawHeader, field).first(qMin<qsizetype>(field.nameLength, field.length)));
}

// Header lookups run for every field of every message of a case: compare the Latin-1 bytes in place.
bool Message::isNamed(const HeaderField &field, QStringView name) const
{
    const QByteArrayView bytes = fieldBytes(rawHeader, field).first(qMin<qsizetype>(field.nameLength, field.length));
    return bytes.size() == name.size() && sameNameCaseless(bytes, name);
}

QString Message::headerValue(const HeaderField &field) const
{
    const QByteArrayView value = fieldBytes(rawHeader, field).sliced(qMin<qsizetype>(field.valueStart, field.length));
    return MimeText::decodeFieldValue(std::string_view(value.data(), size_t(value.size())));
}

QString Message::header(QStringView name) const
{
    for (const HeaderField &f : headers) {
        if (isNamed(f, name))
            return headerValue(f);
    }
    return {};
}

QStringList Message::headerValues(QStringView name) const
{
    QStringList out;
    for (const HeaderField &f : headers) {
        if (isNamed(f, name))
            out << headerValue(f);
    }
    return out;
}

} // namespace th::model
