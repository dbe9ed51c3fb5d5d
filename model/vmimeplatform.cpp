#include "vmimeplatform.h"

#include <vmime/vmime.hpp>
#include <vmime/platforms/posix/posixHandler.hpp>

namespace th::model {
namespace {

// Addresses stay as written: no host name, no lookup.
class EvidenceHandler : public vmime::platforms::posix::posixHandler
{
public:
    const vmime::string getHostName() const override { return {}; }
};

} // namespace

void VmimePlatform::ensure()
{
    static const bool installed = [] {
        vmime::platform::setHandler<EvidenceHandler>();
        return true;
    }(); // a function-local static: set once, other threads wait for it
    (void)installed;
}

} // namespace th::model
