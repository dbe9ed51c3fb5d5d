#include "hijackanalyzer.h"

#include "domainidentity.h"
#include "htmltext.h"
#include "parallel.h"
#include "quotesegmenter.h"
#include "reuseclusters.h"
#include "indicators/alteredquote.h"
#include "indicators/indicatorset.h"
#include "indicators/lookalikedomain.h"

#include <optional>

namespace th::analysis {
namespace {

class Engine
{
public:
    Engine(const model::MailStore &store, const model::ThreadSet &threads, const CaseSettings &settings)
        : m_messages(store.messages()), m_threads(threads)
    {
        m_result.settings = settings;
    }

    // Steps that read only the messages run on one thread beside the parallel ones, instead of holding up
    // the other cores on their own.
    CaseAnalysis run()
    {
        QFuture<void> settings = QtConcurrent::run([this] { inferSettings(); });
        const qsizetype n = qsizetype(m_messages.size());
        m_result.bodies = parallelMap<QList<BodyStructure>>(n, [this](int i) { return HijackAnalyzer::structureOf(m_messages[size_t(i)]); });
        m_fingerprints = parallelMap<QList<ClientFingerprint>>(n, [this](int i) { return ClientFingerprint::of(m_messages[size_t(i)], std::as_const(m_result.bodies)[i]); });
        m_routes = parallelMap<QList<ReceivedRoute>>(n, [this](int i) { return ReceivedRoute::of(m_messages[size_t(i)]); });
        m_links = parallelMap<QList<QSet<QString>>>(n, [this](int i) { return linksOf(i); });
        for (int i = 0; i < n; ++i)
            m_byId.insert(m_messages[size_t(i)].messageId, i);
        std::optional<IdentityBook> identitiesLater;
        std::optional<SenderHistory> sendersLater;
        QFuture<void> people = QtConcurrent::run([&] {
            identitiesLater.emplace(m_messages);
            sendersLater.emplace(m_messages);
        });
        const QuoteMatcher matcher(m_messages, m_result.bodies);
        people.waitForFinished();
        settings.waitForFinished();
        const IdentityBook &identities = *identitiesLater;
        const SenderHistory &senders = *sendersLater;
        const QuoteLinker linker(m_messages, m_result.bodies, m_threads, matcher);
        const ThreadParticipants participants(m_messages, m_threads);
        const LinkIndex links(m_links, m_threads);
        const LookalikeIndex frequentSenderDomains(identities.senderDomains(LookalikeDomain::EstablishedMessages));
        const CaseData data{m_messages, m_result.bodies, m_threads, m_result.settings, identities, frequentSenderDomains, senders,
                            matcher, linker, participants, m_fingerprints, m_routes, links, m_byId};
        m_result.messages = parallelMap<QList<MessageAnalysis>>(n, [&data](int i) { return IndicatorSet::evaluate(data, i); });
        IndicatorSet::addCaseFindings(data, m_result.messages);
        for (int i = 0; i < n; ++i)
            m_result.messages[i].verdict = Verdict::of(m_result.messages[i].findings, IndicatorSet::isKnownSender(data, i));
        return std::move(m_result);
    }

private:
    // An HTML link shows in the text part as "text <url>", or not at all in an HTML-only message.
    QSet<QString> linksOf(int i) const
    {
        return AlteredQuote::linksIn(m_result.bodies[i].text) + AlteredQuote::linksIn(m_messages[size_t(i)].htmlBody);
    }

    void inferSettings()
    {
        if (!m_result.settings.organisationDomains.isEmpty())
            return;
        const QString org = HijackAnalyzer::inferOrganisation(m_messages);
        if (org.isEmpty())
            return;
        m_result.settings.organisationDomains << org;
        m_result.settings.organisationInferred = true;
        m_result.notes << QStringLiteral("No organisation domain was configured; inferred %1, the most frequent recipient domain").arg(org);
    }

    const std::vector<model::Message> &m_messages;
    const model::ThreadSet &m_threads;
    CaseAnalysis m_result;
    QList<ClientFingerprint> m_fingerprints;
    QList<ReceivedRoute> m_routes;
    QList<QSet<QString>> m_links;
    QMultiHash<QString, int> m_byId;
};

} // namespace

BodyStructure HijackAnalyzer::structureOf(const model::Message &message)
{
    if (!message.textBody.trimmed().isEmpty() || message.htmlBody.isEmpty())
        return QuoteSegmenter::segment(message.textBody);
    const HtmlText html = HtmlText::parse(message.htmlBody);
    BodyStructure b = QuoteSegmenter::segment(html.text);
    b.fromHtml = true;
    b.citedIds = html.citedMessageIds;
    return b;
}

QString HijackAnalyzer::inferOrganisation(const std::vector<model::Message> &messages)
{
    QHash<QString, int> counts;
    for (const model::Message &m : messages) {
        for (const model::MailAddress &a : m.to + m.cc)
            ++counts[DomainIdentity::registrable(a.address)];
    }
    counts.remove(QString());
    QString best;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (best.isEmpty() || it.value() > counts[best] || (it.value() == counts[best] && it.key() < best))
            best = it.key();
    }
    return best;
}

CaseAnalysis HijackAnalyzer::analyse(const model::MailStore &store, const model::ThreadSet &threads, const CaseSettings &settings)
{
    return Engine(store, threads, settings).run();
}

} // namespace th::analysis
