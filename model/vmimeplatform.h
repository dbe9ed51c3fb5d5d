#pragma once

namespace th::model {

/// The platform handler vmime asks for the host's name and the local charset, installed once before any parse.
///  - vmime's default one completes a domainless address ("To: alice") with this machine's name, found by a
///    DNS lookup: the case would show the analyst's host as the recipient's domain. Ours names no host.
///  - vmime creates its default one lazily without a lock: platform::getHandler() assigns a static
///    shared_ptr the first time any vmime::word is built, which is in the first address each import thread
///    parses. Two threads starting at once raced on that assignment.
/// Every vmime entry point calls ensure() first; afterwards vmime only reads the handler.
class VmimePlatform
{
public:
    static void ensure();
};

} // namespace th::model
