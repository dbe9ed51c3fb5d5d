// libFuzzer target: decoded text through the parsers that read what people and mail clients wrote: quote
// segmentation (plain and HTML), quoted headers and dates, written mailboxes, Authentication-Results,
// Received values and their dates, Thread-Index values, gateway-wrapped links. Built by the "fuzz" preset
// only; see README.md.
#include "analysis/authenticationresults.h"
#include "analysis/gatewaylink.h"
#include "analysis/hijackanalyzer.h"
#include "analysis/htmltext.h"
#include "analysis/quoteddate.h"
#include "analysis/quoteheaderparser.h"
#include "analysis/receivedhop.h"
#include "analysis/writtenmailbox.h"
#include "model/threadindex.h"

#include <QStringList>

using namespace th;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    model::Message message;
    message.textBody = text;
    (void)analysis::HijackAnalyzer::structureOf(message);
    message.textBody.clear();
    message.htmlBody = text;
    (void)analysis::HijackAnalyzer::structureOf(message);
    for (const QString &line : text.split(u'\n')) {
        (void)analysis::QuoteHeaderParser::isSplitterLine(line);
        (void)analysis::QuotedDate::parse(line);
        (void)analysis::QuotedDate::length(line);
        (void)analysis::WrittenMailbox::parseList(line);
        (void)analysis::WrittenMailbox::delegation(line);
        (void)analysis::AuthenticationResults::parse(line);
        (void)analysis::AuthenticationResults::parseArc(line);
        (void)analysis::ReceivedHop::parse(line);
        (void)analysis::ReceivedHop::timeOf(line);
        (void)analysis::GatewayLink::target(line);
        (void)model::ThreadIndex::decode(line);
    }
    return 0;
}
