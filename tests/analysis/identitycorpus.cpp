#include "identitycorpus.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace th::analysis;

namespace identity {
namespace {

// The manifest names phishing_pot files: each stored message by the name of the file it came from.
QHash<QString, int> messagesByFileName(const CaseFixture &c)
{
    QHash<QString, int> out;
    for (int i = 0; i < c.store().size(); ++i)
        out.insert(QFileInfo(c.store().sources()[c.store().message(i).source.fileIndex].path).fileName(), i);
    return out;
}

} // namespace

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

QByteArray headerBlock(const QByteArray &raw)
{
    const qsizetype end = raw.indexOf("\n\n");
    return end < 0 ? raw : raw.left(end + 1);
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



// manifest.tsv is a tab-separated file whose quoted fields may hold newlines.
QList<ManifestRow> readManifest(const QString &path)
{
    const QString text = QString::fromUtf8(CaseFixture::readFile(path));
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

CaseFixture &IdentityCorpus::dev()
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

CaseFixture &IdentityCorpus::ksft()
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

CaseFixture &IdentityCorpus::phish()
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

QList<ManifestMessage> IdentityCorpus::manifestMessages()
{
    const QHash<QString, int> byFile = messagesByFileName(phish());
    QList<ManifestMessage> out;
    for (const ManifestRow &r : std::as_const(m_manifest)) {
        if (byFile.contains(r.file))
            out << ManifestMessage{&r, byFile.value(r.file)};
    }
    return out;
}

void IdentityCorpus::load()
{
    // hijack-dev: labels and the organisation configuration of dataset.json (the README says a detector must be told it).
    const QByteArray labels = CaseFixture::readFile(QStringLiteral("hijack-dev/labels.jsonl"));
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
    const QJsonObject dataset = QJsonDocument::fromJson(CaseFixture::readFile(QStringLiteral("hijack-dev/dataset.json"))).object();
    for (const QJsonValue v : dataset.value(u"org_domains").toArray())
        m_devSettings.organisationDomains << v.toString();
    const QJsonObject mx = dataset.value(u"org_mx_hosts").toObject();
    for (auto it = mx.begin(); it != mx.end(); ++it)
        m_devSettings.trustedAuthservIds << it.value().toString();
    QCOMPARE(m_devSettings.organisationDomains.size(), 3);
    QVERIFY(!m_devSettings.trustedAuthservIds.isEmpty());

    m_s390 = CaseFixture::mboxById(QString::fromLatin1(CaseFixture::S390));
    QVERIFY(m_s390.size() > 1700);
    QVERIFY(m_s390.contains(QString::fromLatin1(KevinReply)));
    m_manifest = readManifest(CaseFixture::corpus(QStringLiteral("phishing_pot/manifest.tsv")));
    QCOMPARE(m_manifest.size(), 645);
}

QByteArray IdentityCorpus::s390(const QString &id) const
{
    return m_s390.value(id);
}

QStringList IdentityCorpus::s390Thread(const QString &root) const
{
    QStringList out;
    const QByteArray needle = '<' + root.toLatin1() + '>';
    for (auto it = m_s390.cbegin(); it != m_s390.cend(); ++it) {
        if (it.key() == root || headerBlock(it.value()).contains(needle))
            out << it.key();
    }
    return out;
}

QStringList IdentityCorpus::s390From(const QString &address) const
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

std::unique_ptr<CaseFixture> IdentityCorpus::derivedCase(const QStringList &ids, const QList<QByteArray> &extra, const CaseSettings &settings) const
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

QByteArray IdentityCorpus::kevin(const QByteArray &id) const
{
    QByteArray raw = s390(QString::fromLatin1(KevinReply));
    raw = CaseFixture::withHeader(raw, "Message-ID", '<' + id + '>');
    raw = CaseFixture::withHeader(raw, "Date", "Wed, 1 Mar 2023 10:00:00 +0000");
    return raw;
}

} // namespace identity
