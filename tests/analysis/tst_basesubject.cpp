#include "analysis/basesubject.h"

#include <QTest>

using th::analysis::BaseSubject;

class TestBaseSubject : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void base_data();
    void base();
};

void TestBaseSubject::base_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("reply");
    QTest::addColumn<bool>("forward");
    QTest::newRow("plain") << "Invoice 4711" << "invoice 4711" << false << false;
    QTest::newRow("Emotet Re: RE:") << "Re: RE: Invoice 4711" << "invoice 4711" << true << false;
    QTest::newRow("German AW/WG") << "AW: WG: Rechnung" << "rechnung" << true << false;
    QTest::newRow("Swedish SV") << "SV: Faktura" << "faktura" << true << false;
    QTest::newRow("counted Re[2]") << "Re[2]: status" << "status" << true << false;
    QTest::newRow("list tag") << "[linux-s390] Re: [PATCH v2] vfio: fix" << "vfio: fix" << true << false;
    QTest::newRow("forward") << "Fwd: report" << "report" << false << true;
    QTest::newRow("trailing (fwd)") << "report (fwd)" << "report" << false << false;
    QTest::newRow("Chinese 回复 full-width colon") << "回复：会议" << "会议" << true << false;
    QTest::newRow("Korean 회신") << "회신: 견적" << "견적" << true << false;
    QTest::newRow("French TR") << "TR: Facture" << "facture" << false << true;
    QTest::newRow("word starting like a prefix") << "Reminder: meeting" << "reminder: meeting" << false << false;
    QTest::newRow("only a tag") << "[PATCH]" << "[patch]" << false << false;
    QTest::newRow("tags without spaces") << "[ext][PATCH 2/3]Re: x" << "x" << true << false;
    QTest::newRow("an unclosed tag ends the tags") << "[a] [b Re: x" << "[b re: x" << false << false;
    QTest::newRow("a nested tag ends the tags") << "[[a]] Re: x" << "[[a]] re: x" << false << false;
    QTest::newRow("tags after a word") << "x [a] Re: y" << "x [a] re: y" << false << false;
}

void TestBaseSubject::base()
{
    QFETCH(QString, subject);
    QFETCH(QString, base);
    QFETCH(bool, reply);
    QFETCH(bool, forward);
    QCOMPARE(BaseSubject::of(subject), base);
    QCOMPARE(BaseSubject::isReply(subject), reply);
    QCOMPARE(BaseSubject::isForward(subject), forward);
}

QTEST_GUILESS_MAIN(TestBaseSubject)
#include "tst_basesubject.moc"
