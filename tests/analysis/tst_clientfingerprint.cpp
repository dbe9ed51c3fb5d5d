// The Message-ID shape that A8 compares between a sender's messages: the generator's layout of the left-hand
// side, and the host's last three labels with digit runs folded. Forms taken from real mail of the corpora.
#include "analysis/clientfingerprint.h"

#include <QTest>

using th::analysis::ClientFingerprint;

class TestClientFingerprint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void messageIdShape_data();
    void messageIdShape();
};

void TestClientFingerprint::messageIdShape_data()
{
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QString>("shape");
    QTest::newRow("git send-email") << "20230126071424.1250056-9-kuba@kernel.org" << "w.w-w-w@kernel.org";
    QTest::newRow("Exchange Online host") << "BN7PR05MB4500ABFB5DD85D4FDB6FAD99D5F39@BN7PR05MB4500.namprd05.prod.outlook.com"
                                          << "w@prod.outlook.com";
    QTest::newRow("digit runs fold") << "a.b@mail-ed1-f54.google99.com" << "w.w@mail-ed9-f9.google9.com";
    QTest::newRow("UUID, either case") << "0123abcd-89AB-cdef-0123-456789abcdef@example.com" << "uuid@example.com";
    QTest::newRow("not quite a UUID") << "0123abcd-89AB-cdef-0123-456789abcdeg@example.com" << "w-w-w-w-w@example.com";
    QTest::newRow("Gmail") << "CAJ8uoz3F-gWzB9vYm-8MtonAv3aBcerJDxPpEDCNfmNkwJFY=A@mail.gmail.com" << "CA…@mail.gmail.com";
    QTest::newRow("Outlook 2003") << "000001d9$5a6b7c80$0f2e3d4c$@example.com" << "w$w$w$@example.com";
    QTest::newRow("trailing dot keeps an empty label") << "x@a.b.c.d." << "w@c.d.";
    QTest::newRow("short host") << "x@localhost" << "w@localhost";
    QTest::newRow("the last '@' splits") << "a@b@c.d" << "w@w@c.d";
    QTest::newRow("no '@'") << "no-at-sign" << "none";
}

void TestClientFingerprint::messageIdShape()
{
    QFETCH(QString, messageId);
    QFETCH(QString, shape);
    QCOMPARE(ClientFingerprint::messageIdShapeOf(messageId), shape);
}

QTEST_GUILESS_MAIN(TestClientFingerprint)
#include "tst_clientfingerprint.moc"
