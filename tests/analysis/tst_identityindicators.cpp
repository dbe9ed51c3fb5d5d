// The sender-identity indicators A1-A10 (detection-spec section 5 "A. Sender / authentication") on real mail:
// the labelled hijacks of hijack-dev, real spoofing from spoof-auth-rspamd and phishing_pot (with its
// manifest), messages derived from real list replies the way an attacker would change them, and the benign
// reference threads and list traffic on which they must stay quiet.
#include "casefixture.h"

#include "analysis/displayname.h"
#include "analysis/domainidentity.h"
#include "analysis/lookalike.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace th::analysis;
using Severity = Finding::Severity;

Q_DECLARE_METATYPE(Finding::Severity)

namespace {

constexpr auto DevMailbox = "hijack-dev/mailbox.mbox";

// Reference thread 2 of corpora/README.md and two of its replies.
constexpr auto VfioRoot = "20230201192010.42748-1-mjrosato@linux.ibm.com";
constexpr auto KevinReply = "BN9PR11MB527649C5C0120F73DC8835528CD69@BN9PR11MB5276.namprd11.prod.outlook.com";
constexpr auto AlexReply = "20230201162730.685b5332.alex.williamson@redhat.com";
constexpr auto VirtioRoot = "20230321134410.2097163-1-viktor@daynix.com";
// A real usrp-users post that Mailman rewrote to "Tellrell White via USRP-users <usrp-users@...>".
constexpr auto ViaPost = "1196360689.69773.1628300602833@mail.yahoo.com";

// The manifest names phishing_pot files: each stored message by the name of the file it came from.
QHash<QString, int> messagesByFileName(const CaseFixture &c)
{
    QHash<QString, int> out;
    for (int i = 0; i < c.store().size(); ++i)
        out.insert(QFileInfo(c.store().sources()[c.store().message(i).source.fileIndex].path).fileName(), i);
    return out;
}

QString severityName(const Finding *f)
{
    return f ? f->severityName() : QStringLiteral("none");
}

const Finding *strongest(const MessageAnalysis &a, QStringView id)
{
    const Finding *best = nullptr;
    for (const Finding &f : a.findings) {
        if (f.id == id && (!best || f.severity > best->severity))
            best = &f;
    }
    return best;
}

const Evidence *headerEvidence(const Finding *f, QStringView name)
{
    if (!f)
        return nullptr;
    for (const Evidence &e : f->evidence) {
        if (e.kind == Evidence::Kind::Header && e.name.compare(name, Qt::CaseInsensitive) == 0)
            return &e;
    }
    return nullptr;
}

QString describe(const MessageAnalysis &a)
{
    QStringList out;
    for (const Finding &f : a.findings)
        out << f.id + u':' + f.severityName() + QStringLiteral(" \"") + f.summary + u'"';
    return out.join(QStringLiteral("; "));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray headerBlock(const QByteArray &raw)
{
    const qsizetype end = raw.indexOf("\n\n");
    return end < 0 ? raw : raw.left(end + 1);
}

// The messages of an mboxrd file keyed by Message-ID (without brackets).
QHash<QString, QByteArray> mboxById(const QByteArray &data)
{
    QHash<QString, QByteArray> out;
    static const QRegularExpression idRe(QStringLiteral("^Message-ID:\\s*<([^>]+)>"),
                                         QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    qsizetype start = 0;
    const auto take = [&](qsizetype end) {
        QByteArray m = data.mid(start, end - start);
        if (m.startsWith("From "))
            m = m.mid(m.indexOf('\n') + 1);
        const auto match = idRe.match(QString::fromLatin1(headerBlock(m)));
        if (match.hasMatch() && !out.contains(match.captured(1)))
            out.insert(match.captured(1), m);
    };
    for (qsizetype at = data.indexOf("\nFrom "); at >= 0; at = data.indexOf("\nFrom ", at + 1)) {
        if (at > 0 && data[at - 1] == '\n') {
            take(at + 1);
            start = at + 1;
        }
    }
    take(data.size());
    return out;
}

// \a raw with \a line added as the last header field (below every Received field: what the sender wrote).
QByteArray withHeaderAtBottom(const QByteArray &raw, const QByteArray &line)
{
    const qsizetype end = raw.indexOf("\n\n");
    return raw.left(end + 1) + line + '\n' + raw.mid(end + 1);
}

// \a raw with \a line added as the first header field (what the receiving server writes).
QByteArray withHeaderOnTop(const QByteArray &raw, const QByteArray &line)
{
    return line + '\n' + raw;
}

QByteArray encodedWord(const QString &text)
{
    return "=?UTF-8?B?" + text.toUtf8().toBase64() + "?=";
}

// One line of hijack-dev/labels.jsonl.
struct Label {
    QString id;
    QString label;
    QString variant;
    QString spoofedName;
    QString spoofedAddress;
    QString attacker;
    QString auth;
};

// A manifest.tsv row of phishing_pot: the file and its flag columns.
struct ManifestRow {
    QString file;
    QHash<QString, QString> fields;
    [[nodiscard]] bool flag(const QString &name) const { return fields.value(name) == u"1"; }
};

// manifest.tsv is a tab-separated file whose quoted fields may hold newlines.
QList<ManifestRow> readManifest(const QString &path)
{
    const QString text = QString::fromUtf8(readFile(path));
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
        } else if (c == u'\t') {
            record << field;
            field.clear();
        } else if (c == u'\n') {
            record << field;
            field.clear();
            records << record;
            record.clear();
        } else if (c != u'\r') {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty())
        records << (record << field);
    QList<ManifestRow> rows;
    if (records.isEmpty())
        return rows;
    const QStringList names = records.takeFirst();
    for (const QStringList &r : std::as_const(records)) {
        ManifestRow row;
        for (qsizetype i = 0; i < names.size() && i < r.size(); ++i)
            row.fields.insert(names[i], r[i]);
        row.file = row.fields.value(QStringLiteral("file"));
        if (!row.file.isEmpty())
            rows << row;
    }
    return rows;
}

// The address part of a header value such as "Name <a@b>" or "<a@b>" or "a@b".
QString addressIn(const QString &value)
{
    static const QRegularExpression angle(QStringLiteral("<([^<>@\\s]+@[^<>\\s]+)>"));
    static const QRegularExpression bare(QStringLiteral("([^<>@\\s\"]+@[^<>\\s\"]+)"));
    if (const auto m = angle.match(value); m.hasMatch())
        return m.captured(1).toLower();
    if (const auto m = bare.match(value); m.hasMatch())
        return m.captured(1).toLower();
    return {};
}

// Both domains are the same or one is a subdomain of the other: aligned under any definition.
bool nested(const QString &a, const QString &b)
{
    return !a.isEmpty() && !b.isEmpty() && (a == b || a.endsWith(u'.' + b) || b.endsWith(u'.' + a));
}

} // namespace

class TestIdentityIndicators : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // A1
    void spoofedParticipantInHijackDev();
    void spoofedParticipantDerived_data();
    void spoofedParticipantDerived();
    void ownSecondAddressStaysWeak();
    // A2
    void addressInNameInHijackDev();
    void addressInNameDerived_data();
    void addressInNameDerived();
    void addressInNameAgreesWithPhishingManifest();
    // A3
    void lookalikeInHijackDev();
    void lookalikeDerived_data();
    void lookalikeDerived();
    // A4
    void replyToMismatchRspamd_data();
    void replyToMismatchRspamd();
    void replyToMismatchDerived_data();
    void replyToMismatchDerived();
    void replyToAgreesWithPhishingManifest();
    // A5
    void returnPathAgreesWithPhishingManifest();
    void returnPathExemptions_data();
    void returnPathExemptions();
    // A6
    void authenticationTrust_data();
    void authenticationTrust();
    void authenticationInHijackDev();
    void authenticationOnlyTrustedInPhishingPot();
    // A7, A8, A9
    void messageIdDomainDerived_data();
    void messageIdDomainDerived();
    void clientChangeDerived_data();
    void clientChangeDerived();
    void transportDerived_data();
    void transportDerived();
    void victimHijacksInHijackDev();
    // A10
    void scrambledSenderInHijackDev();
    void scrambledSenderDerived_data();
    void scrambledSenderDerived();
    // benign
    void referenceThreadsStayQuiet_data();
    void referenceThreadsStayQuiet();
    void listRewritingIsNotSpoofing();
    void benignTrafficStaysQuiet();

private:
    CaseFixture &dev();
    CaseFixture &ksft();
    CaseFixture &phish();
    QByteArray s390(const QString &id) const;
    QStringList s390Thread(const QString &root) const;
    QStringList s390From(const QString &address) const;
    /// A case of the given real s390 messages plus \a extra, analysed.
    std::unique_ptr<CaseFixture> derivedCase(const QStringList &ids, const QList<QByteArray> &extra, const CaseSettings &settings = {}) const;
    /// Kevin Tian's real reply in the vfio thread, re-dated and given a Message-ID of the same shape, with \a header set.
    QByteArray kevin(const QByteArray &id) const;

    QList<Label> m_labels;
    QHash<QString, QString> m_labelOf; ///< Message-ID -> label (real ids that repeat are all clean)
    CaseSettings m_devSettings;
    QHash<QString, QByteArray> m_s390;
    QList<ManifestRow> m_manifest;
    std::unique_ptr<CaseFixture> m_dev, m_ksft, m_phish;
};

CaseFixture &TestIdentityIndicators::dev()
{
    if (!m_dev) {
        QElapsedTimer t;
        t.start();
        m_dev = std::make_unique<CaseFixture>(m_devSettings);
        m_dev->addCorpus(QString::fromLatin1(DevMailbox));
        m_dev->analyse();
        qInfo("hijack-dev: %d messages analysed in %lld ms", m_dev->store().size(), t.elapsed());
    }
    return *m_dev;
}

CaseFixture &TestIdentityIndicators::ksft()
{
    if (!m_ksft) {
        QElapsedTimer t;
        t.start();
        m_ksft = std::make_unique<CaseFixture>();
        m_ksft->addCorpus(QString::fromLatin1(CaseFixture::Ksft));
        m_ksft->analyse();
        qInfo("kselftest: %d messages analysed in %lld ms", m_ksft->store().size(), t.elapsed());
    }
    return *m_ksft;
}

CaseFixture &TestIdentityIndicators::phish()
{
    if (!m_phish) {
        QElapsedTimer t;
        t.start();
        m_phish = std::make_unique<CaseFixture>();
        m_phish->addCorpus(QStringLiteral("phishing_pot/eml"));
        m_phish->analyse();
        qInfo("phishing_pot: %d messages analysed in %lld ms", m_phish->store().size(), t.elapsed());
    }
    return *m_phish;
}

void TestIdentityIndicators::initTestCase()
{
    // hijack-dev: labels and the organisation configuration of dataset.json (the README says a detector must be told it).
    const QByteArray labels = readFile(CaseFixture::corpus(QStringLiteral("hijack-dev/labels.jsonl")));
    for (const QByteArray &line : labels.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        Label l;
        l.id = o.value(u"message_id").toString();
        l.label = o.value(u"label").toString();
        l.variant = o.value(u"sender_variant").toString();
        l.spoofedName = o.value(u"spoofed_participant").toObject().value(u"name").toString();
        l.spoofedAddress = o.value(u"spoofed_participant").toObject().value(u"real_address").toString().toLower();
        l.attacker = o.value(u"attacker_address").toString().toLower();
        l.auth = o.value(u"auth").toString();
        m_labels << l;
        m_labelOf.insert(l.id, l.label);
    }
    QCOMPARE(m_labels.size(), 2322);
    const QJsonObject dataset = QJsonDocument::fromJson(readFile(CaseFixture::corpus(QStringLiteral("hijack-dev/dataset.json")))).object();
    for (const QJsonValue v : dataset.value(u"org_domains").toArray())
        m_devSettings.organisationDomains << v.toString();
    const QJsonObject mx = dataset.value(u"org_mx_hosts").toObject();
    for (auto it = mx.begin(); it != mx.end(); ++it)
        m_devSettings.trustedAuthservIds << it.value().toString();
    QCOMPARE(m_devSettings.organisationDomains.size(), 3);
    QVERIFY(!m_devSettings.trustedAuthservIds.isEmpty());

    m_s390 = mboxById(readFile(CaseFixture::corpus(QString::fromLatin1(CaseFixture::S390))));
    QVERIFY(m_s390.size() > 1700);
    QVERIFY(m_s390.contains(QString::fromLatin1(KevinReply)));
    m_manifest = readManifest(CaseFixture::corpus(QStringLiteral("phishing_pot/manifest.tsv")));
    QCOMPARE(m_manifest.size(), 645);
}

QByteArray TestIdentityIndicators::s390(const QString &id) const
{
    return m_s390.value(id);
}

QStringList TestIdentityIndicators::s390Thread(const QString &root) const
{
    QStringList out;
    const QByteArray needle = '<' + root.toLatin1() + '>';
    for (auto it = m_s390.cbegin(); it != m_s390.cend(); ++it) {
        if (it.key() == root || headerBlock(it.value()).contains(needle))
            out << it.key();
    }
    return out;
}

QStringList TestIdentityIndicators::s390From(const QString &address) const
{
    QStringList out;
    static const QRegularExpression fromRe(QStringLiteral("^From:[^\\n]*<([^>]+)>"), QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    for (auto it = m_s390.cbegin(); it != m_s390.cend(); ++it) {
        const auto m = fromRe.match(QString::fromLatin1(headerBlock(it.value())));
        if (m.hasMatch() && m.captured(1).compare(address, Qt::CaseInsensitive) == 0)
            out << it.key();
    }
    return out;
}

std::unique_ptr<CaseFixture> TestIdentityIndicators::derivedCase(const QStringList &ids, const QList<QByteArray> &extra, const CaseSettings &settings) const
{
    auto c = std::make_unique<CaseFixture>(settings);
    for (const QString &id : ids) {
        const QByteArray raw = s390(id);
        if (raw.isEmpty())
            qFatal("no s390 message %s", qPrintable(id));
        c->addMessage(raw);
    }
    for (const QByteArray &raw : extra)
        c->addMessage(raw);
    c->analyse();
    return c;
}

QByteArray TestIdentityIndicators::kevin(const QByteArray &id) const
{
    QByteArray raw = s390(QString::fromLatin1(KevinReply));
    raw = CaseFixture::withHeader(raw, "Message-ID", '<' + id + '>');
    raw = CaseFixture::withHeader(raw, "Date", "Wed, 1 Mar 2023 10:00:00 +0000");
    return raw;
}

// ---------------------------------------------------------------------------------------------------------
// A1: a participant's display name with an address that person never used.

// Every external hijack of hijack-dev carries the display name of a real non-organisation participant with
// an unrelated address (dataset README). Where the From display name is that person's name (not an address),
// A1 must fire, strong because the name belongs to the thread, with the From header as evidence and a
// sentence naming the real and the forged address.
void TestIdentityIndicators::spoofedParticipantInHijackDev()
{
    CaseFixture &c = dev();
    int candidates = 0, fired = 0, strong = 0, namesBoth = 0, knownDefect = 0;
    QStringList missed;
    QHash<QString, QDateTime> firstInjectedFrom; // attacker address -> date of its first injected message
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label == u"clean")
            continue;
        const int i = c.indexOf(l.id);
        if (i < 0)
            continue;
        const QDateTime d = c.store().message(i).date;
        QDateTime &first = firstInjectedFrom[c.store().message(i).from.address.toLower()];
        if (!first.isValid() || d < first)
            first = d;
    }
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label != u"external-thread-hijack")
            continue;
        const int i = c.indexOf(l.id);
        QVERIFY2(i >= 0, qPrintable(l.id));
        const th::model::Message &m = c.store().message(i);
        QCOMPARE(m.from.address.toLower(), l.attacker);
        if (m.from.name.contains(u'@') && !m.from.name.contains(u' '))
            continue; // the display name is only an address: A2's business
        ++candidates;
        const Finding *a1 = strongest(c.analysis().messages[i], u"A1");
        if (!a1) {
            missed << l.id + u' ' + m.from.toString() + QStringLiteral(" [") + l.variant + QStringLiteral("] ") + describe(c.analysis().messages[i]);
            // Engine defects (see the report), recognised from the data, not from the ids: (1) the forged address is on the
            // same free-mail provider as the real one, and DisplayNameSpoof treats "a domain the name used before" as his
            // own even for free mail; (2) the same forged address was already injected earlier, and the identity book
            // learnt it as an alias of the name from the attacker's own earlier message.
            const QString fake = DomainIdentity::registrable(l.attacker);
            if ((DomainIdentity::isFreemail(fake) && fake == DomainIdentity::registrable(l.spoofedAddress))
                || firstInjectedFrom.value(l.attacker) < m.date)
                ++knownDefect;
            continue;
        }
        ++fired;
        strong += a1->severity == Severity::Strong ? 1 : 0;
        const Evidence *from = headerEvidence(a1, u"From");
        QVERIFY2(from && from->value.contains(m.from.address, Qt::CaseInsensitive), qPrintable(l.id));
        QVERIFY2(a1->summary.contains(m.from.address, Qt::CaseInsensitive), qPrintable(a1->summary));
        if (a1->summary.contains(l.spoofedAddress, Qt::CaseInsensitive)) {
            ++namesBoth;
        } else {
            qInfo("A1 does not name the real address %s: %s", qPrintable(l.spoofedAddress), qPrintable(a1->summary));
        }
    }
    qInfo("A1 on hijack-dev external hijacks with a person's display name: %d of %d fired, %d strong, %d name the real address too",
          fired, candidates, strong, namesBoth);
    for (const QString &s : std::as_const(missed))
        qInfo("A1 missed: %s", qPrintable(s));
    QVERIFY(candidates >= 60);
    if (fired + knownDefect == candidates && knownDefect > 0)
        QEXPECT_FAIL("", "engine: DisplayNameSpoof exempts a same-provider free-mail address and learns aliases from earlier injected messages", Continue);
    QCOMPARE(fired, candidates);
    QCOMPARE(strong, fired);
    QCOMPARE(namesBoth, fired);
}

void TestIdentityIndicators::spoofedParticipantDerived_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("extraHeader");
    QTest::addColumn<QStringList>("sisterDomains");
    QTest::addColumn<int>("expected"); // -1: no A1, else the Severity
    QTest::addColumn<QString>("realAddress");

    const QString kevinAddr = QStringLiteral("kevin.tian@intel.com");
    const int strong = int(Severity::Strong), weak = int(Severity::Weak);
    // Talos T1: the thread participant's name, an unrelated account.
    QTest::newRow("as written, foreign address") << QByteArray("\"Tian, Kevin\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("First Last order") << QByteArray("Kevin Tian <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("(EXTERNAL) tag") << QByteArray("\"Tian, Kevin (EXTERNAL)\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("upper case") << QByteArray("\"KEVIN TIAN\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    QTest::newRow("freemail with the person's local part") << QByteArray("\"Tian, Kevin\" <kevin.tian@gmail.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    // A mailbox at a partner organisation of the conversation under his name (a compromised partner account).
    QTest::newRow("another participant's domain") << QByteArray("\"Tian, Kevin\" <k.tnavien@redhat.com>") << QByteArray() << QStringList() << strong << kevinAddr;
    // An address shaped from his own name at an organisation of the conversation: the spec's "new job" FP, and the
    // spec escalates only a domain unrelated to every PS domain, so weak.
    QTest::newRow("own name at another participant's domain") << QByteArray("\"Tian, Kevin\" <ktian@redhat.com>") << QByteArray() << QStringList() << weak << kevinAddr;
    // Not spoofing: the same organisation, a delegate, a declared partner, the person's own domain.
    QTest::newRow("subdomain of the real domain") << QByteArray("\"Tian, Kevin\" <kevin.tian@linux.intel.com>") << QByteArray() << QStringList() << -1 << kevinAddr;
    QTest::newRow("Sender: the real address") << QByteArray("\"Tian, Kevin\" <assistant@ordalex.com>")
                                               << QByteArray("Sender: \"Tian, Kevin\" <kevin.tian@intel.com>") << QStringList() << -1 << kevinAddr;
    QTest::newRow("configured sister domain") << QByteArray("\"Tian, Kevin\" <k.tnavien@ordalex.com>") << QByteArray() << QStringList{"ordalex.com"} << -1 << kevinAddr;
    QTest::newRow("own personal domain") << QByteArray("Kevin Tian <kevin@tian.name>") << QByteArray() << QStringList() << weak << kevinAddr;
}

// Kevin Tian's real reply in reference thread 2 re-sent with a forged From: A1 fires when the name is his
// (after the spec's normalisation: order, tags, case) and the domain is one he never used.
void TestIdentityIndicators::spoofedParticipantDerived()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, extraHeader);
    QFETCH(QStringList, sisterDomains);
    QFETCH(int, expected);
    QFETCH(QString, realAddress);

    QByteArray raw = CaseFixture::withHeader(kevin("derived-a1@ordalex.com"), "From", from);
    if (!extraHeader.isEmpty())
        raw = CaseFixture::withHeader(raw, extraHeader.left(extraHeader.indexOf(':')), extraHeader.mid(extraHeader.indexOf(':') + 2));
    CaseSettings settings;
    settings.sisterDomains = sisterDomains;
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw}, settings);
    const QString id = QStringLiteral("derived-a1@ordalex.com");
    const Finding *a1 = c->finding(id, QStringLiteral("A1"));
    if (expected < 0) {
        QVERIFY2(!a1, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a1, qPrintable(describe(c->result(id))));
    QVERIFY2(int(a1->severity) == expected, qPrintable(severityName(a1) + u' ' + a1->summary));
    const th::model::Message &m = c->store().message(c->indexOf(id));
    QVERIFY2(a1->summary.contains(m.from.address, Qt::CaseInsensitive), qPrintable(a1->summary));
    QVERIFY2(a1->summary.contains(realAddress, Qt::CaseInsensitive), qPrintable(a1->summary));
    const Evidence *e = headerEvidence(a1, u"From");
    QVERIFY(e && e->value.contains(m.from.address, Qt::CaseInsensitive));
    if (expected == int(Severity::Strong) && !DomainIdentity::isFreemail(m.from.address) && !m.from.address.endsWith(u"redhat.com"))
        QVERIFY2(a1->summary.contains(QStringLiteral("unrelated")), qPrintable(a1->summary)); // spec: escalate, unrelated to every PS domain
}

// Spec A1 FP: "personal plus work addresses". Real people of the lists write from two addresses; when both
// share the registrable domain A1 must not fire at all. Otherwise it must stay weak where the case shows the
// second domain as an ordinary correspondent (another message from it). A domain the case has no other mail
// from is, by the spec, what A1 is for (S); the spec's mitigation there is the alias book, so it is only listed.
void TestIdentityIndicators::ownSecondAddressStaysWeak()
{
    struct Person {
        CaseFixture *c;
        QString name;
        bool sameDomain;
    };
    const QList<Person> people = {
        {&ksft(), QStringLiteral("Lorenz Bauer"), true},     // lmb@ and lorenz.bauer@isovalent.com
        {&ksft(), QStringLiteral("Rob Herring"), true},      // robh+dt@ and robh@kernel.org
        {&ksft(), QStringLiteral("Xu Kuohai"), false},       // huaweicloud.com and huawei.com
        {&ksft(), QStringLiteral("Ross Zwisler"), false},    // kernel.org and google.com
        {&ksft(), QStringLiteral("Zi Yan"), false},          // sent.com and nvidia.com
        {&ksft(), QStringLiteral("Geert Uytterhoeven"), false},
        {&dev(), QStringLiteral("Arnd Bergmann"), false},    // arndb.de and kernel.org
        {&dev(), QStringLiteral("Palmer Dabbelt"), false},   // rivosinc.com and dabbelt.com
        {&dev(), QStringLiteral("Alexandre Ghiti"), false},  // rivosinc.com and ghiti.fr
    };
    for (const Person &p : people) {
        QSet<QString> addresses;
        int fired = 0;
        for (int i = 0; i < p.c->store().size(); ++i) {
            const th::model::Message &m = p.c->store().message(i);
            if (m.from.name.compare(p.name, Qt::CaseInsensitive) != 0 || (p.c == m_dev.get() && m_labelOf.value(m.messageId) != u"clean"))
                continue;
            addresses.insert(m.from.address.toLower());
            const Finding *a1 = strongest(p.c->analysis().messages[i], u"A1");
            if (!a1)
                continue;
            ++fired;
            QVERIFY2(!p.sameDomain, qPrintable(m.from.toString() + u' ' + a1->summary));
            const QString domain = DomainIdentity::registrable(m.from.address);
            int fromDomain = 0;
            for (int j = 0; j < p.c->store().size(); ++j)
                fromDomain += DomainIdentity::registrable(p.c->store().message(j).from.address) == domain ? 1 : 0;
            if (a1->severity != Severity::Weak && fromDomain < 2) {
                qInfo("A1 %s on %s: %s sent no other message in this case (spec: S; mitigation: the alias book)",
                      qPrintable(severityName(a1)), qPrintable(m.from.toString()), qPrintable(domain));
                continue;
            }
            QVERIFY2(a1->severity == Severity::Weak, qPrintable(m.from.toString() + u' ' + a1->summary));
        }
        QVERIFY2(addresses.size() >= 2, qPrintable(p.name));
        qInfo("A1 on %s (%lld addresses): fired %d times", qPrintable(p.name), qsizetype(addresses.size()), fired);
    }
}

// ---------------------------------------------------------------------------------------------------------
// A2: an address in the display name that is not the sender's.

void TestIdentityIndicators::addressInNameInHijackDev()
{
    CaseFixture &c = dev();
    int total = 0, fired = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.variant != u"name-contains-address")
            continue;
        ++total;
        const int i = c.indexOf(l.id);
        const th::model::Message &m = c.store().message(i);
        QVERIFY2(m.from.name.contains(l.spoofedAddress, Qt::CaseInsensitive), qPrintable(m.from.toString()));
        const Finding *a2 = strongest(c.analysis().messages[i], u"A2");
        QVERIFY2(a2, qPrintable(m.from.toString() + u' ' + describe(c.analysis().messages[i])));
        ++fired;
        QCOMPARE(severityName(a2), QStringLiteral("medium"));
        QVERIFY2(a2->summary.contains(l.spoofedAddress, Qt::CaseInsensitive) && a2->summary.contains(m.from.address, Qt::CaseInsensitive),
                 qPrintable(a2->summary));
        const Evidence *e = headerEvidence(a2, u"From");
        QVERIFY(e && e->value.contains(l.spoofedAddress, Qt::CaseInsensitive));
    }
    qInfo("A2 on hijack-dev 'name-contains-address' hijacks: %d of %d", fired, total);
    QCOMPARE(total, 17);
    // And never on the real messages, whose display names are names.
    int clean = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label != u"clean")
            continue;
        const int i = c.indexOf(l.id);
        if (i >= 0 && strongest(c.analysis().messages[i], u"A2"))
            ++clean;
    }
    QCOMPARE(clean, 0);
}

void TestIdentityIndicators::addressInNameDerived_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QString>("embedded"); // empty: A2 must not fire
    QTest::newRow("participant address as name") << QByteArray("\"kevin.tian@intel.com\" <k.tnavien@ordalex.com>") << "kevin.tian@intel.com";
    QTest::newRow("name and address as name") << QByteArray("\"Tian, Kevin <kevin.tian@intel.com>\" <k.tnavien@ordalex.com>") << "kevin.tian@intel.com";
    QTest::newRow("full-width address (NFKC)")
        << QByteArray(encodedWord(QString::fromUtf8("\xef\xbd\x8b\xef\xbd\x85\xef\xbd\x96\xef\xbd\x89\xef\xbd\x8e@intel.com")) + " <k.tnavien@ordalex.com>")
        << "kevin@intel.com";
    QTest::newRow("name equals address") << QByteArray("\"kevin.tian@intel.com\" <kevin.tian@intel.com>") << "";
    QTest::newRow("name equals address, other case") << QByteArray("\"Kevin.Tian@Intel.COM\" <kevin.tian@intel.com>") << "";
    QTest::newRow("name equals address, U-label") << QByteArray(encodedWord(QString::fromUtf8("kevin@b\xc3\xbc" "cher.example")) + " <kevin@xn--bcher-kva.example>") << "";
}

void TestIdentityIndicators::addressInNameDerived()
{
    QFETCH(QByteArray, from);
    QFETCH(QString, embedded);
    const QByteArray raw = CaseFixture::withHeader(kevin("derived-a2@ordalex.com"), "From", from);
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw});
    const QString id = QStringLiteral("derived-a2@ordalex.com");
    const Finding *a2 = c->finding(id, QStringLiteral("A2"));
    if (embedded.isEmpty()) {
        QVERIFY2(!a2, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a2, qPrintable(describe(c->result(id))));
    QCOMPARE(severityName(a2), QStringLiteral("medium"));
    QVERIFY2(a2->summary.contains(embedded, Qt::CaseInsensitive), qPrintable(a2->summary));
    QVERIFY2(a2->summary.contains(QStringLiteral("k.tnavien@ordalex.com")), qPrintable(a2->summary));
    QVERIFY(headerEvidence(a2, u"From"));
}

// Manifest column display_name_addr_spoof. Rows where the "address" in the name is not one (the anonymised
// "phishing@pot...") or the From field has no address outside a comment are left out; A2 must fire on
// every other flagged file, and on no unflagged file whose display name holds no '@'.
void TestIdentityIndicators::addressInNameAgreesWithPhishingManifest()
{
    CaseFixture &c = phish();
    const QHash<QString, int> byFile = messagesByFileName(c);
    int flagged = 0, agreed = 0, unflaggedFired = 0, unflaggedNoAt = 0;
    QStringList missed;
    for (const ManifestRow &r : std::as_const(m_manifest)) {
        if (!byFile.contains(r.file))
            continue;
        const int i = byFile.value(r.file);
        const th::model::Message &m = c.store().message(i);
        const Finding *a2 = strongest(c.analysis().messages[i], u"A2");
        if (r.flag(QStringLiteral("display_name_addr_spoof"))) {
            static const QRegularExpression realAddress(QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"));
            if (m.from.address.isEmpty() || m.from.name.contains(QStringLiteral("phishing@pot")) || !realAddress.match(m.from.name).hasMatch())
                continue;
            ++flagged;
            if (a2) {
                ++agreed;
                QVERIFY2(a2->summary.contains(m.from.address, Qt::CaseInsensitive), qPrintable(a2->summary));
            } else {
                missed << r.file + u' ' + m.from.toString();
            }
        } else if (!m.from.name.contains(u'@')) {
            ++unflaggedNoAt;
            unflaggedFired += a2 ? 1 : 0;
        }
    }
    qInfo("A2 on phishing_pot files flagged display_name_addr_spoof: %d of %d; on %d unflagged names without '@': %d",
          agreed, flagged, unflaggedNoAt, unflaggedFired);
    for (const QString &s : std::as_const(missed))
        qInfo("A2 missed: %s", qPrintable(s));
    QVERIFY(flagged >= 6);
    QCOMPARE(agreed, flagged);
    QCOMPARE(unflaggedFired, 0);
}

// ---------------------------------------------------------------------------------------------------------
// A3: a look-alike of a domain of the conversation.

void TestIdentityIndicators::lookalikeInHijackDev()
{
    CaseFixture &c = dev();
    int total = 0, fired = 0, medium = 0, outOfScope = 0;
    QStringList missed;
    for (const Label &l : std::as_const(m_labels)) {
        if (!l.variant.startsWith(u"lookalike-"))
            continue;
        const int i = c.indexOf(l.id);
        const Finding *a3 = strongest(c.analysis().messages[i], u"A3");
        if (a3)
            ++total;
        const QString real = DomainIdentity::registrable(l.spoofedAddress);
        const QString fake = DomainIdentity::registrable(l.attacker);
        // Spec A3: the candidate must be new ("never seen before, or seen < 3 days"). A look-alike that already wrote
        // to this case three days or more earlier (an earlier wave of the same campaign) is out of A3's scope.
        const QDateTime date = c.store().message(i).date;
        bool seenBefore = false;
        for (int j = 0; j < c.store().size() && !seenBefore; ++j) {
            const th::model::Message &o = c.store().message(j);
            seenBefore = j != i && DomainIdentity::registrable(o.from.address) == fake && o.date.isValid() && o.date.daysTo(date) >= 3;
        }
        if (!a3 && seenBefore) {
            ++total;
            ++outOfScope;
            qInfo("A3 not required (the domain wrote here 3+ days earlier): %s", qPrintable(l.attacker));
            continue;
        }
        if (!a3) {
            ++total;
            missed << l.variant + u' ' + l.attacker + QStringLiteral(" for ") + l.spoofedAddress + u' ' + describe(c.analysis().messages[i]);
            continue;
        }
        ++fired;
        const bool namesPair = a3->summary.contains(fake) && a3->summary.contains(real);
        QVERIFY2(namesPair, qPrintable(l.variant + u' ' + a3->summary));
        QVERIFY(headerEvidence(a3, u"From"));
        if (l.variant == u"lookalike-tld") {
            QVERIFY(a3->severity >= Severity::Weak); // see the report: the spec says M, the code makes other TLDs weak
        } else {
            // Spec A3: "M; S when combined with A1" - strong exactly when the participant's name is on it too.
            const Severity expected = strongest(c.analysis().messages[i], u"A1") ? Severity::Strong : Severity::Medium;
            QVERIFY2(a3->severity == expected, qPrintable(l.variant + u' ' + severityName(a3) + u' ' + a3->summary));
            ++medium;
        }
    }
    qInfo("A3 on hijack-dev look-alike senders: %d of %d fired (%d medium, or strong with A1, outside the other-TLD variant)", fired, total, medium);
    for (const QString &s : std::as_const(missed))
        qInfo("A3 missed: %s", qPrintable(s));
    QCOMPARE(total, 15);
    QVERIFY(outOfScope <= 2);
    QCOMPARE(fired + outOfScope, total);
}

void TestIdentityIndicators::lookalikeDerived_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QString>("known");  // empty: A3 must not fire
    QTest::addColumn<QString>("shown");  // the look-alike as the summary must show it (U-label)
    QTest::addColumn<int>("severity"); // at least
    QTest::addColumn<QStringList>("sister");
    const int medium = int(Severity::Medium);
    const QByteArray k(KevinReply), a(AlexReply);
    QTest::newRow("DL-1 transposition intel->intle") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intle.com>") << "intel.com" << "intle.com" << medium << QStringList();
    QTest::newRow("DL-1 substitution redhat->redhot") << a << QByteArray("Alex Williamson <alex.williamson@redhot.com>") << "redhat.com" << "redhot.com" << medium << QStringList();
    QTest::newRow("IDN homoglyph Cyrillic e in redhat") << a << QByteArray("Alex Williamson <alex.williamson@xn--rdhat-zwe.com>") << "redhat.com"
                                                      << QString::fromUtf8("r\xd0\xb5" "dhat.com") << medium << QStringList();
    QTest::newRow("IDN homoglyph Cyrillic e in intel") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@xn--intl-x4d.com>") << "intel.com"
                                                     << QString::fromUtf8("int\xd0\xb5l.com") << medium << QStringList();
    QTest::newRow("digit for letter redhat->redh4t") << a << QByteArray("Alex Williamson <alex.williamson@redh4t.com>") << "redhat.com" << "redh4t.com" << medium << QStringList();
    QTest::newRow("hyphen") << a << QByteArray("Alex Williamson <alex.williamson@red-hat.com>") << "redhat.com" << "red-hat.com" << medium << QStringList();
    QTest::newRow("plural") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intels.com>") << "intel.com" << "intels.com" << medium << QStringList();
    QTest::newRow("other TLD") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intel.net>") << "intel.com" << "intel.net" << int(Severity::Weak) << QStringList();
    QTest::newRow("real domain") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intel.com>") << "" << "" << 0 << QStringList();
    QTest::newRow("unrelated domain") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@ordalex.com>") << "" << "" << 0 << QStringList();
    QTest::newRow("configured sister domain") << k << QByteArray("\"Tian, Kevin\" <kevin.tian@intle.com>") << "" << "" << 0 << QStringList{"intle.com"};
}

// A real reply of reference thread 2 (IBM, Red Hat, Intel) re-sent from a cousin domain of its author.
void TestIdentityIndicators::lookalikeDerived()
{
    QFETCH(QByteArray, base);
    QFETCH(QByteArray, from);
    QFETCH(QString, known);
    QFETCH(QString, shown);
    QFETCH(int, severity);
    QFETCH(QStringList, sister);
    QByteArray raw = CaseFixture::withHeader(s390(QString::fromLatin1(base)), "From", from);
    raw = CaseFixture::withHeader(raw, "Message-ID", "<derived-a3@example.invalid>");
    raw = CaseFixture::withHeader(raw, "Date", "Wed, 1 Mar 2023 10:00:00 +0000");
    CaseSettings settings;
    settings.sisterDomains = sister;
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw}, settings);
    const QString id = QStringLiteral("derived-a3@example.invalid");
    const Finding *a3 = c->finding(id, QStringLiteral("A3"));
    if (known.isEmpty()) {
        QVERIFY2(!a3, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a3, qPrintable(describe(c->result(id))));
    QVERIFY2(int(a3->severity) >= severity, qPrintable(severityName(a3) + u' ' + a3->summary)); // other TLD: see the report
    QVERIFY2(a3->summary.contains(known) && a3->summary.contains(shown), qPrintable(a3->summary));
    const Evidence *e = headerEvidence(a3, u"From");
    QVERIFY(e);
    // Spec: S when combined with A1 - the display name is the author's, so A1 fires strong too.
    const Finding *a1 = c->finding(id, QStringLiteral("A1"));
    QVERIFY2(a1 && a1->severity == Severity::Strong, qPrintable(describe(c->result(id))));
}

// ---------------------------------------------------------------------------------------------------------
// A4: Reply-To elsewhere.

void TestIdentityIndicators::replyToMismatchRspamd_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("replyTo"); // empty: A4 must not fire
    QTest::addColumn<QString>("fromDomain");
    QTest::newRow("replyto") << "spoof-auth-rspamd/replyto.eml" << "user@emailbl.com" << "abrakadabra.com";
    QTest::newRow("replyto2") << "spoof-auth-rspamd/replyto2.eml" << "user@baddomain.com" << "abrakadabra.com";
    QTest::newRow("replyto subdomain") << "spoof-auth-rspamd/replytosubdomain.eml" << "user@subdomain.emailbl.com" << "abrakadabra.com";
    QTest::newRow("same address") << "spoof-auth-rspamd/replyto_addr_eq_from.eml" << "" << "";
    QTest::newRow("5293 free-mail Reply-To") << "phishing_pot/eml/sample-5293.eml" << "" << "";
}

void TestIdentityIndicators::replyToMismatchRspamd()
{
    QFETCH(QString, file);
    QFETCH(QString, replyTo);
    QFETCH(QString, fromDomain);
    CaseFixture c;
    c.addCorpus(file);
    c.analyse();
    QCOMPARE(c.store().size(), 1);
    const th::model::Message &m = c.store().message(0);
    const Finding *a4 = strongest(c.analysis().messages[0], u"A4");
    if (file.endsWith(u"sample-5293.eml")) {
        // A compromised Exchange account with a gmail Reply-To: free mail must be called out.
        QVERIFY2(a4, qPrintable(describe(c.analysis().messages[0])));
        QVERIFY2(a4->summary.contains(QStringLiteral("free-mail")), qPrintable(a4->summary));
        QVERIFY(a4->summary.contains(m.replyTo.value(0).address, Qt::CaseInsensitive));
        return;
    }
    if (replyTo.isEmpty()) {
        QVERIFY2(!a4, qPrintable(describe(c.analysis().messages[0])));
        return;
    }
    QVERIFY2(a4, qPrintable(describe(c.analysis().messages[0])));
    QCOMPARE(severityName(a4), QStringLiteral("medium"));
    QVERIFY2(a4->summary.contains(replyTo) && a4->summary.contains(fromDomain), qPrintable(a4->summary));
    QVERIFY2(!a4->summary.contains(QStringLiteral("free-mail")), qPrintable(a4->summary));
    const Evidence *e = headerEvidence(a4, u"Reply-To");
    QVERIFY(e && e->value.contains(replyTo));
}

void TestIdentityIndicators::replyToMismatchDerived_data()
{
    QTest::addColumn<QByteArray>("replyTo");
    QTest::addColumn<bool>("fires");
    QTest::addColumn<bool>("freemail");
    QTest::newRow("free mail") << QByteArray("\"Tian, Kevin\" <kevin.tian.intel@gmail.com>") << true << true;
    QTest::newRow("attacker domain") << QByteArray("<k.tnavien@ordalex.com>") << true << false;
    QTest::newRow("same organisation") << QByteArray("<kevin.tian@linux.intel.com>") << false << false;
    QTest::newRow("another participant's domain") << QByteArray("Alex Williamson <alex.williamson@redhat.com>") << false << false;
}

// Kevin Tian's real reply with a Reply-To added: it must fire unless the Reply-To stays in his organisation
// or in the conversation (spec: exempt if the Reply-To domain is in PS).
void TestIdentityIndicators::replyToMismatchDerived()
{
    QFETCH(QByteArray, replyTo);
    QFETCH(bool, fires);
    QFETCH(bool, freemail);
    const QByteArray raw = CaseFixture::withHeader(kevin("derived-a4@ordalex.com"), "Reply-To", replyTo);
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw});
    const QString id = QStringLiteral("derived-a4@ordalex.com");
    const Finding *a4 = c->finding(id, QStringLiteral("A4"));
    if (!fires) {
        QVERIFY2(!a4, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a4, qPrintable(describe(c->result(id))));
    QCOMPARE(severityName(a4), QStringLiteral("medium"));
    const QString address = addressIn(QString::fromLatin1(replyTo));
    QVERIFY2(a4->summary.contains(address) && a4->summary.contains(QStringLiteral("intel.com")), qPrintable(a4->summary));
    QCOMPARE(a4->summary.contains(QStringLiteral("free-mail")), freemail);
    const Evidence *e = headerEvidence(a4, u"Reply-To");
    QVERIFY(e && e->value.contains(address));
}

// Manifest column reply_to_mismatch: A4 must fire on (nearly) every flagged file and, among the unflagged
// files that do have a Reply-To, only where its registrable domain differs from From's.
void TestIdentityIndicators::replyToAgreesWithPhishingManifest()
{
    CaseFixture &c = phish();
    const QHash<QString, int> byFile = messagesByFileName(c);
    int flagged = 0, agreed = 0, unflaggedWithReplyTo = 0, unflaggedFired = 0;
    QStringList missed;
    for (const ManifestRow &r : std::as_const(m_manifest)) {
        if (!byFile.contains(r.file))
            continue;
        const int i = byFile.value(r.file);
        const th::model::Message &m = c.store().message(i);
        const Finding *a4 = strongest(c.analysis().messages[i], u"A4");
        if (a4) {
            QCOMPARE(severityName(a4), QStringLiteral("medium"));
            const Evidence *e = headerEvidence(a4, u"Reply-To");
            QVERIFY2(e, qPrintable(r.file));
            // Whatever it fires on must be a real mismatch: Reply-To under another organisation than From.
            const QString rt = addressIn(e->value);
            QVERIFY2(!DomainIdentity::sameOrganisation(rt, m.from.address), qPrintable(r.file + u' ' + a4->summary));
            QVERIFY2(a4->summary.contains(rt, Qt::CaseInsensitive), qPrintable(a4->summary));
        }
        if (r.flag(QStringLiteral("reply_to_mismatch"))) {
            ++flagged;
            if (a4)
                ++agreed;
            else
                missed << r.file + QStringLiteral(" From ") + m.from.toString() + QStringLiteral(" Reply-To ") + m.header(u"Reply-To");
        } else if (!m.replyTo.isEmpty()) {
            ++unflaggedWithReplyTo;
            unflaggedFired += a4 ? 1 : 0;
        }
    }
    qInfo("A4 on phishing_pot: %d of %d files flagged reply_to_mismatch; %d of %d unflagged files with a Reply-To",
          agreed, flagged, unflaggedFired, unflaggedWithReplyTo);
    for (const QString &s : std::as_const(missed))
        qInfo("A4 missed: %s", qPrintable(s));
    QVERIFY(flagged >= 165); // 172 rows; a file whose Message-ID repeats an earlier one is merged into it
    QVERIFY2(agreed * 100 >= flagged * 95, "A4 fires on fewer than 95 % of the flagged files");
    QVERIFY(unflaggedFired <= 6); // the manifest's own misses: see the per-file check above
}

// ---------------------------------------------------------------------------------------------------------
// A5: Return-Path not aligned with From.

void TestIdentityIndicators::returnPathAgreesWithPhishingManifest()
{
    CaseFixture &c = phish();
    const QHash<QString, int> byFile = messagesByFileName(c);
    int flagged = 0, agreed = 0, aligned = 0, alignedFired = 0, exempt = 0, bareMissed = 0;
    QStringList missed;
    for (const ManifestRow &r : std::as_const(m_manifest)) {
        if (!byFile.contains(r.file))
            continue;
        const int i = byFile.value(r.file);
        const th::model::Message &m = c.store().message(i);
        const Finding *a5 = strongest(c.analysis().messages[i], u"A5");
        if (a5) {
            QCOMPARE(severityName(a5), QStringLiteral("weak")); // spec: W, count only with other signals
            const Evidence *e = headerEvidence(a5, u"Return-Path");
            QVERIFY2(e && a5->summary.contains(e->value), qPrintable(a5->summary));
            QVERIFY2(a5->summary.contains(DomainIdentity::registrable(m.from.address)), qPrintable(a5->summary));
        }
        const QString returnPath = addressIn(m.header(u"Return-Path"));
        const QString rpLocal = returnPath.section(u'@', 0, 0);
        // Spec A5 FP: SRS and bounce addresses (returnPathExemptions); the manifest flags them, the spec does not count them.
        const bool specExempt = rpLocal.startsWith(QLatin1String("srs0=")) || rpLocal.startsWith(QLatin1String("srs1="))
            || rpLocal.contains(QLatin1String("+srs=")) || rpLocal.startsWith(QLatin1String("bounce"));
        if (r.flag(QStringLiteral("return_path_mismatch")) && specExempt) {
            ++exempt;
        } else if (r.flag(QStringLiteral("return_path_mismatch"))) {
            ++flagged;
            if (a5) {
                ++agreed;
            } else {
                missed << r.file + QStringLiteral(" From ") + m.from.address + QStringLiteral(" Return-Path ") + m.header(u"Return-Path");
                bareMissed += !returnPath.isEmpty() && !m.header(u"Return-Path").contains(u'<') ? 1 : 0;
            }
        } else if (nested(DomainIdentity::domainOf(returnPath), DomainIdentity::domainOf(m.from.address))) {
            ++aligned;
            if (a5) {
                ++alignedFired;
                qInfo("A5 on an aligned Return-Path: %s %s", qPrintable(r.file), qPrintable(a5->summary));
            }
        }
    }
    qInfo("A5 on phishing_pot: %d of %d files flagged return_path_mismatch (%d more flagged are SRS/bounce, spec FP; %d misses have a "
          "Return-Path without angle brackets); %d of %d files whose Return-Path domain is From's or nested in it",
          agreed, flagged, exempt, bareMissed, alignedFired, aligned);
    for (const QString &s : std::as_const(missed))
        qInfo("A5 missed: %s", qPrintable(s));
    QVERIFY(flagged + exempt >= 58); // 62 rows
    QVERIFY(flagged >= 45);
    if (agreed * 100 < flagged * 90 && (agreed + bareMissed) * 100 >= flagged * 90)
        QEXPECT_FAIL("", "engine: ReturnPathMismatch reads Return-Path with MimeParser::extractMessageIds, which needs <...>; bare addresses are skipped", Continue);
    QVERIFY2(agreed * 100 >= flagged * 90, "A5 fires on fewer than 90 % of the flagged files");
    QVERIFY(aligned > 100);
    QCOMPARE(alignedFired, 0);
}

void TestIdentityIndicators::returnPathExemptions_data()
{
    QTest::addColumn<QByteArray>("returnPath"); // empty: leave the real one
    QTest::addColumn<bool>("fires");
    QTest::newRow("real yand_forward (test.net vs test.eu)") << QByteArray() << true;
    QTest::newRow("aligned") << QByteArray("<test@mail.test.eu>") << false;
    QTest::newRow("SRS forwarding") << QByteArray("<SRS0=HHH=TT=test.eu=test@forwarder.example>") << false;
    QTest::newRow("ESP bounce address") << QByteArray("<bounce-123@esp.example>") << false;
}

// spoof-auth-rspamd yand_forward.eml: Return-Path test.net, From test.eu. Spec A5 FP: SRS and bounce handlers.
void TestIdentityIndicators::returnPathExemptions()
{
    QFETCH(QByteArray, returnPath);
    QFETCH(bool, fires);
    QByteArray raw = readFile(CaseFixture::corpus(QStringLiteral("spoof-auth-rspamd/yand_forward.eml")));
    QVERIFY(!raw.isEmpty());
    raw.replace("\r\n", "\n");
    if (!returnPath.isEmpty())
        raw = CaseFixture::withHeader(raw, "Return-Path", returnPath);
    CaseFixture c;
    c.addMessage(raw);
    c.analyse();
    const Finding *a5 = strongest(c.analysis().messages[0], u"A5");
    if (!fires) {
        QVERIFY2(!a5, qPrintable(describe(c.analysis().messages[0])));
        return;
    }
    QVERIFY2(a5, qPrintable(describe(c.analysis().messages[0])));
    QCOMPARE(severityName(a5), QStringLiteral("weak"));
    QVERIFY2(a5->summary.contains(QStringLiteral("test@test.net")) && a5->summary.contains(QStringLiteral("test.eu")), qPrintable(a5->summary));
    QVERIFY(headerEvidence(a5, u"Return-Path"));
}

// ---------------------------------------------------------------------------------------------------------
// A6: authentication results of a trusted receiving server.

void TestIdentityIndicators::authenticationTrust_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QList<QByteArray>>("top");    // fields written above everything (by the receiving MX)
    QTest::addColumn<QByteArray>("bottom");        // a field the sender wrote into its own header block
    QTest::addColumn<QStringList>("trusted");
    QTest::addColumn<int>("expected");             // -1: no A6
    QTest::addColumn<QString>("mentions");

    const QByteArray kevinFrom("\"Tian, Kevin\" <kevin.tian@intel.com>");
    const QByteArray dmarcFail("Authentication-Results: mx01.ibm.com; spf=fail smtp.mailfrom=intel.com; dkim=none; dmarc=fail (p=REJECT) header.from=intel.com");
    const QByteArray spfFail("Authentication-Results: mx01.ibm.com; spf=fail smtp.mailfrom=intel.com; dkim=none; dmarc=none header.from=intel.com");
    const QByteArray spfFailDkimPass("Authentication-Results: mx01.ibm.com; spf=softfail smtp.mailfrom=intel.com; dkim=pass header.d=intel.com; dmarc=none header.from=intel.com");
    const QByteArray pass("Authentication-Results: mx01.ibm.com; spf=pass smtp.mailfrom=intel.com; dkim=pass header.d=intel.com; dmarc=pass header.from=intel.com");
    const QByteArray microsoftFail("Authentication-Results: spf=fail (sender IP is 192.0.2.1) smtp.mailfrom=intel.com; dkim=none (message not signed) header.d=none;dmarc=fail action=none header.from=intel.com;compauth=fail reason=000");
    const QStringList ibm{"mx01.ibm.com"};
    const int strong = int(Severity::Strong), medium = int(Severity::Medium);

    // Exact-domain spoofing of a participant domain, reported by the organisation's own MX.
    QTest::newRow("dmarc=fail, trusted") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << ibm << strong << "dmarc=fail";
    QTest::newRow("spf=fail, no DKIM") << kevinFrom << QList<QByteArray>{spfFail} << QByteArray() << ibm << medium << "spf=fail";
    QTest::newRow("spf=softfail but DKIM pass") << kevinFrom << QList<QByteArray>{spfFailDkimPass} << QByteArray() << ibm << -1 << "";
    QTest::newRow("pass") << kevinFrom << QList<QByteArray>{pass} << QByteArray() << ibm << -1 << "";
    // Only configured authserv-ids are believed.
    QTest::newRow("dmarc=fail, nothing trusted") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << QStringList() << -1 << "";
    QTest::newRow("dmarc=fail, other server trusted") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << QStringList{"mx.example.org"} << -1 << "";
    QTest::newRow("dmarc=fail, look-alike of the trusted id") << kevinFrom << QList<QByteArray>{dmarcFail} << QByteArray() << QStringList{"x01.ibm.com"} << -1 << "";
    // A field below the first untrusted hop was written by whoever sent the message (RFC 8601 section 7).
    QTest::newRow("forged dmarc=fail in the sender's header") << kevinFrom << QList<QByteArray>{} << dmarcFail << ibm << -1 << "";
    QTest::newRow("forged pass in the sender's header, trusted fail on top") << kevinFrom << QList<QByteArray>{dmarcFail} << pass << ibm << strong << "dmarc=fail";
    // Microsoft 365's form without authserv-id: tolerated, attributable to nobody, so not evidence...
    QTest::newRow("Microsoft form alone") << kevinFrom << QList<QByteArray>{microsoftFail} << QByteArray() << QStringList{"mx01.ibm.com", "outlook.com", "protection.outlook.com"} << -1 << "";
    // ...and it does not hide a trusted field next to it.
    QTest::newRow("Microsoft form above a trusted fail") << kevinFrom << QList<QByteArray>{microsoftFail, dmarcFail} << QByteArray() << ibm << strong << "dmarc=fail";
    QTest::newRow("trusted fail above the Microsoft form") << kevinFrom << QList<QByteArray>{dmarcFail, microsoftFail} << QByteArray() << ibm << strong << "dmarc=fail";
    // An unrelated domain failing DMARC is medium; spec A6 rule: dmarc=none for a participant domain plus A1 is M.
    QTest::newRow("dmarc=fail for an unrelated domain")
        << QByteArray("\"Tian, Kevin\" <k.tnavien@ordalex.com>")
        << QList<QByteArray>{"Authentication-Results: mx01.ibm.com; spf=fail smtp.mailfrom=ordalex.com; dkim=none; dmarc=fail header.from=ordalex.com"}
        << QByteArray() << ibm << medium << "dmarc=fail";
    QTest::newRow("dmarc=none for a participant domain plus A1")
        << QByteArray("\"Tian, Kevin\" <ktian@redhat.com>")
        << QList<QByteArray>{"Authentication-Results: mx01.ibm.com; spf=none smtp.mailfrom=redhat.com; dkim=none; dmarc=none header.from=redhat.com"}
        << QByteArray() << ibm << medium << "dmarc=none";
    QTest::newRow("dmarc=none for a participant domain, own address (no A1)")
        << kevinFrom << QList<QByteArray>{"Authentication-Results: mx01.ibm.com; spf=none smtp.mailfrom=intel.com; dkim=none; dmarc=none header.from=intel.com"}
        << QByteArray() << ibm << -1 << "";
}

void TestIdentityIndicators::authenticationTrust()
{
    QFETCH(QByteArray, from);
    QFETCH(QList<QByteArray>, top);
    QFETCH(QByteArray, bottom);
    QFETCH(QStringList, trusted);
    QFETCH(int, expected);
    QFETCH(QString, mentions);

    QByteArray raw = CaseFixture::withHeader(kevin("derived-a6@example.invalid"), "From", from);
    for (auto it = top.crbegin(); it != top.crend(); ++it)
        raw = withHeaderOnTop(raw, *it);
    if (!bottom.isEmpty())
        raw = withHeaderAtBottom(raw, bottom);
    CaseSettings settings;
    settings.organisationDomains = {QStringLiteral("ibm.com")};
    settings.trustedAuthservIds = trusted;
    const auto c = derivedCase(s390Thread(QString::fromLatin1(VfioRoot)), {raw}, settings);
    const QString id = QStringLiteral("derived-a6@example.invalid");
    const Finding *a6 = c->finding(id, QStringLiteral("A6"));
    if (expected < 0) {
        QVERIFY2(!a6, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a6, qPrintable(describe(c->result(id))));
    if (!a6)
        return;
    QCOMPARE(int(a6->severity), expected);
    const th::model::Message &m = c->store().message(c->indexOf(id));
    const QString domain = DomainIdentity::registrable(m.from.address);
    QVERIFY2(a6->summary.contains(QStringLiteral("mx01.ibm.com")) && a6->summary.contains(mentions) && a6->summary.contains(domain),
             qPrintable(a6->summary));
    const Evidence *e = headerEvidence(a6, u"Authentication-Results");
    QVERIFY2(e && e->value.startsWith(QStringLiteral("mx01.ibm.com")) && e->value.contains(mentions), e ? qPrintable(e->value) : "no evidence");
}

// hijack-dev: the organisation's MX wrote Authentication-Results on every directly delivered injection. The
// one external hijack that fails DMARC (for its own, unrelated domain) is medium; victim hijacks pass for the
// real domain and must not get A6; nothing is believed when no authserv-id is configured.
void TestIdentityIndicators::authenticationInHijackDev()
{
    CaseFixture &c = dev();
    int dmarcFail = 0, fired = 0, softfail = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label == u"clean")
            continue;
        const int i = c.indexOf(l.id);
        const Finding *a6 = strongest(c.analysis().messages[i], u"A6");
        if (l.label == u"external-thread-hijack" && l.auth.contains(QStringLiteral("dmarc=fail"))) {
            ++dmarcFail;
            QVERIFY2(a6, qPrintable(l.id + u' ' + describe(c.analysis().messages[i])));
            QCOMPARE(severityName(a6), QStringLiteral("medium"));
            QVERIFY2(a6->summary.contains(DomainIdentity::registrable(l.attacker)), qPrintable(a6->summary));
            ++fired;
        } else {
            softfail += l.auth.contains(QStringLiteral("softfail")) ? 1 : 0;
            // softfail/none for the attacker's own, unrelated domain is not a failure of a conversation domain
            QVERIFY2(!a6, qPrintable(l.id + u' ' + l.label + u' ' + describe(c.analysis().messages[i])));
        }
    }
    qInfo("A6 on hijack-dev: %d of %d external hijacks with dmarc=fail; none of the other %d injected messages (%d with spf=softfail)",
          fired, dmarcFail, 150 - dmarcFail, softfail);
    QCOMPARE(dmarcFail, 1);

    // The same injected message with nothing configured: no Authentication-Results can be believed.
    for (const Label &l : std::as_const(m_labels)) {
        if (!l.auth.contains(QStringLiteral("dmarc=fail")))
            continue;
        CaseSettings untrusted = m_devSettings;
        untrusted.trustedAuthservIds.clear();
        CaseFixture alone(untrusted);
        alone.addMessage(CaseFixture::rawMessage(QString::fromLatin1(DevMailbox), l.id));
        alone.analyse();
        QVERIFY(!alone.finding(l.id, QStringLiteral("A6")));
    }
}

// phishing_pot was received by Gmail (mx.google.com), ProtonMail and Microsoft 365 (no authserv-id). With
// Gmail trusted, A6 may fire only on files whose trusted field fails DMARC; Microsoft's fields
// (most of the auth_fail column) are tolerated but never believed.
void TestIdentityIndicators::authenticationOnlyTrustedInPhishingPot()
{
    CaseSettings settings;
    settings.trustedAuthservIds = {QStringLiteral("mx.google.com")};
    CaseFixture c(settings);
    c.addCorpus(QStringLiteral("phishing_pot/eml"));
    c.analyse();
    CaseFixture &untrusted = phish();
    QCOMPARE(untrusted.store().size(), c.store().size());
    int fired = 0, microsoftOnlyFail = 0, googleDmarcFail = 0;
    for (int i = 0; i < c.store().size(); ++i) {
        const th::model::Message &m = c.store().message(i);
        const QStringList ars = m.headerValues(u"Authentication-Results");
        bool googleFail = false, microsoftFail = false, named = false;
        for (const QString &ar : ars) {
            const QString v = ar.simplified();
            if (v.startsWith(u"mx.google.com;")) {
                named = true;
                googleFail |= v.contains(QStringLiteral("dmarc=fail"));
            } else if (v.startsWith(u"spf=") || v.startsWith(u"dkim=")) {
                microsoftFail |= v.contains(QStringLiteral("dmarc=fail")) || v.contains(QStringLiteral("spf=fail"));
            }
        }
        const Finding *a6 = strongest(c.analysis().messages[i], u"A6");
        QCOMPARE(untrusted.store().message(i).messageId, m.messageId);
        QVERIFY2(!strongest(untrusted.analysis().messages[i], u"A6"), "A6 without any trusted authserv-id");
        googleDmarcFail += googleFail ? 1 : 0;
        if (microsoftFail && !named) {
            ++microsoftOnlyFail;
            QVERIFY2(!a6, qPrintable(m.messageId + u' ' + describe(c.analysis().messages[i])));
        }
        if (a6) {
            ++fired;
            QVERIFY2(googleFail, qPrintable(m.messageId + u' ' + a6->summary));
            QVERIFY(a6->summary.contains(QStringLiteral("mx.google.com")));
            QVERIFY2(a6->summary.contains(DomainIdentity::registrable(m.from.address)), qPrintable(a6->summary));
        }
    }
    qInfo("A6 on phishing_pot with Gmail/ProtonMail trusted: %d fired, %d files with a trusted dmarc=fail; "
          "%d files failing only in Microsoft's unattributed fields, none fired",
          fired, googleDmarcFail, microsoftOnlyFail);
    QVERIFY(microsoftOnlyFail >= 30);
    QVERIFY(googleDmarcFail >= 1);
    QCOMPARE(fired, googleDmarcFail);
}

// ---------------------------------------------------------------------------------------------------------
// A7, A8, A9: against the sender's own history (Kevin Tian: over a hundred real Exchange Online posts).

void TestIdentityIndicators::messageIdDomainDerived_data()
{
    QTest::addColumn<QByteArray>("messageId");
    QTest::addColumn<bool>("fires");
    QTest::addColumn<QString>("host");
    QTest::newRow("gmail-made id") << QByteArray("CAHk-derivedA7xQ3eJ1Z8mW0pR5tY2uI4oP6aS8dF0gH2jK4lZ6x@mail.gmail.com") << true << "gmail.com";
    QTest::newRow("attacker host") << QByteArray("1e7c275908ea58d4294b07347b40dd46@mail.ordalex.com") << true << "ordalex.com";
    QTest::newRow("same Exchange Online shape") << QByteArray("BN9PR11MB5276DE0A7DE0A7DE0A7DE0A7@BN9PR11MB5276.namprd11.prod.outlook.com") << false << "";
    QTest::newRow("under the From organisation") << QByteArray("1e7c275908ea58d4294b07347b40dd46@smtp.intel.com") << false << "";
}

void TestIdentityIndicators::messageIdDomainDerived()
{
    QFETCH(QByteArray, messageId);
    QFETCH(bool, fires);
    QFETCH(QString, host);
    const QString kevinAddr = QStringLiteral("kevin.tian@intel.com");
    const QStringList history = s390From(kevinAddr);
    QVERIFY(history.size() > 100);
    const auto c = derivedCase(history, {kevin(messageId)});
    const QString id = QString::fromLatin1(messageId);
    const Finding *a7 = c->finding(id, QStringLiteral("A7"));
    if (!fires) {
        QVERIFY2(!a7, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a7, qPrintable(describe(c->result(id))));
    QCOMPARE(severityName(a7), QStringLiteral("weak"));
    QVERIFY2(a7->summary.contains(host) && a7->summary.contains(kevinAddr), qPrintable(a7->summary));
    const Evidence *e = headerEvidence(a7, u"Message-ID");
    QVERIFY(e && e->value == id);
}

void TestIdentityIndicators::clientChangeDerived_data()
{
    QTest::addColumn<QByteArray>("messageId");
    QTest::addColumn<QByteArray>("mailer");
    QTest::addColumn<bool>("fires");
    const QByteArray exchangeId("BN9PR11MB5276DE0A8DE0A8DE0A8DE0A8@BN9PR11MB5276.namprd11.prod.outlook.com");
    QTest::newRow("Roundcube and its Message-ID") << QByteArray("1e7c275908ea58d4294b07347b40dd46@webmail.intel.com") << QByteArray("Roundcube Webmail/1.6.0") << true;
    QTest::newRow("Outlook 15 desktop and its Message-ID") << QByteArray("4bcbb451d932$d4ea2c06$890b2f27@intel.com") << QByteArray("Microsoft Outlook 15.0") << true;
    QTest::newRow("only a new mailer header") << exchangeId << QByteArray("Microsoft Outlook 16.0") << false;
    QTest::newRow("unchanged") << exchangeId << QByteArray() << false;
}

// A8: a thief writing from the real account with another program changes mailer and Message-ID together.
void TestIdentityIndicators::clientChangeDerived()
{
    QFETCH(QByteArray, messageId);
    QFETCH(QByteArray, mailer);
    QFETCH(bool, fires);
    QByteArray raw = kevin(messageId);
    if (!mailer.isEmpty())
        raw = CaseFixture::withHeader(raw, mailer.startsWith("Roundcube") ? QByteArray("User-Agent") : QByteArray("X-Mailer"), mailer);
    const auto c = derivedCase(s390From(QStringLiteral("kevin.tian@intel.com")), {raw});
    const QString id = QString::fromLatin1(messageId);
    const Finding *a8 = c->finding(id, QStringLiteral("A8"));
    if (!fires) {
        QVERIFY2(!a8, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a8, qPrintable(describe(c->result(id))));
    // Mailer and Message-ID: two of four traits, as a phone beside a desktop changes; medium needs a third.
    QCOMPARE(severityName(a8), QStringLiteral("weak"));
    // Spec A8: "Show which traits changed".
    QVERIFY2(a8->summary.contains(QStringLiteral("mailer=")) && a8->summary.contains(QStringLiteral("message-id=")), qPrintable(a8->summary));
    QVERIFY2(a8->summary.contains(QStringLiteral("kevin.tian@intel.com")), qPrintable(a8->summary));
    QVERIFY(!a8->evidence.isEmpty());
}

void TestIdentityIndicators::transportDerived_data()
{
    QTest::addColumn<QByteArray>("topReceivedDate"); // replaces the date of the topmost Received field
    QTest::addColumn<QByteArray>("submission");      // a Received field added at the bottom (the client's submission)
    QTest::addColumn<QString>("expect");             // a word of the summary, or empty: no A9
    QTest::newRow("unchanged") << QByteArray() << QByteArray() << "";
    QTest::newRow("top hop two days earlier") << QByteArray("Tue, 31 Jan 2023 05:07:44 +0100") << QByteArray() << "out of order";
    QTest::newRow("top hop three days later") << QByteArray("Sun, 5 Feb 2023 05:07:44 +0100") << QByteArray() << "out of order";
    QTest::newRow("submitted from a new network")
        << QByteArray()
        << QByteArray("Received: from [192.0.2.154] (unknown [192.0.2.154]) (Authenticated sender: kevin.tian@intel.com) by smtp.intel.com with ESMTPSA id 10061D8B1D2A; Thu, 2 Feb 2023 04:07:20 +0000")
        << "192.0.2.154";
}

// A9 on Kevin Tian's real reply: hops out of order or a day apart, or a submission address never used before.
void TestIdentityIndicators::transportDerived()
{
    QFETCH(QByteArray, topReceivedDate);
    QFETCH(QByteArray, submission);
    QFETCH(QString, expect);
    const QByteArray idBytes("BN9PR11MB5276DE0A9DE0A9DE0A9DE0A9@BN9PR11MB5276.namprd11.prod.outlook.com");
    QByteArray raw = kevin(idBytes);
    if (!topReceivedDate.isEmpty()) {
        const QByteArray old("Thu,  2 Feb 2023 05:07:44 +0100 (CET)");
        QVERIFY(raw.contains(old));
        raw.replace(old, topReceivedDate);
    }
    if (!submission.isEmpty()) {
        // Below the real chain: the first hop a message makes.
        const qsizetype from = raw.indexOf("\nFrom: ");
        raw = raw.left(from + 1) + submission + raw.mid(from);
    }
    const auto c = derivedCase(s390From(QStringLiteral("kevin.tian@intel.com")), {raw});
    const QString id = QString::fromLatin1(idBytes);
    const Finding *a9 = c->finding(id, QStringLiteral("A9"));
    if (expect.isEmpty()) {
        QVERIFY2(!a9, qPrintable(describe(c->result(id))));
        return;
    }
    QVERIFY2(a9, qPrintable(describe(c->result(id))));
    QCOMPARE(severityName(a9), QStringLiteral("weak"));
    QVERIFY2(a9->summary.contains(expect), qPrintable(a9->summary));
    QVERIFY(headerEvidence(a9, u"Received"));
}

// hijack-dev victim hijacks: the real account, another client, an ESMTPSA submission from an address the
// sender never used. A8 must fire on most of those whose sender has history, A9 likewise; the benign revivals
// (same client style) must not get A8.
void TestIdentityIndicators::victimHijacksInHijackDev()
{
    CaseFixture &c = dev();
    int victims = 0, a7 = 0, a8 = 0, a9 = 0, revivals = 0, revivalA8 = 0, revivalA7 = 0;
    for (const Label &l : std::as_const(m_labels)) {
        const int i = c.indexOf(l.id);
        if (i < 0)
            continue;
        const MessageAnalysis &a = c.analysis().messages[i];
        if (l.label == u"victim-thread-hijack") {
            ++victims;
            for (QStringView id : {u"A1", u"A2", u"A3", u"A10"})
                QVERIFY2(!strongest(a, id), qPrintable(l.id + u' ' + describe(a))); // the real address
            if (const Finding *f = strongest(a, u"A8")) {
                ++a8;
                // medium from ClientChange::FirmHistory earlier messages on (spec A8: at least five), weak below
                const bool firm = f->summary.contains(QRegularExpression(QStringLiteral("^[34] of 4 .* in the ([5-9]|\\d\\d+) earlier messages")));
                QCOMPARE(severityName(f), firm ? QStringLiteral("medium") : QStringLiteral("weak"));
                QVERIFY(f->summary.contains(c.store().message(i).from.address, Qt::CaseInsensitive));
            }
            if (const Finding *f = strongest(a, u"A9")) {
                ++a9;
                QVERIFY(f->severity == Severity::Weak);
            }
            a7 += strongest(a, u"A7") ? 1 : 0;
        } else if (l.label == u"benign-revival" || l.label == u"benign-forward") {
            ++revivals;
            for (QStringView id : {u"A1", u"A2", u"A3", u"A4", u"A6", u"A10"})
                QVERIFY2(!strongest(a, id), qPrintable(l.id + u' ' + l.label + u' ' + describe(a)));
            if (strongest(a, u"A8")) {
                ++revivalA8;
                qInfo("A8 on a benign %s: %s", qPrintable(l.label), qPrintable(describe(a)));
            }
            revivalA7 += strongest(a, u"A7") ? 1 : 0;
        }
    }
    qInfo("hijack-dev victim hijacks: A7 %d, A8 %d, A9 %d of %d; benign revivals/forwards: A8 %d, A7 %d of %d",
          a7, a8, a9, victims, revivalA8, revivalA7, revivals);
    QCOMPARE(victims, 30);
    QVERIFY2(a8 * 2 >= victims, "A8 on fewer than half of the victim hijacks");
    QVERIFY2(a9 * 2 >= victims, "A9 on fewer than half of the victim hijacks");
    QCOMPARE(revivalA8, 0);
    QCOMPARE(revivalA7, 0);
}

// ---------------------------------------------------------------------------------------------------------
// A10: a random letter string as local part.

void TestIdentityIndicators::scrambledSenderInHijackDev()
{
    CaseFixture &c = dev();
    int scrambled = 0, fired = 0, anagramMissed = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.variant != u"scrambled-unrelated")
            continue;
        ++scrambled;
        const int i = c.indexOf(l.id);
        const Finding *a10 = strongest(c.analysis().messages[i], u"A10");
        if (!a10) {
            // Spec A10's anagram hypothesis: letter multiset overlap >= 0.7 with the display name.
            const th::model::MailAddress &from = c.store().message(i).from;
            QString letters = from.address.section(u'@', 0, 0).toLower(), name = from.name.toLower();
            letters.removeIf([](QChar ch) { return !ch.isLetter(); });
            name.removeIf([](QChar ch) { return !ch.isLetter(); });
            int shared = 0;
            for (const QChar ch : std::as_const(letters)) {
                if (const qsizetype at = name.indexOf(ch); at >= 0) {
                    name.remove(at, 1);
                    ++shared;
                }
            }
            const bool anagram = letters.size() >= 8 && shared * 10 >= letters.size() * 7;
            anagramMissed += anagram ? 1 : 0;
            qInfo("A10 missed: %s%s", qPrintable(from.toString()), anagram ? " (an anagram of the name)" : "");
            continue;
        }
        ++fired;
        // Spec A10: W alone ("random-looking corporate IDs, so combine with A1"); behind a participant's name
        // (A1 on the same message) the engine combines them to medium.
        QCOMPARE(severityName(a10), strongest(c.analysis().messages[i], u"A1") ? QStringLiteral("medium") : QStringLiteral("weak"));
        const QString local = l.attacker.section(u'@', 0, 0);
        QVERIFY2(a10->summary.contains(local, Qt::CaseInsensitive) && a10->summary.contains(c.store().message(i).from.name), qPrintable(a10->summary));
        QVERIFY(headerEvidence(a10, u"From"));
    }
    qInfo("A10 on hijack-dev 'scrambled-unrelated' senders: %d of %d", fired, scrambled);
    QCOMPARE(scrambled, 35);
    if (fired * 100 < scrambled * 80 && anagramMissed > 0 && fired * 100 >= scrambled * 40) // no regression below today's 15 of 35
        QEXPECT_FAIL("", "engine: ScrambledLocalPart::score returns 0 via explainedByName (a short run shared with the name) before the anagram test", Continue);
    QVERIFY2(fired * 100 >= scrambled * 80, "A10 on fewer than 80 % of the scrambled senders");
}

void TestIdentityIndicators::scrambledSenderDerived_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<bool>("fires");
    QTest::newRow("Qakbot n.csilcrnvooeo") << QByteArray("\"Tian, Kevin\" <n.csilcrnvooeo@ordalex.com>") << true;
    QTest::newRow("Qakbot irehicdeyehn") << QByteArray("\"Tian, Kevin\" <irehicdeyehn@ordalex.com>") << true;
    QTest::newRow("Qakbot telrergnbieb") << QByteArray("\"Tian, Kevin\" <telrergnbieb@ordalex.com>") << true;
    QTest::newRow("real local part") << QByteArray("\"Tian, Kevin\" <kevin.tian@ordalex.com>") << false;
    QTest::newRow("initial and surname") << QByteArray("\"Tian, Kevin\" <ktian@ordalex.com>") << false;
    QTest::newRow("employee number") << QByteArray("\"Tian, Kevin\" <u1234567@ordalex.com>") << false;
    QTest::newRow("role address") << QByteArray("\"Tian, Kevin\" <administrator@ordalex.com>") << false;
}

void TestIdentityIndicators::scrambledSenderDerived()
{
    QFETCH(QByteArray, from);
    QFETCH(bool, fires);
    const QByteArray raw = CaseFixture::withHeader(kevin("derived-a10@ordalex.com"), "From", from);
    CaseFixture c;
    c.addMessage(raw);
    c.analyse();
    const QString id = QStringLiteral("derived-a10@ordalex.com");
    const Finding *a10 = c.finding(id, QStringLiteral("A10"));
    if (!fires) {
        QVERIFY2(!a10, qPrintable(describe(c.result(id))));
        return;
    }
    QVERIFY2(a10, qPrintable(describe(c.result(id))));
    QCOMPARE(severityName(a10), QStringLiteral("weak"));
    const QString local = addressIn(QString::fromLatin1(from)).section(u'@', 0, 0);
    QVERIFY2(a10->summary.contains(local) && a10->summary.contains(QStringLiteral("Tian, Kevin")), qPrintable(a10->summary));
}

// ---------------------------------------------------------------------------------------------------------
// Benign: the five reference threads, list From rewriting, list traffic.

void TestIdentityIndicators::referenceThreadsStayQuiet_data()
{
    CaseFixture::referenceThreadRows();
}

// No identity indicator above weak on any message of the benign reference threads, read in their full
// real context (the whole archive they come from); A1-A4, A6 and A10 not at all.
void TestIdentityIndicators::referenceThreadsStayQuiet()
{
    QFETCH(QString, corpus);
    QFETCH(QString, root);
    QFETCH(int, size);
    std::unique_ptr<CaseFixture> own;
    CaseFixture *c = nullptr;
    if (corpus == QLatin1String(CaseFixture::Ksft)) {
        c = &ksft();
    } else if (corpus == QLatin1String(CaseFixture::S390) || corpus == QLatin1String(CaseFixture::Usrp)) {
        c = &dev(); // hijack-dev holds every real s390 and usrp-users message, unchanged
    } else {
        own = std::make_unique<CaseFixture>();
        own->addCorpus(corpus);
        own->analyse();
        c = own.get();
    }
    QStringList thread;
    for (const QString &id : c->threadOf(root)) {
        if (c != m_dev.get() || m_labelOf.value(id) == u"clean")
            thread << id;
    }
    QCOMPARE(thread.size(), size);
    QStringList fired;
    for (const QString &id : std::as_const(thread)) {
        const MessageAnalysis &a = c->result(id);
        for (const Finding &f : a.findings) {
            static const QRegularExpression identity(QStringLiteral("^A([1-9]|10)$"));
            if (!identity.match(f.id).hasMatch())
                continue;
            fired << id + u' ' + f.id + u':' + f.severityName() + u' ' + f.summary;
            static const QStringList never{"A1", "A2", "A3", "A4", "A6", "A10"};
            QVERIFY2(!never.contains(f.id), qPrintable(fired.last()));
            QVERIFY2(f.severity == Severity::Weak, qPrintable(fired.last()));
        }
    }
    for (const QString &s : std::as_const(fired))
        qInfo("weak on a reference thread: %s", qPrintable(s));
}

// usrp-users: Mailman rewrote From to "X via USRP-users <usrp-users@lists.ettus.com>" and put the author in
// Reply-To. That is not a spoofed participant (A1), not a Reply-To elsewhere (A4), not a look-alike (A3);
// and when the author has no display name Mailman writes "'address' via List", which is no A2 either.
void TestIdentityIndicators::listRewritingIsNotSpoofing()
{
    CaseFixture &c = dev();
    int rewritten = 0;
    for (const Label &l : std::as_const(m_labels)) {
        if (l.label != u"clean")
            continue;
        const int i = c.indexOf(l.id);
        const th::model::Message &m = c.store().message(i);
        if (!m.from.name.contains(QStringLiteral(" via USRP-users")))
            continue;
        ++rewritten;
        for (QStringView id : {u"A1", u"A2", u"A3", u"A4", u"A5", u"A10"})
            QVERIFY2(!strongest(c.analysis().messages[i], id), qPrintable(m.from.toString() + u' ' + describe(c.analysis().messages[i])));
    }
    qInfo("%d real 'via USRP-users' posts: no A1-A5 or A10", rewritten);
    QVERIFY(rewritten >= 50);

    // Derived: the same real post as Mailman writes it for an author without a display name.
    QByteArray raw = CaseFixture::rawMessage(QString::fromLatin1(CaseFixture::Usrp), QString::fromLatin1(ViaPost));
    QVERIFY(!raw.isEmpty());
    raw = CaseFixture::withHeader(raw, "From", "\"t_whit_87@yahoo.com via USRP-users\" <usrp-users@lists.ettus.com>");
    raw = CaseFixture::withHeader(raw, "Reply-To", "<t_whit_87@yahoo.com>");
    CaseFixture one;
    one.addMessage(raw);
    one.analyse();
    QVERIFY2(!one.finding(QString::fromLatin1(ViaPost), QStringLiteral("A2")), qPrintable(describe(one.result(QString::fromLatin1(ViaPost)))));
    QVERIFY(!one.finding(QString::fromLatin1(ViaPost), QStringLiteral("A4")));
}

// All real list traffic of hijack-dev (2,172 posts) and kselftest (1,243): the medium and strong identity
// indicators must stay off (the spec's FP notes: lists, two addresses, relays); the figures are printed.
void TestIdentityIndicators::benignTrafficStaysQuiet()
{
    struct Count {
        int any = 0, aboveWeak = 0;
    };
    QMap<QString, Count> counts;
    QStringList aboveWeak;
    int total = 0;
    const auto scan = [&](CaseFixture &c, bool labelled) {
        for (int i = 0; i < c.store().size(); ++i) {
            const th::model::Message &m = c.store().message(i);
            if (labelled && m_labelOf.value(m.messageId) != u"clean")
                continue;
            ++total;
            for (const QString id : {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"}) {
                const Finding *f = strongest(c.analysis().messages[i], id);
                if (!f)
                    continue;
                ++counts[id].any;
                if (f->severity > Severity::Weak) {
                    ++counts[id].aboveWeak;
                    aboveWeak << m.messageId + u' ' + id + u':' + f->severityName() + u' ' + f->summary;
                }
            }
        }
    };
    scan(dev(), true);
    scan(ksft(), false);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        qInfo("%s on %d of %d real list messages (%d above weak)", qPrintable(it.key()), it->any, total, it->aboveWeak);
    for (const QString &s : std::as_const(aboveWeak))
        qInfo("above weak: %s", qPrintable(s));
    QVERIFY(total > 3300);
    for (const QString id : {"A2", "A6", "A10"})
        QVERIFY2(counts.value(id).aboveWeak == 0, qPrintable(id));
    // A real person writing from a second address at an unrelated domain, or an organisation's second domain
    // (linux-foundation.org beside linuxfoundation.org), looks exactly like a spoof until the analyst says so
    // (the address book and the sister-domain setting are the fix); the bar for lists is 0.2 %. The
    // A4 ones are real spam to the lists (a free-mail Reply-To under a company From).
    for (const QString id : {"A1", "A3", "A4"})
        QVERIFY2(counts.value(id).aboveWeak * 1000 <= total * 2, qPrintable(id + QStringLiteral(" above weak on more than 0.2 % of real list messages")));
    // A8 medium needs five earlier messages and three of four traits changed; weak A8 (a phone beside a
    // desktop) is supporting evidence only, and may show on a few per cent of list traffic.
    QVERIFY2(counts.value(QStringLiteral("A8")).aboveWeak * 1000 <= total * 2, "A8 above weak on more than 0.2 % of real list messages");
    QVERIFY2(counts.value(QStringLiteral("A8")).any * 100 <= total * 3, "A8 on more than 3 % of real list messages");
}

QTEST_GUILESS_MAIN(TestIdentityIndicators)
#include "tst_identityindicators.moc"
