#include "mimetext.h"

#include "textdecoder.h"
#include "vmimeplatform.h"

#include <algorithm>
#include <vmime/vmime.hpp>

namespace th::model {
namespace {

// RFC 5322 unfolding: a line break followed by white space is removed, the white space stays.
// Runs between line breaks are copied whole, and the breaks found by memchr: a character at a time cost more
// than decoding the value.
std::string unfolded(std::string_view raw)
{
    std::string out;
    out.reserve(raw.size());
    size_t carriageReturn = raw.find('\r');
    for (size_t at = 0; at < raw.size();) {
        if (carriageReturn < at)
            carriageReturn = raw.find('\r', at);
        const size_t stop = std::min({carriageReturn, raw.find('\n', at), raw.size()});
        out.append(raw.substr(at, stop - at));
        at = stop + 1;
    }
    return out;
}

// Charsets whose text is pure ASCII bytes but not ASCII characters (escape sequences, shifts).
bool isSevenBitEncoding(std::string charset)
{
    for (char &c : charset)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return charset.starts_with("iso-2022") || charset == "utf-7" || charset == "hz-gb-2312";
}

} // namespace

// US-ASCII and UTF-8 words need no ICU converter, which is the costly part of a conversion.
QString MimeText::decodeWord(const vmime::word &w)
{
    const std::string &buf = w.getBuffer();
    const std::string &charset = w.getCharset().getName();
    const bool trivial = charset == vmime::charsets::US_ASCII || charset == vmime::charsets::UTF_8
        || (TextDecoder::isAscii(buf) && !isSevenBitEncoding(charset));
    if (!trivial) {
        try {
            const std::string utf8 = w.getConvertedText(vmime::charset(vmime::charsets::UTF_8));
            return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
        } catch (const std::exception &) {
        }
    }
    return TextDecoder::decodeUndeclared(buf);
}

QString MimeText::decodeText(const vmime::text &t)
{
    QString out;
    for (const auto &w : t.getWordList())
        out += decodeWord(*w);
    return out;
}

// Only values with encoded words ("=?charset?...?=") need vmime's RFC 2047 decoder. Some malformed words
// make it throw (std::length_error on "=??B?TJ4?= =?f?B?BN?=", found by fuzz_message): the value is then
// shown as written.
QString MimeText::decodeFieldValue(std::string_view rawValue)
{
    const std::string value = unfolded(rawValue);
    if (value.find("=?") != std::string::npos) {
        VmimePlatform::ensure();
        try {
            return decodeText(*vmime::text::decodeAndUnfold(value)).trimmed();
        } catch (const std::exception &) {
        }
    }
    return TextDecoder::decodeUndeclared(value).trimmed();
}

QString MimeText::unfold(std::string_view rawValue)
{
    return TextDecoder::decodeUndeclared(unfolded(rawValue)).trimmed();
}

} // namespace th::model
