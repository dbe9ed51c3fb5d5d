// libFuzzer target: raw messages through the whole engine, as `threadhound scan` runs it. The input holds up
// to MaxMessages messages separated by a NUL line, so that quote linking, splices and reuse see several.
// Built by the "fuzz" preset only; see tests/fuzz/README.md.
#include "analysis/hijackanalyzer.h"
#include "analysis/jsonreport.h"
#include "analysis/threader.h"
#include "model/mimeparser.h"

#include <QJsonDocument>
#include <QThreadPool>

using namespace th;

namespace {
constexpr int MaxMessages = 4;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QThreadPool::globalInstance()->setMaxThreadCount(1); // one input, one path: reproducible findings
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    model::MailStore store;
    const QList<QByteArray> parts = input.split('\0');
    for (qsizetype i = 0; i < parts.size() && i < MaxMessages; ++i) {
        model::Message m = model::MimeParser::parse(parts[i]);
        store.add(std::move(m));
    }
    const model::ThreadSet threads = analysis::Threader::thread(store.messages());
    const analysis::CaseAnalysis result = analysis::HijackAnalyzer::analyse(store, threads, {});
    (void)QJsonDocument(analysis::JsonReport::build(store, threads, result, {})).toJson();
    return 0;
}
