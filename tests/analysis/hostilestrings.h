#pragma once

#include <QString>
#include <QStringList>

// Inputs that have broken parsers elsewhere: every identity and text function must survive them.
inline QStringList hostileStrings()
{
    const QString nul = QString("a") + QChar(0) + "b@c.com";
    return {"", "@", "@@@", "a@b@c", "..", ".", "xn--", "xn--a.com", "xn--ls8h.la", QString(10000, u'a'),
            QString(300, u'.'), QStringList(200, "a").join(u'.'), QString(QChar(0xD800)) + "x.com", nul,
            "(((((", "[[[[]]", "\"'\"'", "<>", "<@>", "Doe, , , ,", ", ,", QString(500, u','), "\u200b\u200b@\u200b.com",
            "x@" + QString("a.").repeated(3000) + "!", "@" + QString(5000, u'@'),
            QString::fromUtf8("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80@\xf0\x9f\x98\x80.com")};
}
