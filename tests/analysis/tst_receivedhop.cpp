#include "analysis/receivedhop.h"
#include "model/mimeparser.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace th;
using analysis::ReceivedHop;
using model::Message;

namespace {

QString corpus(const QString &relative)
{
    return QStringLiteral(TH_CORPORA "/") + relative;
}

Message load(const QString &relative)
{
    QFile f(corpus(relative));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return model::MimeParser::parse(f.readAll());
}

// Everything a parse gave, as "key" -> "value"; "time" in ISO 8601 UTC or empty, "auth" and "problem" yes/no.
QMap<QString, QString> render(const ReceivedHop &h)
{
    return {{"helo", h.fromHelo},
            {"rdns", h.fromRdns},
            {"ip", h.fromIp},
            {"by", h.byHost},
            {"via", h.via},
            {"with", h.protocol},
            {"id", h.id},
            {"for", h.forAddress},
            {"sender", h.authenticatedSender},
            {"time", h.time.isValid() ? h.time.toString(Qt::ISODate) : QString()},
            {"auth", h.isAuthenticatedSubmission() ? "yes" : "no"},
            {"problem", h.problem.isEmpty() ? "no" : "yes"}};
}

QStringList mismatches(const QMap<QString, QString> &got, const QStringList &expected)
{
    QStringList out;
    for (const QString &fact : expected) {
        const QString key = fact.section('=', 0, 0);
        const QString want = fact.section('=', 1);
        const QString have = got.value(key, "<absent>");
        if (have != want)
            out << QStringLiteral("%1: expected \"%2\", got \"%3\"").arg(key, want, have);
    }
    return out;
}

// Real fields (values checked by reading the files): Postfix, Exim and a meaningless one.
void addPostfixAndEximRows()
{
    QTest::newRow("Postfix: ESMTPSA, Authenticated sender, address-literal HELO, (CEST)")
        << "phishing_pot/eml/sample-3430.eml" << 6 << QString()
        << QStringList{"helo=[172.20.10.2]", "rdns=", "ip=105.112.212.2", "by=dieta2-vm1.cust.ignum.cz", "with=ESMTPSA",
                       "id=358B373126", "sender=zlin@naturhouse-cz.cz", "auth=yes", "time=2024-07-14T08:01:16Z", "problem=no"};
    QTest::newRow("Postfix: IPv6 literal, 'with cipher' inside a comment, comment after the date")
        << "spoof-auth-rspamd/received1.eml" << 0 << QString()
        << QStringList{"helo=server.chat-met-vreemden.nl", "rdns=", "ip=2a01:7c8:aab6:26d:5054:ff:fed1:1da2",
                       "by=mx1.freebsd.org", "with=ESMTPS", "id=CF0171862", "for=test@example.com", "auth=no",
                       "time=2015-07-06T09:01:20Z", "problem=no"};
    QTest::newRow("Exim: reverse DNS first, helo= in the note, esmtpa")
        << "spoof-auth-rspamd/received1.eml" << 1 << QString()
        << QStringList{"helo=User", "rdns=ca-18-193-131.service.infuturo.it", "ip=151.18.193.131",
                       "by=server.chat-met-vreemden.nl", "with=ESMTPA", "id=1ZC1sl-0006b4-TU", "auth=yes",
                       "time=2015-07-06T08:36:08Z"};
    QTest::newRow("rspamd test: a Received that says nothing") << "spoof-auth-rspamd/received1.eml" << 2 << QString()
                                                               << QStringList{"by=", "time=", "problem=yes"};
}

// Gmail and Exchange: address-only names, bare addresses in parentheses, "Microsoft SMTP Server", mapi.
void addGmailAndExchangeRows()
{
    QTest::newRow("Gmail: internal hop named by an IPv6 address, (PDT)")
        << "spoof-auth-rspamd/arcallow.eml" << 0 << QString()
        << QStringList{"by=2002:a19:c1cd:0:0:0:0:0", "with=SMTP", "id=r196csp1333505lff", "time=2020-09-25T17:19:08Z", "problem=no"};
    QTest::newRow("Gmail MX: reverse DNS with a trailing dot")
        << "spoof-auth-rspamd/arcallow.eml" << 1 << QString()
        << QStringList{"helo=EUR04-DB3-obe.outbound.protection.outlook.com",
                       "rdns=mail-oln040092074029.outbound.protection.outlook.com", "ip=40.92.74.29", "by=mx.google.com",
                       "with=ESMTPS", "for=inboobswetrusts1@gmail.com", "time=2020-09-25T17:19:07Z"};
    QTest::newRow("Exchange Online: bare IPv6 in parentheses, Microsoft SMTP Server")
        << "spoof-auth-rspamd/arcallow.eml" << 2 << QString()
        << QStringList{"helo=VI1EUR04FT008.eop-eur04.prod.protection.outlook.com", "ip=2a01:111:e400:7e0e::52",
                       "by=VI1EUR04HT055.eop-eur04.prod.protection.outlook.com", "with=SMTP", "id=15.20.3412.21",
                       "time=2020-09-25T17:19:07Z"};
    QTest::newRow("Exchange: mapi, link-local address with a zone on the by side")
        << "spoof-auth-rspamd/arcallow.eml" << 4 << QString()
        << QStringList{"ip=fe80::d82c:67bf:ec39:a403", "by=AM0PR09MB3876.eurprd09.prod.outlook.com", "with=MAPI",
                       "id=15.20.3412.024"};
    QTest::newRow("Exchange: id missing, date without ';'") << "phishing_pot/eml/sample-5395.eml" << 6 << QString()
                                                            << QStringList{"with=MAPI", "id=", "time=2025-07-06T14:27:53Z"};
}

// Mailing-list servers: Postfix with a short login, ZMailer at vger, majordomo, qmail.
void addListRows()
{
    QTest::newRow("Postfix: Authenticated sender without domain, TLS note")
        << "lists/usrp-users_2021-08_to_2021-09/000174_71a0ec27d148.eml" << 3 << QString()
        << QStringList{"helo=note", "ip=172.16.10.62", "by=common3.relix.de", "sender=mheller", "auth=yes",
                       "time=2021-08-22T09:22:29Z"};
    QTest::newRow("ZMailer: address with port, quoted EHLO (vger)")
        << "lists/linux-kselftest_2023-03.maildir/cur/000001.c779bf351326.pi:2,S" << 2 << QString()
        << QStringList{"helo=lindbergh.monkeyblade.net", "rdns=lindbergh.monkeyblade.net", "ip=23.128.96.19",
                       "by=vger.kernel.org", "with=ESMTP", "id=S229595AbjB1Wki", "time=2023-02-28T22:40:38Z", "problem=no"};
    QTest::newRow("majordomo list expansion") << "lists/linux-kselftest_2023-03.maildir/cur/000001.c779bf351326.pi:2,S" << 1
                                              << QString()
                                              << QStringList{"helo=", "by=vger.kernel.org", "via=listexpand",
                                                             "id=S229612AbjB1Wkj", "time=2023-02-28T22:40:39Z", "problem=no"};
    QTest::newRow("qmail local injection: no from/by is fine")
        << "lists/usrp-users_2021-08_to_2021-09/000128_91224b63ebdf.eml" << 3 << QString()
        << QStringList{"by=", "time=2021-08-12T19:08:51Z", "problem=no"};
}

// Phishing senders: Exim with a bracketed HELO, Yahoo, SendGrid, a forged chain.
void addSpamRows()
{
    QTest::newRow("Exim: bracketed HELO beside the real address") << "phishing_pot/eml/sample-1012.eml" << 6 << QString()
                                                                 << QStringList{"helo=[192.168.88.181]", "ip=102.69.139.111",
                                                                                "rdns=", "with=ESMTPA", "auth=yes"};
    QTest::newRow("Yahoo: address first, (EHLO x)") << "phishing_pot/eml/sample-2848.eml" << 5 << QString()
                                                    << QStringList{"helo=mta-2d56742f.ip4.emsmtp.us", "ip=45.86.116.47",
                                                                   "rdns=", "by=10.217.136.93", "with=SMTPS", "auth=no"};
    QTest::newRow("SendGrid: Go time text without ';'") << "phishing_pot/eml/sample-1210.eml" << 2 << QString()
                                                        << QStringList{"by=filterdrecv-7ddc4b679f-hdnvz", "with=SMTP",
                                                                       "id=filterdrecv-7ddc4b679f-hdnvz-1-63F06327-4E",
                                                                       "time=2023-02-18T05:33:28Z", "problem=no"};
    QTest::newRow("forged chain: a date where the address belongs, invented protocol")
        << "phishing_pot/eml/sample-3463.eml" << 7 << QString()
        << QStringList{"helo=m1.gns.snv.thisdomainl.com", "ip=", "by=smtp-server1.cfdenselr.com", "with=ASMTP", "auth=no",
                       "time=2024-07-19T17:52:32Z"};
}

// Forms seen in the wild but not in the corpora.
void addOtherFormRows()
{
    const QString none;
    QTest::newRow("Sendmail: (authenticated as x)")
        << none << 0 << "from pc (pc.example [192.0.2.1]) (authenticated as alice) by mail.example (8.15/8.15) with ESMTP id x1; Tue, 2 Jan 2024 03:04:05 +0100"
        << QStringList{"sender=alice", "auth=yes", "rdns=pc.example", "time=2024-01-02T02:04:05Z"};
    QTest::newRow("Courier: (AUTH: LOGIN x, TLS: ...)")
        << none << 0 << "from pc ([192.0.2.1]) (AUTH: LOGIN bob@example.org, TLS: TLSv1/SSLv3,256bits) by mail.example with ESMTPSA; 2 Jan 2024 03:04:05 -0000"
        << QStringList{"sender=bob@example.org", "ip=192.0.2.1", "with=ESMTPSA", "auth=yes"};
    QTest::newRow("qmail: unknown (HELO x) (address)") << none << 0 << "from unknown (HELO mail.example.org) (198.51.100.7) by mx.example.net with SMTP; 2 Jan 2024 03:04:05 -0000"
                                                      << QStringList{"helo=mail.example.org", "rdns=", "ip=198.51.100.7"};
    QTest::newRow("RFC 6531 UTF8SMTPSA") << none << 0 << "from a by b with UTF8SMTPSA; 2 Jan 2024 03:04:05 +0000"
                                         << QStringList{"with=UTF8SMTPSA", "auth=yes"};
}

// Dates: obsolete forms, ";" inside comments and paths, impossible dates, folding.
void addDateRows()
{
    const QString none;
    QTest::newRow("obsolete date: two-digit year, named zone") << none << 0 << "from a by b; Mon, 6 Jul 15 09:01:20 EST"
                                                               << QStringList{"time=2015-07-06T14:01:20Z", "problem=no"};
    QTest::newRow("date without weekday or seconds, GMT") << none << 0 << "from a by b; 6 Jul 2015 09:01 GMT"
                                                          << QStringList{"time=2015-07-06T09:01:00Z"};
    QTest::newRow("';' inside angle brackets and comments") << none << 0
                                                            << "from a by b id c (ORCPT <rfc822;x@y>) for <rfc822;x@y>; 6 Jul 2015 09:01:00 +0000"
                                                            << QStringList{"for=rfc822;x@y", "time=2015-07-06T09:01:00Z"};
    QTest::newRow("impossible date") << none << 0 << "from a by b; 31 Feb 2023 10:00:00 +0000" << QStringList{"time=", "problem=yes"};
    // timeOf() reads only what follows the last ';' unless something could span it: these must take the long way.
    QTest::newRow("';' in a comment after the date") << none << 0 << "from a by b; 6 Jul 2015 09:01:00 +0000 (x; y)"
                                                   << QStringList{"time=2015-07-06T09:01:00Z"};
    QTest::newRow("';' in an unterminated comment") << none << 0 << "from a by b (c; 6 Jul 2015 09:01:00 +0000" << QStringList{"problem=yes"};
    QTest::newRow("escaped ')' in a comment across ';'") << none << 0 << "from a by b (c \\) d; 6 Jul 2015 09:01:00 +0000)"
                                                        << QStringList{"problem=yes"};
    QTest::newRow("quoted HELO inside a comment (vger.kernel.org)")
        << none << 0
        << "from lindbergh.monkeyblade.net ([23.128.96.19]:60346 \"EHLO        lindbergh.monkeyblade.net\" rhost-flags-OK-OK-OK-OK) by "
           "vger.kernel.org        with ESMTP id S229595AbjB1Wki (ORCPT        <rfc822;linux-kselftest@vger.kernel.org>);        Tue, 28 Feb "
           "2023 17:40:38 -0500"
        << QStringList{"by=vger.kernel.org", "ip=23.128.96.19", "time=2023-02-28T22:40:38Z", "problem=no"};
    QTest::newRow("quote in a comment after an angle's '('") << none << 0 << "from a <b(c> by d (e \"f) g\"; 6 Jul 2015 09:01:00 +0000"
                                                              << QStringList{"by=d"};
    QTest::newRow("folded value") << none << 0 << "from a\r\n\tby b\r\n with ESMTP;\r\n Mon, 6 Jul 2015 09:01:20 +0000"
                                  << QStringList{"by=b", "with=ESMTP", "time=2015-07-06T09:01:20Z"};
    // The canonical form timeOf() reads without the regex, at its edges; parse() checks it agrees with the full parse.
    QTest::newRow("canonical, zone name and comment") << none << 0 << "from a by b; Tue, 28 Feb 2023 10:12:13 PST (Pacific)"
                                                      << QStringList{"time=2023-02-28T18:12:13Z"};
    QTest::newRow("canonical, two spaces before a one-digit day") << none << 0 << "from a by b; Tue,  7 Feb 2023 10:12:13 +0100 (CET)"
                                                                  << QStringList{"time=2023-02-07T09:12:13Z"};
    QTest::newRow("canonical but for a comment inside the comment") << none << 0 << "from a by b; Tue, 7 Feb 2023 10:12:13 +0100 (a (b) c)"
                                                                    << QStringList{"time=2023-02-07T09:12:13Z"};
    QTest::newRow("canonical but for words after the zone") << none << 0 << "from a by b; Tue, 7 Feb 2023 10:12:13 +0100 CET"
                                                            << QStringList{"time=2023-02-07T09:12:13Z"};
    QTest::newRow("canonical but for a five-digit zone") << none << 0 << "from a by b; Tue, 7 Feb 2023 10:12:13 +01000"
                                                         << QStringList{"time=2023-02-07T10:12:13Z"};
}

// Hostile values: never crash, bounded work, say what was not understood.
void addHostileRows()
{
    const QString none;
    QTest::newRow("empty") << none << 0 << QString() << QStringList{"by=", "time=", "problem=yes"};
    QTest::newRow("100k open parentheses") << none << 0 << QString(100000, '(') << QStringList{"problem=yes"};
    QTest::newRow("40k unclosed brackets") << none << 0 << "from " + QString(40000, '[') << QStringList{"ip=", "problem=yes"};
    QTest::newRow("20k unclosed angles and quotes") << none << 0 << "from a by b for " + QString("<\"").repeated(10000)
                                                    << QStringList{"by=b", "problem=yes"};
    QTest::newRow("keywords only") << none << 0 << QString("from by with id for via ").repeated(500) << QStringList{"problem=yes"};
    QTest::newRow("unbalanced ')' and many ';'") << none << 0 << "from a) by b;;;; ;" << QStringList{"by=b", "time=", "problem=yes"};
}

} // namespace

class TestReceivedHop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void corpusSweep();
    void addressLiterals_data();
    void addressLiterals();
};

void TestReceivedHop::parse_data()
{
    QTest::addColumn<QString>("file"); ///< corpus file, or empty for \a literal
    QTest::addColumn<int>("index");    ///< which Received field of the file, top (newest) first
    QTest::addColumn<QString>("literal");
    QTest::addColumn<QStringList>("facts");
    addPostfixAndEximRows();
    addGmailAndExchangeRows();
    addListRows();
    addSpamRows();
    addOtherFormRows();
    addDateRows();
    addHostileRows();
}

void TestReceivedHop::parse()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    QFETCH(QString, literal);
    QFETCH(QStringList, facts);
    QString value = literal;
    if (!file.isEmpty()) {
        const QStringList values = load(file).headerValues(u"Received");
        QVERIFY2(index < values.size(), qPrintable(file));
        value = values[index];
    }
    const ReceivedHop hop = ReceivedHop::parse(value);
    QVERIFY(hop.raw.size() <= ReceivedHop::MaxValueLength);
    const QStringList wrong = mismatches(render(hop), facts);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join("\n")));
    QCOMPARE(ReceivedHop::timeOf(value), hop.time);
    QCOMPARE(ReceivedHop::originOf(value), hop.fromIp);
}

// Every Received field of four real sets parses without crash; nearly all give a "by" host or a time, and
// timeOf() and originOf() (the route's shortcuts) read the same time and client address as the full parse.
void TestReceivedHop::corpusSweep()
{
    int fields = 0, withBy = 0, withTime = 0, clean = 0, sameTime = 0, sameOrigin = 0, withOrigin = 0;
    for (const QString dir : {"spoof-auth-rspamd", "phishing_pot/eml", "lists/usrp-users_2021-08_to_2021-09",
                              "lists/linux-kselftest_2023-03.maildir"}) {
        QDirIterator it(corpus(dir), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            for (const QString &value : model::MimeParser::parse(f.readAll()).headerValues(u"Received")) {
                const ReceivedHop hop = ReceivedHop::parse(value);
                ++fields;
                withBy += !hop.byHost.isEmpty();
                withTime += hop.time.isValid();
                clean += hop.problem.isEmpty();
                sameTime += ReceivedHop::timeOf(value) == hop.time;
                sameOrigin += ReceivedHop::originOf(value) == hop.fromIp;
                withOrigin += !hop.fromIp.isEmpty();
            }
        }
    }
    qInfo("Received fields: %d, with a by host: %d (%.2f%%), with a time: %d (%.2f%%), without problem: %d (%.2f%%)",
          fields, withBy, 100.0 * withBy / fields, withTime, 100.0 * withTime / fields, clean, 100.0 * clean / fields);
    QVERIFY(fields > 13000);
    QVERIFY(withTime >= 0.995 * fields);
    QVERIFY(clean >= 0.995 * fields);
    QCOMPARE(sameTime, fields);
    QCOMPARE(sameOrigin, fields);
    QVERIFY(withOrigin > fields / 2);
}

void TestReceivedHop::addressLiterals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("IPv4") << "192.0.2.1" << true;
    QTest::newRow("IPv6 compressed") << "2603:10b6:806:e5::23" << true;
    QTest::newRow("IPv6 loopback") << "::1" << true;
    QTest::newRow("IPv6 eight groups") << "2002:a19:c1cd:0:0:0:0:0" << true;
    QTest::newRow("IPv6 with zone") << "fe80::d82c:67bf:ec39:a403%9" << true;
    QTest::newRow("IPv4-mapped") << "::ffff:192.0.2.1" << true;
    QTest::newRow("time of day") << "12:34:56" << false;
    QTest::newRow("host name") << "mx.google.com" << false;
    QTest::newRow("bracketed") << "[192.0.2.1]" << false;
    QTest::newRow("empty") << "" << false;
}

void TestReceivedHop::addressLiterals()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(ReceivedHop::isAddressLiteral(text), expected);
}

QTEST_GUILESS_MAIN(TestReceivedHop)
#include "tst_receivedhop.moc"
