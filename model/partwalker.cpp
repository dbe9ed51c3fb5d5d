#include "partwalker.h"

#include "mimetext.h"
#include "sha256.h"
#include "textdecoder.h"

#include <vmime/vmime.hpp>
#include <vmime/contentDispositionField.hpp>
#include <vmime/contentTypeField.hpp>

namespace th::model {

/// What a MIME part's headers say about it.
struct MediaInfo {
    QString type = QStringLiteral("text");
    QString subtype = QStringLiteral("plain");
    std::string charset;
    QString fileName;
    bool attachmentDisposition = false;
    bool inlineDisposition = false;

    [[nodiscard]] QString mimeType() const { return type + u'/' + subtype; }
    [[nodiscard]] bool isMultipart() const { return type == u"multipart"; }
    [[nodiscard]] bool isMessage() const { return type == u"message" && (subtype == u"rfc822" || subtype == u"global"); }
    [[nodiscard]] bool isBodyText() const
    {
        return type == u"text" && (subtype == u"plain" || subtype == u"html") && !attachmentDisposition && fileName.isEmpty();
    }
};

namespace {

constexpr int MaxPartNesting = 64;

QString lowerCase(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size())).toLower();
}

MediaInfo mediaInfo(const vmime::header &h, bool inDigest)
{
    MediaInfo info;
    if (inDigest) {
        info.type = QStringLiteral("message");
        info.subtype = QStringLiteral("rfc822");
    }
    if (const auto ct = h.findField<vmime::contentTypeField>("Content-Type")) {
        if (const auto mt = ct->getValue<vmime::mediaType>(); mt && !mt->getType().empty()) {
            info.type = lowerCase(mt->getType());
            info.subtype = lowerCase(mt->getSubType());
        }
        if (ct->hasCharset())
            info.charset = ct->getCharset().getName();
        if (const auto name = ct->findParameter("name"))
            info.fileName = MimeText::decodeWord(name->getValue()).trimmed();
    }
    if (const auto cd = h.findField<vmime::contentDispositionField>("Content-Disposition")) {
        if (const auto disp = cd->getValue<vmime::contentDisposition>()) {
            const QString d = lowerCase(disp->getName());
            info.attachmentDisposition = d == u"attachment";
            info.inlineDisposition = d == u"inline";
        }
        if (cd->hasFilename())
            info.fileName = MimeText::decodeWord(cd->getFilename()).trimmed();
    }
    return info;
}

Attachment attachmentFor(const MediaInfo &info, const std::string &data)
{
    Attachment a;
    a.fileName = info.fileName;
    a.mimeType = info.mimeType();
    a.size = qint64(data.size());
    a.sha256 = Sha256::hex(QByteArrayView(data.data(), qsizetype(data.size())));
    a.isInline = info.inlineDisposition;
    return a;
}

} // namespace

PartWalker::PartWalker(Message &m, const MimeParser::Limits &limits, int depth) : m_msg(m), m_limits(limits), m_depth(depth) {}

// Returns the part's MIME layout ("multipart/alternative(text/plain,text/html)"): a client fingerprint (A8).
QString PartWalker::walk(const vmime::bodyPart &part, int level, bool inDigest)
{
    if (level > MaxPartNesting) {
        m_msg.defects << QStringLiteral("MIME nesting deeper than %1 levels: the rest was not read").arg(MaxPartNesting);
        return QStringLiteral("...");
    }
    const MediaInfo info = mediaInfo(*part.getHeader(), inDigest);
    const auto body = part.getBody();
    if (info.isMultipart() && body->getPartCount() > 0) {
        QStringList children;
        for (const auto &sub : body->getPartList())
            children << walk(*sub, level + 1, info.subtype == u"digest");
        return info.mimeType() + u'(' + children.join(u',') + u')';
    }
    if (info.isMultipart())
        m_msg.defects << QStringLiteral("%1 has no parts (boundary missing or wrong): its content is read as text").arg(info.mimeType());
    const std::string data = decodedContent(*body);
    if (info.isMessage())
        addEmbedded(info, data);
    else if (info.isBodyText() || info.isMultipart())
        addBodyText(info, data);
    else
        addAttachment(info, data);
    return info.mimeType();
}

std::string PartWalker::decodedContent(const vmime::body &body)
{
    std::string out;
    vmime::utility::outputStreamStringAdapter os(out);
    try {
        body.getContents()->extract(os);
    } catch (const std::exception &e) {
        out.clear();
        m_msg.defects << QStringLiteral("content transfer encoding could not be decoded (%1): raw bytes kept")
                             .arg(QString::fromLocal8Bit(e.what()));
        body.getContents()->extractRaw(os);
    }
    return out;
}

void PartWalker::addBodyText(const MediaInfo &info, const std::string &data)
{
    QString problem;
    const QString text = TextDecoder::decode(data, info.charset, &problem);
    if (!problem.isEmpty())
        m_msg.defects << problem;
    QString &target = info.subtype == u"html" ? m_msg.htmlBody : m_msg.textBody;
    if (!target.isEmpty() && !target.endsWith(u'\n'))
        target += u'\n';
    target += text;
}

void PartWalker::addAttachment(const MediaInfo &info, const std::string &data)
{
    m_msg.attachments << attachmentFor(info, data);
}

void PartWalker::addEmbedded(const MediaInfo &info, const std::string &data)
{
    Attachment a = attachmentFor(info, data);
    if (m_depth + 1 > m_limits.maxEmbeddingDepth) {
        m_msg.defects << QStringLiteral("message/rfc822 nested deeper than %1: kept as an attachment only")
                             .arg(m_limits.maxEmbeddingDepth);
    } else {
        Message inner = MimeParser::parse(QByteArray(data.data(), qsizetype(data.size())), m_limits, m_depth + 1);
        if (a.fileName.isEmpty())
            a.fileName = inner.subject.isEmpty() ? QStringLiteral("message.eml") : inner.subject + QStringLiteral(".eml");
        a.embeddedIndex = int(m_msg.embedded.size());
        m_msg.embedded.push_back(std::move(inner));
    }
    m_msg.attachments << a;
}

} // namespace th::model
