// GatewayLink: the targets behind security gateways' link rewrites, read from real delivered mail (an Office 365
// mailbox behind Defender Safe Links, Gmail's redirects in phishing_pot) and from the documented Proofpoint form.
#include "analysis/gatewaylink.h"
#include "model/mimeparser.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using th::analysis::GatewayLink;

class TestGatewayLink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realRewrites_data();
    void realRewrites();
    void forms_data();
    void forms();
};

namespace {

// The first link of the message's text or HTML body that starts with \a prefix, as written there.
QString firstLink(const QString &file, const QString &prefix)
{
    QFile f(QStringLiteral(TH_CORPORA "/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const th::model::Message m = th::model::MimeParser::parse(f.readAll());
    static const QRegularExpression link(QStringLiteral("https?://[^\\s<>\"']+"));
    for (const QString &body : {m.textBody, m.htmlBody}) {
        for (const QRegularExpressionMatch &match : link.globalMatch(body)) {
            if (match.captured().startsWith(prefix))
                return match.captured().replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        }
    }
    return {};
}

} // namespace

void TestGatewayLink::realRewrites_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("whole"); // else the target's start: a tracker's link goes on for a page
    QTest::newRow("Safe Links (Office 365)") << "outlook/Sicos1977_MSGReader/TestWithInlineHavingNoContentDisposition.eml"
                                             << "https://che01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.facebook.com%2FE"
                                             << "https://www.facebook.com/Etat.Fribourg" << true;
    QTest::newRow("Google redirect, encoded") << "phishing_pot/eml/sample-1240.eml" << "https://www.google.com/url?q="
                                              << "https://juicycandyiybx.com/?utm_source=BQyu8oapTNJqC1" << true;
    QTest::newRow("Google redirect around a tracker") << "phishing_pot/eml/sample-5857.eml" << "https://www.google.com/url?q="
                                                      << "https://rsnk3yff.r.us-east-2.awstrack.me/L0/https:%2F%2Fclick.piggy.eu%2Fls%2Fclick%3Fupn=" << false;
}

void TestGatewayLink::realRewrites()
{
    QFETCH(QString, file);
    QFETCH(QString, prefix);
    QFETCH(QString, target);
    QFETCH(bool, whole);
    const QString link = firstLink(file, prefix);
    QVERIFY2(!link.isEmpty(), qPrintable(file));
    const QString unwrapped = GatewayLink::target(link);
    QVERIFY2(whole ? unwrapped == target : unwrapped.startsWith(target), qPrintable(unwrapped));
}

void TestGatewayLink::forms_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("target");
    QTest::newRow("Proofpoint v2") << "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_a-3Fb-3D1&d=DwMFaQ&c=x&r=y&m=z&s=w&e="
                                   << "https://www.example.com/a?b=1";
    QTest::newRow("Proofpoint v3, one character taken out") << "https://urldefense.com/v3/__https://www.example.com/a?b=1*c=2__;Jg!!ABCDEFG!hIjKlMn$"
                                                           << "https://www.example.com/a?b=1&c=2";
    QTest::newRow("Proofpoint v3, a run") << "https://urldefense.com/v3/__https://example.org/**Ax*y__;fn5A!!ABCDEFG!hIjKlMn$"
                                          << "https://example.org/~~x@y";
    QTest::newRow("Proofpoint v3, non-ASCII taken out") << "https://urldefense.com/v3/__https://example.org/caf*__;w6k!!ABCDEFG!hIjKlMn$"
                                                        << "https://example.org/caf\u00e9";
    QTest::newRow("Proofpoint v3, nothing taken out") << "https://urldefense.com/v3/__https://lore.kernel.org/r/x__;!!ABCDEFG!hIjKlMn$"
                                                      << "https://lore.kernel.org/r/x";
    QTest::newRow("Proofpoint v3, marks without characters") << "https://urldefense.com/v3/__https://example.org/**B__;Jg!!ABCDEFG!hIjKlMn$"
                                                             << "https://urldefense.com/v3/__https://example.org/**B__;Jg!!ABCDEFG!hIjKlMn$";
    QTest::newRow("Mimecast, only the site") << "https://protect-eu.mimecast.com/s/9VrRCy8BfV5x1GfrNtrp?domain=lore.kernel.org"
                                             << "https://lore.kernel.org/";
    QTest::newRow("Mimecast without a site") << "https://protect-us.mimecast.com/s/9VrRCy8BfV5x1GfrNtrp?domain=a/b"
                                             << "https://protect-us.mimecast.com/s/9VrRCy8BfV5x1GfrNtrp?domain=a/b";
    QTest::newRow("Proofpoint v3, a run of no length") << "https://urldefense.com/v3/__https://example.org/**.x__;fn5A!!ABCDEFG!hIjKlMn$"
                                                       << "https://urldefense.com/v3/__https://example.org/**.x__;fn5A!!ABCDEFG!hIjKlMn$";
    QTest::newRow("Safe Links around a Google redirect")
        << "https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fexample.org%252Fx%26sa%3DD&data=05"
        << "https://example.org/x";
    QTest::newRow("plain link") << "https://lore.kernel.org/r/20230201192010.42748-1-mjrosato@linux.ibm.com/"
                                << "https://lore.kernel.org/r/20230201192010.42748-1-mjrosato@linux.ibm.com/";
    QTest::newRow("Safe Links without a target") << "https://eur01.safelinks.protection.outlook.com/?data=05"
                                                 << "https://eur01.safelinks.protection.outlook.com/?data=05";
    QTest::newRow("a search, not the redirect") << "https://www.google.com/search?q=threadhound" << "https://www.google.com/search?q=threadhound";
    QTest::newRow("garbage") << "https://%%%/url?q=\x01" << "https://%%%/url?q=\x01";
}

void TestGatewayLink::forms()
{
    QFETCH(QString, link);
    QFETCH(QString, target);
    QCOMPARE(GatewayLink::target(link), target);
}

QTEST_GUILESS_MAIN(TestGatewayLink)
#include "tst_gatewaylink.moc"
