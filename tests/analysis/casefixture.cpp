#include "casefixture.h"

#include <QTest>

#include "analysis/hijackanalyzer.h"
#include "analysis/threader.h"

#include "model/importjob.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace th;

CaseFixture::CaseFixture(analysis::CaseSettings settings) : m_settings(std::move(settings)) {}

QString CaseFixture::corpus(const QString &path)
{
    return QDir::isAbsolutePath(path) ? path : QStringLiteral(TH_CORPORA "/") + path;
}

void CaseFixture::addCorpus(const QString &path)
{
    m_paths << corpus(path);
}

void CaseFixture::addMessage(const QByteArray &raw)
{
    const QString path = m_dir.filePath(QStringLiteral("added-%1.eml").arg(m_written++, 3, 10, QLatin1Char('0')));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(raw) != raw.size())
        qFatal("cannot write %s", qPrintable(path));
    m_paths << path;
}

void CaseFixture::analyse()
{
    m_store = model::ImportJob(m_paths).run();
    m_threads = analysis::Threader::thread(m_store.messages());
    m_analysis = analysis::HijackAnalyzer::analyse(m_store, m_threads, m_settings);
}

namespace {

QByteArray bare(const QString &messageId)
{
    QString id = messageId.trimmed();
    if (id.startsWith(u'<'))
        id = id.mid(1, id.size() - 2);
    return id.toUtf8();
}

// The messages of an mbox, split at "From " lines after a blank line.
QList<QByteArray> mboxMessages(const QByteArray &data)
{
    QList<QByteArray> out;
    qsizetype start = 0;
    for (qsizetype at = data.indexOf("\nFrom "); at >= 0; at = data.indexOf("\nFrom ", at + 1)) {
        if (at > 0 && data[at - 1] == '\n') {
            out << data.mid(start, at + 1 - start);
            start = at + 1;
        }
    }
    out << data.mid(start);
    for (QByteArray &m : out) {
        if (m.startsWith("From "))
            m = m.mid(m.indexOf('\n') + 1);
    }
    return out;
}

// The Message-ID of a raw message (without brackets), or an empty string.
QString messageIdOf(const QByteArray &raw)
{
    const qsizetype headerEnd = raw.indexOf("\n\n");
    const QByteArray header = raw.left(headerEnd < 0 ? raw.size() : headerEnd);
    static const QRegularExpression re(QStringLiteral("^Message-ID:\\s*<([^>]+)>"), QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    return re.match(QString::fromLatin1(header)).captured(1);
}

} // namespace

QByteArray CaseFixture::readFile(const QString &path)
{
    QFile f(corpus(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QHash<QString, QByteArray> CaseFixture::mboxById(const QString &path)
{
    QHash<QString, QByteArray> out;
    for (const QByteArray &m : mboxMessages(readFile(path))) {
        if (const QString id = messageIdOf(m); !id.isEmpty() && !out.contains(id))
            out.insert(id, m);
    }
    return out;
}

QByteArray CaseFixture::rawMessage(const QString &path, const QString &messageId)
{
    const QString full = corpus(path);
    const QByteArray id = bare(messageId);
    QStringList files;
    if (QFileInfo(full).isDir()) {
        for (const QString &sub : {QStringLiteral("cur"), QStringLiteral("new"), QString()}) {
            const QDir dir(sub.isEmpty() ? full : full + u'/' + sub);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
                files << dir.filePath(name);
        }
    } else {
        files << full;
    }
    for (const QString &file : files) {
        const QByteArray data = readFile(file);
        if (!data.contains(id))
            continue;
        for (const QByteArray &m : data.startsWith("From ") ? mboxMessages(data) : QList<QByteArray>{data}) {
            if (messageIdOf(m).toLatin1() == id)
                return m;
        }
    }
    return {};
}

namespace {

// [begin, end) of header \a name with its continuation lines, or {-1, -1}.
std::pair<qsizetype, qsizetype> headerSpan(const QByteArray &raw, const QByteArray &name)
{
    const qsizetype headerEnd = raw.indexOf("\n\n");
    for (qsizetype at = 0; at >= 0 && at < headerEnd; at = raw.indexOf('\n', at) + 1) {
        if (raw.mid(at, name.size() + 1).toLower() == (name + ':').toLower()) {
            qsizetype end = raw.indexOf('\n', at) + 1;
            while (end < headerEnd && (raw[end] == ' ' || raw[end] == '\t'))
                end = raw.indexOf('\n', end) + 1;
            return {at, end};
        }
        if (at == 0 && raw.indexOf('\n') < 0)
            break;
    }
    return {-1, -1};
}

} // namespace

QByteArray CaseFixture::withHeader(const QByteArray &raw, const QByteArray &name, const QByteArray &value)
{
    const auto [begin, end] = headerSpan(raw, name);
    const QByteArray line = name + ": " + value + '\n';
    if (begin < 0)
        return line + raw;
    return raw.left(begin) + line + raw.mid(end);
}

QByteArray CaseFixture::withoutHeader(const QByteArray &raw, const QByteArray &name)
{
    const auto [begin, end] = headerSpan(raw, name);
    return begin < 0 ? raw : raw.left(begin) + raw.mid(end);
}

QByteArray CaseFixture::withTextAbove(const QByteArray &raw, const QByteArray &text)
{
    const qsizetype body = raw.indexOf("\n\n") + 2;
    return raw.left(body) + text + "\n\n" + raw.mid(body);
}

QByteArray CaseFixture::withBodyReplaced(const QByteArray &raw, const QByteArray &from, const QByteArray &to)
{
    const qsizetype body = raw.indexOf("\n\n") + 2;
    return raw.left(body) + QByteArray(raw.mid(body)).replace(from, to);
}

int CaseFixture::indexOf(const QString &messageId) const
{
    const QList<int> hits = m_store.byId(QString::fromUtf8(bare(messageId)));
    return hits.isEmpty() ? -1 : *std::max_element(hits.cbegin(), hits.cend());
}

const analysis::MessageAnalysis &CaseFixture::result(const QString &messageId) const
{
    const int i = indexOf(messageId);
    if (i < 0)
        qFatal("no message %s in the case", qPrintable(messageId));
    return m_analysis.messages[i];
}

const analysis::Finding *CaseFixture::finding(const QString &messageId, const QString &id) const
{
    return strongest(result(messageId), id);
}

const analysis::Finding *CaseFixture::strongest(const analysis::MessageAnalysis &analysis, QStringView id)
{
    const analysis::Finding *best = nullptr;
    for (const analysis::Finding &f : analysis.findings) {
        if (f.id == id && (!best || f.severity > best->severity))
            best = &f;
    }
    return best;
}

QString CaseFixture::severityName(const analysis::Finding *f)
{
    return f ? f->severityName() : QStringLiteral("none");
}

QByteArray CaseFixture::rfcDate(const QDateTime &d)
{
    return d.toUTC().toString(Qt::RFC2822Date).toLatin1();
}

QString CaseFixture::describe(const QString &messageId) const
{
    QStringList out;
    for (const analysis::Finding &f : result(messageId).findings)
        out << f.id + u':' + f.severityName();
    return result(messageId).verdict.name() + u' ' + out.join(u' ');
}

const QString &CaseFixture::bodyText(const QString &messageId) const
{
    return m_analysis.bodies[indexOf(messageId)].text;
}

QStringList CaseFixture::threadOf(const QString &messageId) const
{
    QStringList out;
    const int thread = m_threads.threadOfMessage.value(indexOf(messageId), -1);
    if (thread >= 0) {
        for (int m : m_threads.threads[thread].messageIndexes())
            out << m_store.message(m).messageId;
    }
    return out;
}

void CaseFixture::referenceThreadRows()
{
    QTest::addColumn<QString>("corpus");
    QTest::addColumn<QString>("root");
    QTest::addColumn<int>("size");
    QTest::newRow("1 notmuch maildir") << "notmuch/default" << "20091117190054.GU3165@dottiness.seas.harvard.edu" << 7;
    QTest::newRow("2 s390 vfio deadlock") << QString::fromLatin1(S390) << "20230201192010.42748-1-mjrosato@linux.ibm.com" << 8;
    QTest::newRow("3 s390 virtio") << QString::fromLatin1(S390) << "20230321134410.2097163-1-viktor@daynix.com" << 7;
    QTest::newRow("4 kselftest tun") << QString::fromLatin1(Ksft) << "a0734a6b-9491-b43a-6dff-4d3498faee2e@alu.unizg.hr" << 8;
    QTest::newRow("5 usrp burst") << QString::fromLatin1(Usrp)
                                  << "BN7PR05MB4500ABFB5DD85D4FDB6FAD99D5F39@BN7PR05MB4500.namprd05.prod.outlook.com" << 20;
}
