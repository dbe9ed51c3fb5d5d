#pragma once

#include "message.h"
#include "mimeparser.h"

namespace vmime {
class bodyPart;
class body;
}

namespace th::model {

struct MediaInfo;

/// Walks a vmime MIME tree: text/plain and text/html bodies (decoded to Unicode), attachments (name,
/// type, size, SHA-256) and message/rfc822 parts, parsed again as embedded messages (vmime does not
/// recurse into them, platform note 8). Nesting is bounded.
class PartWalker
{
public:
    PartWalker(Message &message, const MimeParser::Limits &limits, int depth);

    /// Reads \a part and everything below it; returns its MIME layout, e.g. "multipart/alternative(text/plain,text/html)".
    QString walk(const vmime::bodyPart &part, int level, bool inDigest);

private:
    std::string decodedContent(const vmime::body &body);
    void addBodyText(const MediaInfo &info, const std::string &data);
    void addAttachment(const MediaInfo &info, const std::string &data);
    void addEmbedded(const MediaInfo &info, const std::string &data);

    Message &m_msg;
    const MimeParser::Limits &m_limits;
    int m_depth;
};

} // namespace th::model
