// QuoteMatcher indexes each distinct own text once: one message held in many mailboxes, or a spray's copies,
// is a single item of its index. Copies of real list messages check that the index still answers per message,
// as reading every message's own text would, and that a shingle's copies count toward the boilerplate limit.
#include "segmentfixture.h"

#include "analysis/quotematcher.h"
#include "analysis/shingles.h"

#include <QtTest>

#include <map>

using namespace th::analysis;

class TestQuoteMatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void copiesAreFoundAsManyMessages();
    void copiesCountTowardTheBoilerplate();

private:
    std::vector<th::model::Message> m_messages;
    QList<BodyStructure> m_bodies;
};

// 120 real messages, each held three times under other Message-IDs and content digests.
void TestQuoteMatcher::initTestCase()
{
    constexpr int Originals = 120, Copies = 3;
    for (const auto &[corpusPath, location] : Corpora::instance().listMessages()) {
        const th::model::Message &m = Corpora::instance().message(corpusPath, location);
        if (Shingles::wordCount(m.textBody) < 40)
            continue;
        for (int copy = 0; copy < Copies; ++copy) {
            th::model::Message c = m;
            c.messageId = QStringLiteral("copy%1.%2").arg(copy).arg(m.messageId);
            c.contentSha256 = c.messageId.toLatin1();
            m_messages.push_back(c);
            m_bodies << HijackAnalyzer::structureOf(c);
        }
        if (m_messages.size() == size_t(Originals * Copies))
            break;
    }
    QCOMPARE(m_messages.size(), size_t(Originals * Copies));
}

// Each message's whole text asks the index; reading every message's own shingles gives the same hits.
void TestQuoteMatcher::copiesAreFoundAsManyMessages()
{
    const QuoteMatcher matcher(m_messages, m_bodies);
    int multiple = 0;
    for (int i = 0; i < int(m_messages.size()); ++i) {
        const std::vector<quint64> query = matcher.significantShingles(i, {Segment{Kind::New, 0, 0, m_bodies[i].text.size()}});
        std::vector<PostingIndex::Hits> expected;
        for (int j = 0; j < int(m_messages.size()); ++j) {
            if (const qsizetype shared = Shingles::intersectionSize(query, matcher.ownShingles(j)); shared > 0)
                expected.push_back({j, int(shared)});
        }
        const std::vector<PostingIndex::Hits> hits = matcher.ownWordHits(query);
        QCOMPARE(hits.size(), expected.size());
        for (size_t k = 0; k < hits.size(); ++k) {
            QCOMPARE(hits[k].item, expected[k].item);
            QCOMPARE(hits[k].shared, expected[k].shared);
        }
        multiple += hits.size() >= 3 ? 1 : 0;
    }
    QVERIFY2(multiple >= int(m_messages.size()) * 9 / 10, qPrintable(QString::number(multiple))); // its own three copies
}

// A shingle of more than 25 messages' own texts is boilerplate (the case has fewer than 2,500 messages):
// held by nine originals it is in 27 messages, and must go.
void TestQuoteMatcher::copiesCountTowardTheBoilerplate()
{
    std::map<quint64, int> holders;
    const QuoteMatcher matcher(m_messages, m_bodies);
    int boilerplate = 0;
    for (int i = 0; i < int(m_messages.size()); ++i) {
        const std::vector<quint64> all = matcher.shingles(i, m_bodies[i].ownSegments());
        for (quint64 h : all)
            ++holders[h];
    }
    for (int i = 0; i < int(m_messages.size()); ++i) {
        std::vector<quint64> expected = matcher.shingles(i, m_bodies[i].ownSegments());
        std::erase_if(expected, [&](quint64 h) { return holders[h] > 25; });
        const std::span<const quint64> kept = matcher.ownShingles(i);
        QVERIFY(std::ranges::equal(kept, expected));
        boilerplate += int(matcher.shingles(i, m_bodies[i].ownSegments()).size() - kept.size());
    }
    QVERIFY2(boilerplate > 0, "no shingle of these messages is boilerplate: the test proves nothing");
}

QTEST_GUILESS_MAIN(TestQuoteMatcher)
#include "tst_quotematcher.moc"
