// QuotedDate: the dates of quoted header blocks and attribution lines, in the forms mail clients write them in
// many languages (Outlook, Gmail, Apple, KMail...), to UTC, and how much of a line a date takes.
#include "analysis/quoteddate.h"

#include <QRandomGenerator>
#include <QTest>

using th::analysis::QuotedDate;

class TestQuotedDate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quotedDates_data();
    void quotedDates();
    void dateLength_data();
    void dateLength();
    void asciiClocksReadAsTheRegexReadsThem();
};

void TestQuotedDate::quotedDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("utc"); ///< empty: unparseable
    QTest::addColumn<bool>("zone");
    QTest::newRow("Outlook en-US") << "Thursday, September 9, 2021 1:29 PM" << "en" << "2021-09-09T13:29:00Z" << false;
    QTest::newRow("Gmail en") << "Tue, Sep 7, 2021 at 10:25 PM" << "en" << "2021-09-07T22:25:00Z" << false;
    QTest::newRow("Outlook de") << "Mittwoch, 9. Dezember 2020 10:14" << "de" << "2020-12-09T10:14:00Z" << false;
    QTest::newRow("fr abbreviated month") << "9 déc. 2020 à 10:14" << "fr" << "2020-12-09T10:14:00Z" << false;
    QTest::newRow("fr Gmail weekday") << "lun. 6 mars 2023 à 14:02" << "fr" << "2023-03-06T14:02:00Z" << false;
    QTest::newRow("fr weekday 'mar.' is not March") << "mar. 14 févr. 2023 10:00" << "fr" << "2023-02-14T10:00:00Z" << false;
    QTest::newRow("ja Outlook") << "2020年5月21日 16:15" << "ja" << "2020-05-21T16:15:00Z" << false;
    QTest::newRow("zh-Hant 上午") << "2026年4月28日 上午 11:30" << "zh" << "2026-04-28T11:30:00Z" << false;
    QTest::newRow("zh-Hant 下午") << "2026年4月28日 下午 1:30" << "zh" << "2026-04-28T13:30:00Z" << false;
    QTest::newRow("zh full-width comma, 下午") << "2016年12月12日，下午8:45" << "zh" << "2016-12-12T20:45:00Z" << false;
    QTest::newRow("ja full-width digits") << "２０２３年３月６日 １４：０２" << "ja" << "2023-03-06T14:02:00Z" << false;
    QTest::newRow("ko Apple 오후") << "2023. 3. 15. 오후 2:01" << "ko" << "2023-03-15T14:01:00Z" << false;
    QTest::newRow("numeric day first") << "06.03.2023 14:02" << "de" << "2023-03-06T14:02:00Z" << false;
    QTest::newRow("two-digit year with dots") << "03.08.21 17:17" << "en" << "2021-08-03T17:17:00Z" << false;
    QTest::newRow("ISO with GMT offset") << "2023-03-06 14:02 GMT+01:00" << "" << "2023-03-06T13:02:00Z" << true;
    QTest::newRow("RFC 2822") << "Mon, 2 Apr 2012 17:44:22 +0400" << "" << "2012-04-02T13:44:22Z" << true;
    QTest::newRow("RFC 2822 negative offset") << "Sun, 15 Aug 2021 08:38:46 -0400" << "" << "2021-08-15T12:38:46Z" << true;
    QTest::newRow("Apple with zone name") << "01 January 2019 at 12:00:00 EET" << "en" << "2019-01-01T10:00:00Z" << true;
    QTest::newRow("KMail with CET") << "Dienstag, 14. März 2023, 19:32:14 CET" << "de" << "2023-03-14T18:32:14Z" << true;
    QTest::newRow("ja weekday word and offset") << "2022年9月19日月曜日 17:55:44 -0400" << "ja" << "2022-09-19T21:55:44Z" << true;
    QTest::newRow("12 AM with offset") << "Sun, Feb 7, 2016 at 12:12 AM -0800" << "en" << "2016-02-07T08:12:00Z" << true;
    QTest::newRow("p.m.") << "Thursday, 28 January 2016 8:16 p.m." << "en" << "2016-01-28T20:16:00Z" << false;
    QTest::newRow("de nachm.") << "03.02.2016 3:35 nachm." << "de" << "2016-02-03T15:35:00Z" << false;
    QTest::newRow("de Gmail um ... Uhr") << "Fr., 28. Apr. 2017 um 11:53 Uhr" << "de" << "2017-04-28T11:53:00Z" << false;
    QTest::newRow("pl genitive month abbreviation") << "14 lip 2015 o godz. 00:25" << "pl" << "2015-07-14T00:25:00Z" << false;
    QTest::newRow("ru genitive month, no time") << "понедельник, 6 октября 2014 г." << "ru" << "2014-10-06T00:00:00Z" << false;
    QTest::newRow("uk abbreviated month") << "30 серп. 2016 р. 20:45" << "uk" << "2016-08-30T20:45:00Z" << false;
    QTest::newRow("es de ... de") << "sábado, 6 de septiembre de 2025 14:09" << "es" << "2025-09-06T14:09:00Z" << false;
    QTest::newRow("sv den") << "den 5 juni 2017 12:22" << "sv" << "2017-06-05T12:22:00Z" << false;
    QTest::newRow("no kl. with dotted time") << "15. jun. 2016 kl. 20.42" << "no" << "2016-06-15T20:42:00Z" << false;
    QTest::newRow("old Outlook month-dd-yy") << "March-09-12 4:22 PM" << "en" << "2012-03-09T16:22:00Z" << false;
    QTest::newRow("ambiguous numeric, en: month first") << "03/06/2023 14:02" << "en" << "2023-03-06T14:02:00Z" << false;
    QTest::newRow("ambiguous numeric, fr: day first") << "03/06/2023 14:02" << "fr" << "2023-06-03T14:02:00Z" << false;
    QTest::newRow("Outlook bidi marks") << "\u200e16/\u200e02/\u200e2016 14:53" << "es" << "2016-02-16T14:53:00Z" << false;
    QTest::newRow("no date at all") << "yesterday afternoon" << "en" << "" << false;
    QTest::newRow("empty") << "" << "" << "" << false;
    QTest::newRow("February 30") << "2023-02-30 10:00" << "" << "" << false;
    QTest::newRow("month 31") << "31/31/2023" << "fr" << "" << false;
    QTest::newRow("too long to be a date") << QString(300, u'1') << "" << "" << false;
}

void TestQuotedDate::quotedDates()
{
    QFETCH(QString, text);
    QFETCH(QString, language);
    QFETCH(QString, utc);
    QFETCH(bool, zone);
    const auto r = QuotedDate::parse(text, language);
    QCOMPARE(r ? r->utc.toString(Qt::ISODate) : QString(), utc);
    QCOMPARE(r && r->hasZone, zone);
    if (r)
        QCOMPARE(r->utc.timeSpec(), Qt::UTC);
}

void TestQuotedDate::dateLength_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("date");
    QTest::newRow("clock with zone") << "Tue, 22 Dec 2015 14:17:36 +0530 Sam Saffron" << "Tue, 22 Dec 2015 14:17:36 +0530";
    QTest::newRow("clock with am/pm") << "Mon, Apr 2, 2012 at 6:26 PM, Megan One" << "Mon, Apr 2, 2012 at 6:26 PM";
    QTest::newRow("year only") << "El jueves, 21 de noviembre de 2013, codinghorror" << "El jueves, 21 de noviembre de 2013";
    QTest::newRow("numeric date only") << "Wed, 4/4/12, xxx@example.com" << "Wed, 4/4/12";
    QTest::newRow("no date") << "Some One" << "";
}

void TestQuotedDate::dateLength()
{
    QFETCH(QString, text);
    QFETCH(QString, date);
    QCOMPARE(text.left(QuotedDate::length(text)), date);
}

// Clocks in ASCII text are read by hand, in other text by the regex. A text with " é" appended reads the same
// date through the regex: both must agree on random mixes of digits, separators, zones and am/pm marks.
void TestQuotedDate::asciiClocksReadAsTheRegexReadsThem()
{
    const QStringList pieces = {u"0"_qs, u"1"_qs, u"2"_qs, u"3"_qs, u"9"_qs, u"12"_qs, u"23"_qs, u"24"_qs, u"59"_qs, u"60"_qs,
                                u"2023"_qs, u"06.03.2023"_qs, u" "_qs, u":"_qs, u"."_qs, u"h"_qs, u"H"_qs, u"/"_qs, u"+"_qs, u"-"_qs,
                                u"am"_qs, u"PM"_qs, u"p.m."_qs, u"GMT"_qs, u"+0100"_qs, u"(CET)"_qs, u"Mon,"_qs, u"Mar"_qs,
                                u"at"_qs, u"14:02"_qs, u"1:29"_qs, u"20.42"_qs, u"14h02"_qs, u"03.08.21"_qs, u"GMT+01:00"_qs};
    QRandomGenerator random(2026);
    int clocks = 0;
    for (int n = 0; n < 20000; ++n) {
        QString text;
        for (int k = 0, parts = 3 + int(random.bounded(6)); k < parts; ++k)
            text += pieces[random.bounded(int(pieces.size()))];
        const QString viaRegex = text + u" é"_qs;
        QCOMPARE(QuotedDate::length(text), QuotedDate::length(viaRegex));
        const auto a = QuotedDate::parse(text), b = QuotedDate::parse(viaRegex);
        QCOMPARE(a.has_value(), b.has_value());
        if (a) {
            QCOMPARE(a->utc, b->utc);
            QCOMPARE(a->hasZone, b->hasZone);
            ++clocks;
        }
    }
    QVERIFY(clocks > 1000); // the mixes hold dates, not only noise
}

QTEST_GUILESS_MAIN(TestQuotedDate)
#include "tst_quoteddate.moc"
