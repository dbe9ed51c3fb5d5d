// libFuzzer target: evidence containers. The input is split as an mbox (separators, Content-Length, mboxrd
// unescaping) and each message parsed; the same bytes are then opened from a file as an Outlook .msg
// (libolecf) and as a PST/OST (libpff), as the import opens them. Built by the "fuzz" preset only; see README.md.
#include "model/mboxreader.h"
#include "model/mimeparser.h"
#include "model/msgreader.h"
#include "model/pstreader.h"

#include <QFile>

#include <unistd.h>

using namespace th::model;

namespace {

// The Outlook readers take a path: one file per fuzzing process, in memory.
const QString &scratchPath()
{
    static const QString path = QStringLiteral("/dev/shm/threadhound-fuzz-%1").arg(getpid());
    return path;
}

bool writeScratch(QByteArrayView bytes)
{
    QFile file(scratchPath());
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes.data(), bytes.size()) == bytes.size();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(data, qsizetype(size));
    for (const MboxReader::Span &s : MboxReader::split(bytes))
        (void)MimeParser::parse(MboxReader::unescape(bytes.sliced(s.offset, s.length)));
    if (!writeScratch(bytes))
        return 0;
    (void)MsgReader::read(scratchPath(), 0);
    (void)PstReader::read(scratchPath(), 0);
    QFile::remove(scratchPath());
    return 0;
}
