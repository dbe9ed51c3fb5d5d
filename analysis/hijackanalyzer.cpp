#include "hijackanalyzer.h"

#include "displayname.h"
#include "domainidentity.h"
#include "htmltext.h"
#include "parallel.h"
#include "quotesegmenter.h"
#include "reuseclusters.h"
#include "stringhash.h"
#include "indicators/alteredquote.h"
#include "indicators/indicatorset.h"
#include "indicators/lookalikedomain.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

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
    // the other cores on their own. Those side tasks run no parallel step themselves: a pool thread that
    // waits for a parallel step can leave it no thread to run on (tst_workbench hung when ThreadParticipants
    // was built in one, with the analysis itself running on the pool).
    CaseAnalysis run()
    {
        QFuture<void> settings = QtConcurrent::run([this] {
            if (anyNameNeedsRomaniser())
                DisplayName::prepare();
            inferSettings();
            for (int i = 0; i < int(m_messages.size()); ++i)
                m_byId.insert(m_messages[size_t(i)].messageId, i);
        });
        readEachMessage();
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
        const qsizetype n = qsizetype(m_messages.size());
        m_result.messages = parallelMap<QList<MessageAnalysis>>(n, [&data](int i) { return IndicatorSet::evaluate(data, i); });
        IndicatorSet::addCaseFindings(data, m_result.messages);
        MessageAnalysis *analyses = m_result.messages.data();
        parallelFor(n, [&](int i) { analyses[i].verdict = Verdict::of(analyses[i].findings, IndicatorSet::isKnownSender(data, i)); });
        return std::move(m_result);
    }

private:
    // What each message gives on its own, in one pass while its text is in the cache.
    void readEachMessage()
    {
        const qsizetype n = qsizetype(m_messages.size());
        m_result.bodies.resize(n);
        m_fingerprints.resize(n);
        m_routes.resize(n);
        m_links.resize(n);
        BodyStructure *bodies = m_result.bodies.data();
        ClientFingerprint *fingerprints = m_fingerprints.data();
        ReceivedRoute *routes = m_routes.data();
        QSet<QString> *links = m_links.data();
        parallelFor(n, [&](int i) {
            const model::Message &m = m_messages[size_t(i)];
            bodies[i] = HijackAnalyzer::structureOf(m);
            fingerprints[i] = ClientFingerprint::of(m, bodies[i]);
            routes[i] = ReceivedRoute::of(m);
            // An HTML link shows in the text part as "text <url>", or not at all in an HTML-only message.
            links[i] = AlteredQuote::linksIn(bodies[i].text) + AlteredQuote::linksIn(m.htmlBody);
        });
    }

    // A case whose names are all ASCII needs no transliterator.
    bool anyNameNeedsRomaniser() const
    {
        const auto needs = [](const model::MailAddress &a) { return DisplayName::needsRomaniser(a.name); };
        return std::any_of(m_messages.cbegin(), m_messages.cend(), [&](const model::Message &m) {
            return needs(m.from) || std::any_of(m.to.cbegin(), m.to.cend(), needs) || std::any_of(m.cc.cbegin(), m.cc.cend(), needs);
        });
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
    if (!QStringView(message.textBody).trimmed().isEmpty() || message.htmlBody.isEmpty()) // a view: no copy of the body
        return QuoteSegmenter::segment(message.textBody);
    const HtmlText html = HtmlText::parse(message.htmlBody);
    BodyStructure b = QuoteSegmenter::segment(html.text);
    b.fromHtml = true;
    b.citedIds = html.citedMessageIds;
    return b;
}

// Recipients are counted by address first: a case names the same few hundred people thousands of times, and
// each one's registrable domain is then looked up once instead of at every mention. A standard hash map: with
// QString keys a Qt 6.4 QHash took 2.5 times as long to count hijack-dev's 43,169 recipients (17 ms).
QString HijackAnalyzer::inferOrganisation(const std::vector<model::Message> &messages)
{
    std::unordered_map<QString, int, StringHash> mentions;
    for (const model::Message &m : messages) {
        for (const QList<model::MailAddress> *list : {&m.to, &m.cc})
            for (const model::MailAddress &a : *list)
                ++mentions[a.address];
    }
    std::unordered_map<QString, int, StringHash> counts;
    for (const auto &[address, n] : mentions)
        counts[DomainIdentity::registrable(address)] += n;
    counts.erase(QString());
    QString best;
    int bestCount = 0;
    for (const auto &[domain, n] : counts) {
        if (best.isEmpty() || n > bestCount || (n == bestCount && domain < best)) {
            best = domain;
            bestCount = n;
        }
    }
    return best;
}

CaseAnalysis HijackAnalyzer::analyse(const model::MailStore &store, const model::ThreadSet &threads, const CaseSettings &settings)
{
    return Engine(store, threads, settings).run();
}

} // namespace th::analysis
