#include "textdecoder.h"
#include "vmimeplatform.h"

#include <vmime/charset.hpp>
#include <vmime/exception.hpp>

#include <QStringDecoder>

#include <cstring>

namespace th::model {
namespace {

std::string widenedLabel(std::string_view charset)
{
    std::string label(charset);
    for (char &c : label)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (label == "iso-8859-1" || label == "latin1")
        return "windows-1252";
    if (label == "gb2312" || label == "gbk" || label == "x-gbk")
        return "gb18030";
    if (label == "ks_c_5601-1987" || label == "euc-kr")
        return "windows-949";
    return label;
}

QString fromUtf8(std::string_view bytes)
{
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

} // namespace

// Eight bytes a step: a byte at a time cost three instructions a byte, and every header value is asked.
bool TextDecoder::isAscii(std::string_view bytes)
{
    constexpr quint64 HighBits = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        quint64 word;
        std::memcpy(&word, bytes.data() + i, sizeof word);
        if (word & HighBits)
            return false;
    }
    for (; i < bytes.size(); ++i) {
        if (static_cast<unsigned char>(bytes[i]) >= 0x80)
            return false;
    }
    return true;
}

bool TextDecoder::isValidUtf8(std::string_view bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString s = utf8.decode(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    return !utf8.hasError();
}

QString TextDecoder::decodeUndeclared(std::string_view bytes)
{
    if (isAscii(bytes) || isValidUtf8(bytes))
        return fromUtf8(bytes);
    return decode(bytes, "windows-1252");
}

QString TextDecoder::decode(std::string_view bytes, std::string_view charset, QString *problem)
{
    const std::string label = widenedLabel(charset);
    // 8-bit text labelled us-ascii (or not labelled) is common; its real charset is unknown.
    if (label.empty() || label == "us-ascii" || label == "ascii")
        return decodeUndeclared(bytes);
    if (label == "utf-8" || label == "utf8")
        return fromUtf8(bytes); // invalid sequences become U+FFFD
    try {
        VmimePlatform::ensure();
        std::string out;
        vmime::charset::convert(std::string(bytes), out, vmime::charset(label), vmime::charset("utf-8"));
        return fromUtf8(out);
    } catch (const std::exception &e) {
        if (problem)
            *problem = QStringLiteral("charset \"%1\" could not be used (%2); decoded as UTF-8/windows-1252")
                           .arg(QString::fromLatin1(charset.data(), qsizetype(charset.size())),
                                QString::fromLocal8Bit(e.what()));
        return decodeUndeclared(bytes);
    }
}

} // namespace th::model
