#include "analysis/authenticationresults.h"
#include "analysis/authtrust.h"
#include "model/mimeparser.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace th;
using analysis::AuthenticationResults;
using analysis::AuthResult;
using analysis::AuthTrust;
using model::Message;

namespace {

const QString AR = QStringLiteral("Authentication-Results");
const QString ARC = QStringLiteral("ARC-Authentication-Results");

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

std::vector<Message> loadDirectory(const QString &relative)
{
    std::vector<Message> out;
    QDirIterator it(corpus(relative), QDir::Files);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            out.push_back(model::MimeParser::parse(f.readAll()));
    }
    return out;
}

// Everything a parse gave, as "key" -> "value": "id", "i", "count", "valid", "problem" (yes/no), "<method>" (result
// of its first clause), "<method>#2" (second clause), "<method>.reason", "<method>.<property>", "<method>#2.<property>".
QMap<QString, QString> render(const AuthenticationResults &ar)
{
    QMap<QString, QString> out{{"id", ar.authservId},
                               {"i", QString::number(ar.arcInstance)},
                               {"count", QString::number(ar.results.size())},
                               {"valid", ar.isValid() ? "true" : "false"},
                               {"problem", ar.problem.isEmpty() ? "no" : "yes"}};
    QHash<QString, int> seen;
    for (const AuthResult &r : ar.results) {
        const int n = ++seen[r.method];
        const QString key = n == 1 ? r.method : r.method + '#' + QString::number(n);
        out[key] = r.result;
        out[key + ".reason"] = r.reason;
        for (const QString &name : r.properties.uniqueKeys())
            out[key + '.' + name] = r.property(name);
    }
    return out;
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

AuthenticationResults parseAs(const QString &field, const QString &value)
{
    return field == ARC ? AuthenticationResults::parseArc(value) : AuthenticationResults::parse(value);
}

const QByteArray ForgedBelowBorder =
    "Received: from mx.sender.example (mx.sender.example [192.0.2.9]) by mx1.corp.example with ESMTPS id A1;\r\n"
    " Mon, 1 Jan 2024 10:00:02 +0000\r\n"
    "Authentication-Results: mx1.corp.example; dmarc=fail header.from=corp.example\r\n"
    "Received: from attacker.example by relay.sender.example with ESMTPSA id B2; Mon, 1 Jan 2024 10:00:01 +0000\r\n"
    "Authentication-Results: mx1.corp.example; dmarc=pass header.from=corp.example\r\n"
    "From: Boss <boss@corp.example>\r\n"
    "Subject: Re: invoice\r\n"
    "\r\n"
    "body\r\n";

// Real fields, values checked by reading the files.
void addGoogleAndRspamdRows()
{
    QTest::newRow("Google: DKIM, ARC, SPF, DMARC policy in a comment")
        << "spoof-auth-rspamd/arcallow.eml" << AR << 0 << QString()
        << QStringList{"id=mx.google.com", "count=4", "valid=true", "problem=no", "dkim=pass", "dkim.header.i=@outlook.com",
                       "dkim.header.s=selector1", "dkim.header.b=CjJhz37G", "arc=pass", "arc.reason=i=1", "spf=pass",
                       "spf.smtp.mailfrom=testcpsf@outlook.com",
                       "spf.reason=google.com: domain of testcpsf@outlook.com designates 40.92.74.29 as permitted sender",
                       "dmarc=pass", "dmarc.header.from=outlook.com", "dmarc.p=NONE", "dmarc.sp=QUARANTINE", "dmarc.dis=NONE"};
    QTest::newRow("rspamd: DMARC fail with quoted reason, two DKIM results")
        << "spoof-auth-rspamd/arcbad.eml" << AR << 0 << QString()
        << QStringList{"id=mail.highsecure.ru", "count=4", "valid=true", "dkim=pass", "dkim.header.d=freebsd.org",
                       "dkim#2=fail", "dkim#2.reason=body hash did not verify", "dkim#2.header.d=outlook.com",
                       "dkim#2.header.b=LWxzK+W8", "dmarc=fail",
                       "dmarc.reason=SPF not aligned (relaxed), DKIM not aligned (relaxed)",
                       "dmarc.header.from=outlook.com", "dmarc.policy=none", "spf=pass",
                       "spf.smtp.mailfrom=owner-freebsd-test@freebsd.org"};
    QTest::newRow("ARC: instance 2 from Google") << "spoof-auth-rspamd/arcallow.eml" << ARC << 0 << QString()
                                                 << QStringList{"i=2", "id=mx.google.com", "count=4", "dmarc=pass", "valid=true"};
    QTest::newRow("ARC: Microsoft with a version number after the id")
        << "spoof-auth-rspamd/arcallow.eml" << ARC << 1 << QString()
        << QStringList{"i=1", "id=mx.microsoft.com", "count=4", "spf=none", "dmarc=none", "dkim=none", "arc=none", "valid=true"};
}

// Microsoft 365 writes no authserv-id, "bestguesspass", "compauth=... reason=NNN".
void addMicrosoftRows()
{
    QTest::newRow("Microsoft 365: no authserv-id, bestguesspass, compauth")
        << "phishing_pot/eml/sample-406.eml" << AR << 0 << QString()
        << QStringList{"id=", "count=4", "valid=true", "problem=no", "spf=pass", "spf.reason=sender IP is 62.161.37.113",
                       "spf.smtp.mailfrom=sdis91.fr", "dkim=none", "dkim.reason=message not signed", "dkim.header.d=none",
                       "dmarc=bestguesspass", "dmarc.action=none", "dmarc.header.from=sdis91.fr", "compauth=pass",
                       "compauth.reason=109"};
    QTest::newRow("Microsoft 365: DMARC and compauth fail")
        << "phishing_pot/eml/sample-1990.eml" << AR << 0 << QString()
        << QStringList{"spf=none", "spf.smtp.mailfrom=kvxa7ujv.8GoCqOJxZmkU.com", "dkim=fail", "dkim.reason=no key for signature",
                       "dkim.header.d=gmail.com", "dmarc=fail", "dmarc.header.from=cutynaledriite.com", "compauth=fail",
                       "compauth.reason=001", "valid=true"};
    QTest::newRow("Microsoft 365 field sent RFC 2047-encoded, lookalike letters in header.from")
        << "phishing_pot/eml/sample-7165.eml" << AR << 0 << QString()
        << QStringList{"spf=softfail", "spf.smtp.mailfrom=guwu.live", "dmarc=none", "valid=true",
                       "dmarc.header.from=" + QString::fromUtf8("𝗡𝘂𝘁𝗲𝗹𝗹𝗮-client-48803956.𝗱𝗲")};
}

// Proton Mail (one method per field, nested comments), OVH, Mailman and a list member's Microsoft field.
void addProtonAndListRows()
{
    QTest::newRow("Microsoft: recipient domain repeated between clauses")
        << "lists/usrp-users_2021-08_to_2021-09/000006_140767646d86.eml" << AR << 1 << QString()
        << QStringList{"id=lists.ettus.com", "count=2", "dkim=none", "dmarc=none", "dmarc.header.from=nist.gov", "valid=true"};
    QTest::newRow("Mailman: quoted reason and header.b, dkim-atps")
        << "lists/usrp-users_2021-08_to_2021-09/000006_140767646d86.eml" << AR << 0 << QString()
        << QStringList{"id=mm2.emwd.com", "dkim=fail", "dkim.reason=signature verification failed", "dkim.header.d=nist.gov",
                       "dkim.header.b=b51QolU/", "dkim-atps=neutral", "valid=true"};
    QTest::newRow("Proton: nested comment with quotes inside a DKIM failure")
        << "phishing_pot/eml/sample-1213.eml" << AR << 0 << QString()
        << QStringList{"id=mailin037.protonmail.ch", "count=2", "dkim=pass", "dkim.header.a=rsa-sha256",
                       "dkim.reason=Good 2048 bit rsa-sha256 signature", "dkim#2=fail", "dkim#2.header.d=pokerheatnews.com",
                       "valid=true"};
    QTest::newRow("Proton: arc.chain property") << "phishing_pot/eml/sample-1213.eml" << AR << 3 << QString()
                                                << QStringList{"arc=pass", "arc.smtp.remote-ip=51.255.220.188",
                                                               "arc.arc.chain=:improvmx-mails.com", "valid=true"};
    QTest::newRow("OVH: auth=pass with smtp.auth") << "phishing_pot/eml/sample-1213.eml" << AR << 5 << QString()
                                                   << QStringList{"id=garm.ovh", "auth=pass", "auth.smtp.auth=default518@nunabar.fr"};
    QTest::newRow("Proton: one method per field, tempfail") << "phishing_pot/eml/sample-1159.eml" << AR << 1 << QString()
                                                            << QStringList{"count=1", "spf=tempfail",
                                                                           "spf.smtp.mailfrom=medimovil.com.mx"};
}

// RFC 8601 appendix B and the tolerated deviations.
void addRfcRows()
{
    const QString none;
    QTest::newRow("RFC 8601 B.2: none") << none << AR << 0 << "example.org 1; none"
                                        << QStringList{"id=example.org", "count=0", "valid=true"};
    QTest::newRow("RFC 8601 B.6: reason and header.i")
        << none << AR << 0
        << "example.com; dkim=pass reason=\"good signature\" header.i=@mail-router.example.net; dkim=fail reason=\"bad signature\" "
           "header.i=@newyork.example.com"
        << QStringList{"dkim=pass", "dkim.reason=good signature", "dkim#2=fail", "dkim#2.header.i=@newyork.example.com", "valid=true"};
    QTest::newRow("comment before the id, method version, upper case")
        << none << AR << 0 << "(relay) MX.Example.COM; DKIM/1=PASS Header.D=a.example"
        << QStringList{"id=MX.Example.COM", "dkim=pass", "dkim.header.d=a.example", "valid=true"};
    QTest::newRow("missing ';' between clauses") << none << AR << 0 << "mx.example.com; spf=pass smtp.mailfrom=a.example dkim=pass header.d=a.example"
                                                << QStringList{"count=2", "spf=pass", "spf.smtp.mailfrom=a.example", "dkim=pass", "valid=true"};
    QTest::newRow("'=' padding in header.b") << none << AR << 0 << "mx.example.com; dkim=pass header.b=ab+/cd=="
                                             << QStringList{"dkim.header.b=ab+/cd==", "valid=true"};
    QTest::newRow("repeated property: the first value") << none << AR << 0 << "mx.example.com; dkim=pass header.d=first.example header.d=second.example"
                                                        << QStringList{"dkim.header.d=first.example"};
}

// Hostile values: never crash, keep what was understood, say what was not.
void addHostileRows()
{
    const QString none;
    QTest::newRow("empty") << none << AR << 0 << QString() << QStringList{"valid=false", "problem=yes", "count=0"};
    QTest::newRow("only an id") << none << AR << 0 << "mx.example.com" << QStringList{"id=mx.example.com", "valid=false", "problem=yes"};
    QTest::newRow("punctuation soup") << none << AR << 0 << "=;=;((( \"\\" << QStringList{"valid=false", "problem=yes"};
    QTest::newRow("unterminated reason keeps the result") << none << AR << 0 << "mx.example.com; dmarc=fail reason=\"unterminated"
                                                          << QStringList{"dmarc=fail", "dmarc.reason=unterminated", "problem=yes"};
    QTest::newRow("stray ')' keeps the rest") << none << AR << 0 << "mx.example.com; spf=pass )) smtp.mailfrom=a.example"
                                              << QStringList{"spf=pass", "spf.smtp.mailfrom=a.example", "problem=yes"};
    QTest::newRow("method without result") << none << AR << 0 << "mx.example.com; spf=; dkim=pass"
                                           << QStringList{"spf=", "dkim=pass", "problem=yes"};
    QTest::newRow("100k open parentheses") << none << AR << 0 << QString(100000, '(') << QStringList{"count=0", "problem=yes"};
    QTest::newRow("5000 clauses: capped") << none << AR << 0 << "mx.example.com;" + QString("spf=pass;").repeated(5000)
                                          << QStringList{"count=64", "problem=yes"};
    QTest::newRow("control characters") << none << AR << 0 << QString::fromLatin1("mx\x01.example; spf=pa\0ss", 22)
                                        << QStringList{"problem=no"};
    QTest::newRow("ARC without instance") << none << ARC << 0 << "mx.example.com; arc=pass"
                                          << QStringList{"i=0", "arc=pass", "problem=yes"};
}

} // namespace

class TestAuthenticationResults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void corpusSweep();
    void trustedNames_data();
    void trustedNames();
    void trusted_data();
    void trusted();
    void likelyReceivingIds_data();
    void likelyReceivingIds();
};

void TestAuthenticationResults::parse_data()
{
    QTest::addColumn<QString>("file");  ///< corpus file, or empty for \a literal
    QTest::addColumn<QString>("field"); ///< AR or ARC (parseArc)
    QTest::addColumn<int>("index");     ///< which field of that name in the file, top to bottom
    QTest::addColumn<QString>("literal");
    QTest::addColumn<QStringList>("facts");
    addGoogleAndRspamdRows();
    addMicrosoftRows();
    addProtonAndListRows();
    addRfcRows();
    addHostileRows();
}

void TestAuthenticationResults::parse()
{
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(int, index);
    QFETCH(QString, literal);
    QFETCH(QStringList, facts);
    QString value = literal;
    if (!file.isEmpty()) {
        const QStringList values = load(file).headerValues(field);
        QVERIFY2(index < values.size(), qPrintable(file));
        value = values[index];
    }
    const QStringList wrong = mismatches(render(parseAs(field, value)), facts);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join("\n")));
}

// Every A-R and ARC-A-R field of three real sets parses without crash; nearly all give results.
void TestAuthenticationResults::corpusSweep()
{
    int fields = 0, withResults = 0, valid = 0;
    for (const QString dir : {"spoof-auth-rspamd", "phishing_pot/eml", "lists/usrp-users_2021-08_to_2021-09"}) {
        QDirIterator it(corpus(dir), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const Message m = model::MimeParser::parse(f.readAll());
            for (const QString &field : {AR, ARC}) {
                for (const QString &value : m.headerValues(field)) {
                    const AuthenticationResults ar = parseAs(field, value);
                    ++fields;
                    withResults += !ar.results.isEmpty();
                    valid += ar.isValid();
                }
            }
        }
    }
    qInfo("A-R/ARC-A-R fields: %d, with a result: %d (%.2f%%), valid: %d (%.2f%%)", fields, withResults,
          100.0 * withResults / fields, valid, 100.0 * valid / fields);
    QVERIFY(fields > 1500);
    QVERIFY(withResults >= 0.99 * fields);
    QVERIFY(valid >= 0.99 * fields);
}

void TestAuthenticationResults::trustedNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("trusted");
    QTest::addColumn<bool>("expected");
    QTest::newRow("exact, other case") << "MX.Google.com" << QStringList{"mx.google.com"} << true;
    QTest::newRow("suffix on a dot") << "mx1.corp.example" << QStringList{"corp.example"} << true;
    QTest::newRow("suffix without a dot") << "badcorp.example" << QStringList{"corp.example"} << false;
    QTest::newRow("trusted name as a prefix") << "corp.example.evil.example" << QStringList{"corp.example"} << false;
    QTest::newRow("empty trusted entry") << "mx.example" << QStringList{""} << false;
    QTest::newRow("nothing trusted") << "mx.example" << QStringList{} << false;
}

void TestAuthenticationResults::trustedNames()
{
    QFETCH(QString, name);
    QFETCH(QStringList, trusted);
    QFETCH(bool, expected);
    QCOMPARE(AuthTrust::isTrustedName(name, trusted), expected);
}

void TestAuthenticationResults::trusted_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<QStringList>("trustedIds");
    QTest::addColumn<QStringList>("expected"); ///< "authserv-id dmarc-result" per trusted field, top to bottom
    QTest::addColumn<int>("all");

    const Message gmail = load("spoof-auth-rspamd/dmarc/good_dkim_highsecure.eml");
    // Gmail's internal "by 2002:a6b:e610::" hop identifies nobody, so its MX field stays trusted.
    QTest::newRow("Gmail field under an address-only hop") << gmail << QStringList{"mx.google.com"} << QStringList{"mx.google.com "} << 2;
    QTest::newRow("Gmail trusted by domain suffix") << gmail << QStringList{"google.com"} << QStringList{"mx.google.com "} << 2;
    // The sender's own server appended its field at the bottom: below Gmail's border hop, so a claim.
    QTest::newRow("sender's server field is a claim") << gmail << QStringList{"highsecure.ru"} << QStringList{} << 2;
    QTest::newRow("nothing trusted") << gmail << QStringList{} << QStringList{} << 2;
    const Message forged = model::MimeParser::parse(ForgedBelowBorder);
    QTest::newRow("forged field below the border hop") << forged << QStringList{"corp.example"}
                                                       << QStringList{"mx1.corp.example fail"} << 2;
    // rspamd appends its field after the whole chain: stricter than true, never looser.
    QTest::newRow("field appended below the chain") << load("spoof-auth-rspamd/arcbad.eml") << QStringList{"highsecure.ru"}
                                                    << QStringList{} << 1;
    QTest::newRow("Microsoft 365 field has no id") << load("phishing_pot/eml/sample-406.eml")
                                                   << QStringList{"outlook.com", "protection.outlook.com"} << QStringList{} << 1;
}

void TestAuthenticationResults::trusted()
{
    QFETCH(Message, message);
    QFETCH(QStringList, trustedIds);
    QFETCH(QStringList, expected);
    QFETCH(int, all);
    QStringList got;
    for (const AuthenticationResults &ar : AuthTrust::trusted(message, trustedIds)) {
        const AuthResult *dmarc = ar.first(u"dmarc");
        got << ar.authservId + ' ' + (dmarc ? dmarc->result : QString());
    }
    QCOMPARE(got, expected);
    QCOMPARE(AuthTrust::all(message).size(), all);
}

void TestAuthenticationResults::likelyReceivingIds_data()
{
    QTest::addColumn<QString>("directory");
    QTest::addColumn<QStringList>("expected");
    // The list server tops 330 of 409 messages; "lists.ettus.com" tops one.
    QTest::newRow("mailing list archive") << "lists/usrp-users_2021-08_to_2021-09" << QStringList{"mm2.emwd.com"};
    // Mostly Microsoft 365 fields without id; mx.google.com tops only 19 of 645.
    QTest::newRow("Microsoft 365 mailbox") << "phishing_pot/eml" << QStringList{};
    QTest::newRow("no messages") << "does-not-exist" << QStringList{};
}

void TestAuthenticationResults::likelyReceivingIds()
{
    QFETCH(QString, directory);
    QFETCH(QStringList, expected);
    QCOMPARE(AuthTrust::likelyReceivingIds(loadDirectory(directory)), expected);
}

QTEST_GUILESS_MAIN(TestAuthenticationResults)
#include "tst_authenticationresults.moc"
