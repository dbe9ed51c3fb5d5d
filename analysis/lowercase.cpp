#include "lowercase.h"

namespace th::analysis {

QString Lowercase::of(const QString &text)
{
    const auto *chars = reinterpret_cast<const char16_t *>(text.constData()); // utf16() may detach
    const qsizetype n = text.size();
    qsizetype firstUpper = n;
    for (qsizetype i = 0; i < n; ++i) {
        if (chars[i] >= 0x80)
            return text.toLower();
        if (firstUpper == n && chars[i] >= u'A' && chars[i] <= u'Z')
            firstUpper = i;
    }
    if (firstUpper == n)
        return text;
    QString out = text;
    char16_t *lowered = reinterpret_cast<char16_t *>(out.data());
    for (qsizetype i = firstUpper; i < n; ++i)
        lowered[i] = ascii(lowered[i]);
    return out;
}

// Qt compares the folded characters one by one: texts of different lengths are never equal.
bool Lowercase::equal(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const char16_t x = a[i].unicode(), y = b[i].unicode();
        if (x == y)
            continue;
        if ((x | y) >= 0x80)
            return a.compare(b, Qt::CaseInsensitive) == 0;
        if (ascii(x) != ascii(y))
            return false;
    }
    return true;
}

} // namespace th::analysis
