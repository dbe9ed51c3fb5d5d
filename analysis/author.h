#pragma once

#include "model/message.h"

namespace th::analysis {

/// Who wrote a message. Usually From; but where a mailing list rewrote From to its own address (Mailman's
/// DMARC mitigation: "X via List <list@lists.example>"), the author's address is in Reply-To.
class Author
{
public:
    [[nodiscard]] static model::MailAddress of(const model::Message &message);
    [[nodiscard]] static bool isListRewritten(const model::Message &message);
};

} // namespace th::analysis
